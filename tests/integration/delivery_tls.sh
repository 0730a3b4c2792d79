#!/bin/bash
# TLS to the SMTP server with a certificate authority made here with openssl: STARTTLS with
# AUTH LOGIN, implicit TLS, and a certificate the system does not trust is refused (the
# deliveries stay queued) unless ca_file names the test's CA.
#
# usage: delivery_tls.sh <evalreport binary> <source dir>
source "$(dirname "$0")/delivery_lib.sh" "$@"

# A CA and a server certificate for localhost and 127.0.0.1, signed by it.
C="$WORK/certs"
mkdir -p "$C"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=evalreport test CA" -keyout "$C/ca.key" -out "$C/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$C/server.key" -out "$C/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' >"$C/ext.cnf"
openssl x509 -req -in "$C/server.csr" -CA "$C/ca.pem" -CAkey "$C/ca.key" -CAcreateserial -days 2 -extfile "$C/ext.cnf" \
    -out "$C/server.pem" 2>/dev/null

export TEST_SMTP_PASSWORD=tls-kodeord-41
PORT=$(free_port)
start_smtp starttls "$PORT" --starttls "$C/server.pem" "$C/server.key" --auth evalreport:tls-kodeord-41

# Without the test CA the certificate is not trusted: nothing is sent, everything stays queued.
U="$WORK/untrusted"
write_schedule "$U" "$PORT" "  security: starttls
  user: evalreport
  password_env: TEST_SMTP_PASSWORD"
sed -i 's/^  host: 127.0.0.1$/  host: localhost/; /^  security: none$/d' "$U/schedule.yaml"
set +e
out=$("$BIN" schedule "$U/schedule.yaml" --once --at 2024-04-05T07:00 2>&1); rc=$?
set -e
[ $rc = 75 ] || fail "untrusted certificate: exit $rc: $out"
case "$out" in *"3 waiting for a retry"*) ;; *) fail "untrusted certificate: $out" ;; esac
case "$out" in *ertificate*|*erify*) ;; *) fail "the error does not name the certificate: $out" ;; esac
[ "$(accepted_count starttls)" = 0 ] || fail "a message went over an unverified connection"

# With ca_file: STARTTLS, then AUTH over TLS.
T="$WORK/trusted"
write_schedule "$T" "$PORT" "  security: starttls
  ca_file: $C/ca.pem
  user: evalreport
  password_env: TEST_SMTP_PASSWORD
  auth: login"
sed -i 's/^  host: 127.0.0.1$/  host: localhost/; /^  security: none$/d' "$T/schedule.yaml"
out=$("$BIN" schedule "$T/schedule.yaml" --once --at 2024-04-05T07:00 2>&1) || true
case "$out" in *"3 sent, 0 failed"*) ;; *) fail "STARTTLS: $out" ;; esac
[ "$(accepted_count starttls)" = 5 ] || fail "STARTTLS: server accepted $(accepted_count starttls) recipient lines, expected 5"
outbox_json "$T" >"$WORK/trusted.json"
$PY "$HERE/mail_check.py" messages "$WORK/starttls" "$WORK/trusted.json"
grep -q "tls-kodeord-41" "$WORK/starttls.log" && fail "the password reached the server log"

# Implicit TLS (port 465 style).
PORT2=$(free_port)
start_smtp implicit "$PORT2" --tls "$C/server.pem" "$C/server.key"
I="$WORK/implicit"
write_schedule "$I" "$PORT2" "  security: tls
  ca_file: $C/ca.pem"
sed -i 's/^  host: 127.0.0.1$/  host: localhost/; /^  security: none$/d' "$I/schedule.yaml"
out=$("$BIN" schedule "$I/schedule.yaml" --once --at 2024-04-05T07:00 2>&1) || true
case "$out" in *"3 sent, 0 failed"*) ;; *) fail "implicit TLS: $out" ;; esac
[ "$(accepted_count implicit)" = 5 ] || fail "implicit TLS: server accepted $(accepted_count implicit)"
echo "1 passed, 0 failed"
