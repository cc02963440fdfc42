#!/usr/bin/env python3
"""Writes the web-input fixtures (tests/fixtures/web) from Wikinews 2019 articles (CC BY 2.5).

    tools/web_fixtures.py [../shared/corpus/wikinews/wikinews_2019.csv]

The article texts are copied unchanged from the shared Wikinews corpus; only the wrapping is
written here: a page laid out as a Wikinews page is (site navigation, a donation banner, an
image caption, the sources list, related news, the opinion box, readers' comments,
categories and the licence footer around the article), an RSS 2.0 feed and an Atom feed. tests/web_inputs.rs reads them.
"""

import csv
import html
import json
import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
CORPUS = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared/corpus/wikinews/wikinews_2019.csv"
OUT = REPO / "tests/fixtures/web"
WIKI = "https://en.wikinews.org//wiki/"

PAGE = "Louisiana_declares_state_of_emergency_as_Tropical_Storm_Barry_approaches_U.S._coast"
RSS_FULL = "Oil_facilities_in_Saudi_Arabia_hit_by_drone_attacks"
RSS_SUMMARY = "Hotel_fire_kills_at_least_seventeen_in_Karol_Bagh,_New_Delhi"
ATOM_FULL = "Zebra_stripes_may_%27dazzle%27_pathogen-packing_horse_flies,_say_scientists"
ATOM_SUMMARY = "Notre_Dame_in_Paris_catches_fire"
USED = [PAGE, RSS_FULL, RSS_SUMMARY, ATOM_FULL, ATOM_SUMMARY]


def articles():
    csv.field_size_limit(1 << 30)
    with open(CORPUS, newline="", encoding="utf-8") as f:
        by_url = {row["url"]: row for row in csv.DictReader(f)}
    return {slug: by_url[WIKI + slug] for slug in USED}


def paragraphs(article):
    """The body's paragraphs, without the dateline that opens every Wikinews text."""
    parts = [p.strip() for p in article["text"].split("\n\n")]
    return [p for p in parts if p][1:]


def page(article):
    title = html.escape(article["title"])
    url = html.escape(article["url"])
    date = article["date"]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(article))
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article["title"],
            "url": article["url"],
            "datePublished": f"{date}T14:05:00Z",
            "author": {"@type": "Organization", "name": "Wikinews contributors"},
            "publisher": {"@type": "Organization", "name": "Wikinews"},
        },
        indent=1,
    )
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="UTF-8">
<title>{title} - Wikinews, the free news source</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="Wikinews">
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{date}T14:05:00Z">
<meta name="author" content="Wikinews contributors">
<script type="application/ld+json">
{ld}
</script>
</head>
<body class="mediawiki ltr skin-vector action-view">
<div id="siteNotice"><div class="banner"><a href="https://donate.wikimedia.org/">Please donate to keep Wikinews free: every gift counts this week</a></div></div>
<div id="mw-page-base"></div>
<div id="content" class="mw-body" role="main">
<h1 id="firstHeading" class="firstHeading">{title}</h1>
<div id="bodyContent" class="mw-body-content">
<div id="siteSub">From Wikinews, the free news source you can write!</div>
<div id="mw-content-text" class="mw-content-ltr"><div class="mw-parser-output">
<div class="infobox" style="float:right"><div class="infobox-title">Related news</div>
<ul><li><a href="/wiki/Hurricane_season_begins">Atlantic hurricane season opens with record forecast</a></li>
<li><a href="/wiki/Levee_report">Army engineers publish levee inspection report</a></li></ul></div>
<p><strong class="published"><span id="publishDate">{date}</span></strong></p>
<div class="thumb tright"><div class="thumbinner"><img src="//upload.wikimedia.org/storm.jpg" alt="" width="250">
<div class="thumbcaption">Satellite image of the storm system over the Gulf. Image: NASA.</div></div></div>
{body}
<h2><span class="mw-headline" id="Sources">Sources</span></h2>
<ul><li><span class="sourceTemplate"><a class="external text" href="https://example.org/storm">"Storm watch issued for Gulf coast"</a> &#8212; <i>Example Wire</i></span></li></ul>
<div class="opinion-box"><b>Have an opinion on this story?</b> <a href="/wiki/Comments:{url.rsplit('/', 1)[-1]}">Share it with other readers</a></div>
<div class="share-box">Share this: <a href="https://twitter.com/share">Twitter</a> <a href="https://facebook.com/share">Facebook</a> <a href="https://reddit.com/submit">Reddit</a></div>
</div></div>
<div id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>They should have left sooner, the levees are older than anyone admits.</p></div>
<div class="comment"><p>Stay safe everyone on the coast this weekend.</p></div></div>
<div id="catlinks" class="catlinks"><div id="mw-normal-catlinks">Categories: <ul><li><a href="/wiki/Category:Weather">Weather</a></li><li><a href="/wiki/Category:Louisiana">Louisiana</a></li></ul></div></div>
</div>
</div>
<div id="mw-navigation">
<h2>Navigation menu</h2>
<div id="p-navigation" class="portal"><ul>
<li><a href="/wiki/Main_Page">Main page</a></li><li><a href="/wiki/Special:NewsFeed">Latest news</a></li>
<li><a href="/wiki/Wikinews:Writing_an_article">Write an article</a></li><li><a href="/wiki/Special:Random">Random article</a></li>
</ul></div>
</div>
<div id="footer" role="contentinfo">
<ul id="footer-info"><li>This page was last edited on 13 July 2019.</li>
<li>All text created after September 25, 2005 available under the terms of the Creative Commons Attribution 2.5 License.</li></ul>
<ul id="footer-places"><li><a href="/wiki/Wikinews:Privacy_policy">Privacy policy</a></li><li><a href="/wiki/Wikinews:Disclaimer">Disclaimers</a></li></ul>
</div>
</body>
</html>
"""


def html_paragraphs(article):
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(article))


def rss_date(iso):
    import datetime

    day = datetime.date.fromisoformat(iso)
    return day.strftime("%a, %d %b %Y 16:00:00 +0000")


def rss(by_slug):
    full, summary = by_slug[RSS_FULL], by_slug[RSS_SUMMARY]
    first = paragraphs(full)[0]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Wikinews</title>
  <link>https://en.wikinews.org/</link>
  <description>Latest news from Wikinews, the free news source</description>
  <item>
    <title>{html.escape(full["title"])}</title>
    <link>{html.escape(full["url"])}</link>
    <guid>{html.escape(full["url"])}</guid>
    <pubDate>{rss_date(full["date"])}</pubDate>
    <dc:creator>Wikinews contributors</dc:creator>
    <description>{html.escape(first)}</description>
    <content:encoded><![CDATA[{html_paragraphs(full)}]]></content:encoded>
  </item>
  <item>
    <title>{html.escape(summary["title"])}</title>
    <link>{html.escape(summary["url"])}</link>
    <pubDate>{rss_date(summary["date"])}</pubDate>
    <description>{html.escape("<p>" + html.escape(paragraphs(summary)[0]) + "</p>")}</description>
  </item>
  <item>
    <title>Photo gallery: Notre Dame after the fire</title>
    <link>https://commons.wikimedia.org/wiki/Category:Notre-Dame_de_Paris_fire</link>
    <pubDate>{rss_date("2019-04-17")}</pubDate>
  </item>
</channel>
</rss>
"""


