# Shared by the delivery integration tests (sourced): a work directory removed on exit, SMTP
# servers (tests/integration/smtp_server.py on Debian's python3-aiosmtpd) started on free
# loopback ports and stopped on exit, readiness probes, and a schedule.yaml writer.
#
# usage in a test: source delivery_lib.sh <evalreport binary> <source dir>
set -euo pipefail
BIN=$1
SRC=$2
PY=/usr/bin/python3  # Debian's interpreter: the python3 on PATH may lack python3-aiosmtpd
HERE="$SRC/tests/integration"
WORK=$(mktemp -d /tmp/evalreport-delivery-XXXXXX)
export SOURCE_DATE_EPOCH=1730332800
unset EVALREPORT_SMTP_HOST EVALREPORT_SMTP_PORT EVALREPORT_TEST_CRASH
SERVERS=()

cleanup() {
    local pid
    for pid in "${SERVERS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

free_port() { $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Polls (up to 60 s) until `cmd...` succeeds, else returns 1: a readiness probe, never a
# fixed sleep. The limit only bounds a hang; a loaded CI machine may need much of it.
poll_until() {
    local i
    for i in $(seq 1200); do
        if "$@"; then return 0; fi
        sleep 0.05
    done
    return 1
}

wait_until() {
    local what=$1
    shift
    poll_until "$@" || fail "timed out waiting for $what"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_smtp NAME PORT [smtp_server.py options]: messages land in $WORK/NAME/.
start_smtp() {
    local name=$1 port=$2
    shift 2
    rm -f "$WORK/$name/ready"
    $PY "$HERE/smtp_server.py" --port "$port" --dir "$WORK/$name" "$@" >"$WORK/$name.log" 2>&1 &
    local pid=$!
    SERVERS+=("$pid")
    eval "SMTP_PID_$name=$pid"
    wait_until "SMTP server $name on port $port" test -f "$WORK/$name/ready"
    wait_until "port $port" port_open "$port"
}

stop_smtp() {
    local name=$1 var="SMTP_PID_$1"
    kill "${!var}"
    wait "${!var}" 2>/dev/null || true
}

# Accepted (Message-ID, recipient) lines at server NAME.
accepted() { cat "$WORK/$1/accepted.log" 2>/dev/null || true; }
accepted_count() { accepted "$1" | wc -l; }

# write_schedule DIR PORT [extra smtp lines] [extra job lines]: the aeldre sample's three
# municipalities; Vejen's Cc is an address the test server rejects when run with --reject afvist.
write_schedule() {
    local dir=$1 port=$2 smtp=${3:-} job=${4:-}
    mkdir -p "$dir/state"
    cat >"$dir/schedule.yaml" <<YAML
timezone: Europe/Copenhagen
state: state/outbox.db
pdf_dir: state/pdf
retry: {first: 60s, max: 10m, attempts: 5}
smtp:
  host: 127.0.0.1
  port: $port
  security: none
  from: "Evaluering, Social- og Boligstyrelsen <evaluering@example.dk>"
  timeout: 10s
$smtp
recipients:
  Hvidovre:
    to: ["Ældreområdet, Hvidovre Kommune <aeldre@hvidovre.example.dk>"]
    cc: [projektleder@hvidovre.example.dk]
  Vejen:
    to: ["Søren Østergård <soeren@vejen.example.dk>"]
    cc: [afvist@vejen.example.dk]
  Odder:
    to: [aeldre@odder.example.dk]
jobs:
  kvartal:
    cron: "0 7 5 1,4,7,10 *"
    project: $SRC/samples/aeldre/project.yaml
    template: status-note
    each: kommune
    period: previous_quarter
    since: 2024-01-01T00:00
    subject: "Statusnotat for {{ params.kommune }} Kommune – {{ period.label }} (nøgletal)"
    body: |
      Kære modtager

      Vedhæftet er statusnotatet for {{ params.kommune }} Kommune for {{ period.label }}.
      Registrerede borgere i alt: {{ keyfigures.registered.current }}.

      Venlig hilsen
      Evalueringsteamet
$job
YAML
}

# outbox_json DIR: `outbox list --json` of the schedule in DIR.
outbox_json() { "$BIN" outbox list "$1/schedule.yaml" --json; }
