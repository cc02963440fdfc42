"""Queries a running `hearsay serve --http` endpoint with rdflib's SPARQLStore and with
SPARQLWrapper, as RDF users would; run by tests/web/main.rs.

Usage: web_clients.py ENDPOINT CLAIMS, where CLAIMS is how many claims `hearsay query` counts.
Exits non-zero, saying what differed, when a client gets other answers.
"""

import sys

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
from urllib.error import HTTPError

HS = Namespace("https://w3id.org/hearsay/ontology#")
COUNT = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a hs:Claim }"


def check(what, got, expected):
    if got != expected:
        sys.exit(f"{what}: got {got!r}, expected {expected!r}")


def with_rdflib(endpoint, claims):
    store = SPARQLStore(endpoint, returnFormat="json")
    rows = list(store.query(COUNT))
    check("rdflib COUNT", int(rows[0][0]), claims)
    # rdflib's own triple pattern lookups go through SELECT over the default graph.
    typed = {s for (s, _, _), _ in store.triples((None, RDF.type, HS.Claim))}
    check("rdflib triples((None, rdf:type, hs:Claim))", len(typed), claims)
    graph = Graph(store=store)
    # Full IRIs: rdflib declares its own schema: (https://schema.org/) in every query it sends.
    constructed = graph.query(
        "CONSTRUCT { ?c <http://schema.org/text> ?t } "
        "WHERE { ?c a hs:Claim ; <http://schema.org/text> ?t } LIMIT 5"
    )
    check("rdflib CONSTRUCT triples", len(list(constructed)), 5)
    asked = graph.query("ASK { ?c hs:stance hs:Denied }")
    check("rdflib ASK", asked.askAnswer, True)
    print("rdflib SPARQLStore: ok")


def with_sparqlwrapper(endpoint, claims):
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(COUNT)
    sparql.setReturnFormat(JSON)
    answer = sparql.query().convert()
    check("SPARQLWrapper JSON", int(answer["results"]["bindings"][0]["n"]["value"]), claims)
    sparql.setReturnFormat(XML)
    answer = sparql.query().convert()
    check("SPARQLWrapper XML", int(answer.getElementsByTagName("literal")[0].firstChild.data), claims)
    sparql.setMethod(POST)
    sparql.setReturnFormat(CSV)
    answer = sparql.query().convert().decode()
    check("SPARQLWrapper CSV by POST", answer.splitlines(), ["n", str(claims)])
    sparql.setQuery("CONSTRUCT { ?c a hs:Claim } WHERE { ?c a hs:Claim }")
    sparql.setReturnFormat(TURTLE)
    turtle = sparql.query().convert()
    graph = Graph().parse(data=turtle, format="turtle")
    check("SPARQLWrapper CONSTRUCT as Turtle", len(graph), claims)
    update = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    update.setMethod(POST)
    update.setQuery("INSERT DATA { <http://example.org/x> a <http://example.org/Y> }")
    try:
        update.query()
        sys.exit("SPARQLWrapper: an update was accepted")
    except (HTTPError, SPARQLWrapperException) as refused:
        if "403" not in str(refused) and "read-only" not in str(refused):
            sys.exit(f"SPARQLWrapper: an update failed otherwise than refused: {refused}")
    print("SPARQLWrapper: ok")


if __name__ == "__main__":
    endpoint, claims = sys.argv[1], int(sys.argv[2])
    with_rdflib(endpoint, claims)
    with_sparqlwrapper(endpoint, claims)