def atom(by_slug):
    full, summary = by_slug[ATOM_FULL], by_slug[ATOM_SUMMARY]
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wikinews: Science and technology</title>
  <id>https://en.wikinews.org/wiki/Portal:Science_and_technology</id>
  <updated>{full["date"]}T18:00:00Z</updated>
  <link href="https://en.wikinews.org/wiki/Portal:Science_and_technology"/>
  <entry>
    <title>{html.escape(full["title"])}</title>
    <id>{html.escape(full["url"])}</id>
    <link rel="alternate" href="{html.escape(full["url"])}"/>
    <link rel="enclosure" href="https://upload.wikimedia.org/zebra.jpg" type="image/jpeg"/>
    <published>{full["date"]}T17:00:00Z</published>
    <updated>{full["date"]}T18:00:00Z</updated>
    <author><name>Wikinews contributors</name></author>
    <content type="html">{html.escape(html_paragraphs(full))}</content>
  </entry>
  <entry>
    <title>{html.escape(summary["title"])}</title>
    <id>{html.escape(summary["url"])}</id>
    <link href="{html.escape(summary["url"])}"/>
    <updated>{summary["date"]}T09:00:00Z</updated>
    <summary>{html.escape(paragraphs(summary)[0])}</summary>
  </entry>
</feed>
"""


def main():
    by_slug = articles()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "storm-barry.html").write_text(page(by_slug[PAGE]), encoding="utf-8")
    (OUT / "wikinews.rss").write_text(rss(by_slug), encoding="utf-8")
    (OUT / "science.atom").write_text(atom(by_slug), encoding="utf-8")
    urls = "\n".join(f"- <{WIKI}{slug}>" for slug in USED)
    (OUT / "README.md").write_text(
        f"""# Web-input fixtures

Written by `tools/web_fixtures.py` from the shared Wikinews 2019 corpus; `tests/web_inputs.rs`
reads them. The article texts are copied unchanged; the page around `storm-barry.html`'s article
(navigation, banner, caption, sources, related news, opinion and share boxes, categories,
footer, and the readers' comments many news sites add) and the two feeds' wrapping are written
by the script, laid out as Wikinews lays out its pages, so that the tests can check what is
article and what is not.

## Credit and licence

The articles are by the contributors of [Wikinews](https://en.wikinews.org/), published under
the [Creative Commons Attribution 2.5 licence](https://creativecommons.org/licenses/by/2.5/)
(CC BY 2.5). The articles and their authors' history are at:

{urls}
""",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
