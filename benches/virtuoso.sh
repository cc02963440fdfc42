#!/usr/bin/env bash
# Starts Virtuoso Open Source 7.2 (Debian's virtuoso-opensource) in a throwaway directory,
# lets its anonymous SPARQL user write (a local test server only), and prints the URL of
# its SPARQL endpoint. Run by hand: `benches/virtuoso.sh start DIR`, then `stop DIR`.
#
#   benches/virtuoso.sh start /tmp/virtuoso     # prints http://127.0.0.1:8891/sparql
#   benches/virtuoso.sh stop /tmp/virtuoso
#
# Ports: HTTP 8891 and SQL 1112 (VIRTUOSO_HTTP_PORT, VIRTUOSO_SQL_PORT), beside a system
# Virtuoso on the default 8890 and 1111. Memory: NumberOfBuffers 170000 (about 1.3 GB, the
# ini's suggestion for 2 GB free); ResultSetMaxRows lifted, so a lookup gets every row.
set -euo pipefail
action=${1:?usage: virtuoso.sh start|stop DIR}
dir=${2:?usage: virtuoso.sh start|stop DIR}
http_port=${VIRTUOSO_HTTP_PORT:-8891}
sql_port=${VIRTUOSO_SQL_PORT:-1112}
command -v virtuoso-t >/dev/null || { echo "virtuoso-t missing: apt-get install -y virtuoso-opensource" >&2; exit 3; }

isql() { isql-vt "$sql_port" dba dba "$@"; }

case "$action" in
start)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  sed -e "s|/var/lib/virtuoso-opensource-7/db/|$dir/|" \
      -e "s|^ServerPort *= *1111|ServerPort = $sql_port|" \
      -e "s|^ServerPort *= *8890|ServerPort = $http_port|" \
      -e "s|^NumberOfBuffers *= *10000|NumberOfBuffers = 170000|" \
      -e "s|^MaxDirtyBuffers *= *6000|MaxDirtyBuffers = 130000|" \
      -e "s|^ResultSetMaxRows *=.*|ResultSetMaxRows = 10000000|" \
      -e "s|^MaxQueryExecutionTime *=.*|MaxQueryExecutionTime = 0|" \
      -e "s|^DirsAllowed *=.*|DirsAllowed = ., $dir, /usr/share/virtuoso-opensource-7/vad|" \
      /etc/virtuoso-opensource-7/virtuoso.ini >"$dir/virtuoso.ini"
  (cd "$dir" && virtuoso-t +configfile "$dir/virtuoso.ini" +wait >/dev/null)
  for _ in $(seq 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$http_port/sparql?query=ASK%7B%7D" && break
    sleep 1
  done
  # The anonymous SPARQL user may update and write every graph: a test server only.
  isql exec="grant SPARQL_UPDATE to \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" >/dev/null
  echo "http://127.0.0.1:$http_port/sparql"
  ;;
stop)
  isql exec="checkpoint; shutdown;" >/dev/null 2>&1 || true
  ;;
*) echo "usage: virtuoso.sh start|stop DIR" >&2; exit 2 ;;
esac
