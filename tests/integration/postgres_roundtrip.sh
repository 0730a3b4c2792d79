#!/bin/bash
# PostgreSQL round trip against a real server: starts PostgreSQL 15 from the Debian package on
# a free loopback port in a temporary directory, loads the aeldre sample's CSV files with psql
# into typed tables (dates, integers, numeric), points a copy of its project.yaml at the
# database and checks that `evalreport stats` gives exactly the numbers it gives from the CSV
# files; then that a bad value is reported as "query 'name' row N" and a wrong password is
# refused without being shown. The server is stopped and the directory removed on any exit.
#
# usage: postgres_roundtrip.sh <evalreport binary> <source dir>
set -euo pipefail
BIN=$1
SRC=$2
PGBIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/evalreport-pg-XXXXXX)
chmod 755 "$WORK"

# PostgreSQL refuses to run as root: run the server tools as the package's postgres user.
AS=()
if [ "$(id -u)" = 0 ]; then
    AS=(runuser -u postgres --)
    chown postgres: "$WORK"
fi
cleanup() {
    if [ -f "$WORK/db/postmaster.pid" ]; then "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/db" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PASSWORD="pw-$RANDOM-$RANDOM"
printf '%s\n' "$PASSWORD" > "$WORK/pwfile"
chmod 644 "$WORK/pwfile"
"${AS[@]}" "$PGBIN/initdb" -D "$WORK/db" -U evaluator --pwfile="$WORK/pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
rm -f "$WORK/pwfile"
"${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/db" -w -t 60 -l "$WORK/db/server.log" \
    -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
"$PGBIN/pg_isready" -h 127.0.0.1 -p "$PORT" -t 30 >/dev/null

export PGPASSWORD="$PASSWORD"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U evaluator)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE registrering"

# Each CSV into a table of text columns, then typed: dates, whole numbers and decimals.
DATA="$SRC/samples/aeldre/data"
for f in "$DATA"/*.csv; do
    t=$(basename "$f" .csv)
    cols=$(head -1 "$f" | sed 's/^\xEF\xBB\xBF//; s/\r$//; s/;/ text, /g')
    "${PSQL[@]}" -d registrering -c "CREATE TABLE $t ($cols text)"
    "${PSQL[@]}" -d registrering -c "\\copy $t FROM '$f' WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'UTF8')"
done
"${PSQL[@]}" -d registrering <<'SQL'
DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' LOOP
    IF c.column_name IN ('dato', 'startdato', 'slutdato') THEN
      EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE date USING to_date(%I, ''DD-MM-YYYY'')', c.table_name, c.column_name, c.column_name);
    ELSIF c.column_name = 'alder' OR c.column_name LIKE 'who5\_%' OR c.column_name LIKE 'inspire%' THEN
      EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE integer USING %I::integer', c.table_name, c.column_name, c.column_name);
    ELSIF c.column_name = 'varighed_timer' THEN
      EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE numeric(6,2) USING replace(%I, '','', ''.'')::numeric', c.table_name, c.column_name, c.column_name);
    END IF;
  END LOOP;
END $$;
SQL

# The sample's project.yaml, reading every table from the database instead of its file.
mkdir -p "$WORK/project"
python3 - "$SRC/samples/aeldre/project.yaml" "$WORK/project/project.yaml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"^(\s+)source: data/(\w+)\.csv$", r"\1connection: registrering\n\1query: SELECT * FROM \2 ORDER BY 1", text, flags=re.M)
text += ("\nconnections:\n  registrering: {kind: postgresql, host: 127.0.0.1, port: 5432, dbname: registrering,"
         " user: evaluator, password_env: EVALREPORT_TEST_PG_PASSWORD}\n")
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
grep -q "query: SELECT \* FROM spoergeskema" "$WORK/project/project.yaml"

export EVALREPORT_TEST_PG_PASSWORD="$PASSWORD" EVALREPORT_PG_PORT="$PORT" SOURCE_DATE_EPOCH=1730332800
unset PGPASSWORD
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$BIN" validate "$WORK/project/project.yaml") || fail "validate against the database: $out"
[ "$out" = "0 errors, 0 warnings" ] || fail "validate printed: $out"

"$BIN" stats "$SRC/samples/aeldre/project.yaml" --template status-note > "$WORK/from-csv.json"
"$BIN" stats "$WORK/project/project.yaml" --template status-note > "$WORK/from-db.json"
cmp -s "$WORK/from-csv.json" "$WORK/from-db.json" || { diff "$WORK/from-csv.json" "$WORK/from-db.json" | head -20 >&2; fail "stats differ between CSV and PostgreSQL"; }

# A bad value: named by query and row, and render refuses.
PGPASSWORD="$PASSWORD" "${PSQL[@]}" -d registrering -c "UPDATE borgere SET kommune = 'Oder' WHERE borger_id = (SELECT min(borger_id) FROM borgere)"
set +e
out=$("$BIN" validate "$WORK/project/project.yaml"); rc=$?
set -e
[ $rc = 2 ] || fail "validate exit $rc, expected 2"
expected="query 'borgere' row 1: error: unknown value 'Oder' in column 'kommune'; did you mean 'Odder'?"
[ "$(printf '%s\n' "$out" | head -1)" = "$expected" ] || fail "first line: $(printf '%s\n' "$out" | head -1)"

# A wrong password is refused and never printed.
set +e
out=$(EVALREPORT_TEST_PG_PASSWORD=forkert-kodeord "$BIN" validate "$WORK/project/project.yaml" 2>&1); rc=$?
set -e
[ $rc = 2 ] || fail "wrong password: exit $rc: $out"
case "$out" in
    *"cannot connect to PostgreSQL database 'registrering' on 127.0.0.1:$PORT"*) ;;
    *) fail "wrong password message: $out" ;;
esac
case "$out" in *forkert-kodeord*|*"$PASSWORD"*) fail "a password was printed" ;; esac
echo "1 passed, 0 failed"
