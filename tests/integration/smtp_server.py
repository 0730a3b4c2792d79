"""A real SMTP server for the delivery tests (aiosmtpd from Debian's python3-aiosmtpd).

Run with /usr/bin/python3 (the python3 on PATH may lack Debian's packages):

    /usr/bin/python3 smtp_server.py --port P --dir D [--starttls CERT KEY | --tls CERT KEY]
        [--auth USER:PASSWORD] [--reject TEXT] [--defer TEXT] [--kill-on-data N --kill-pid-file F]
        [--die-on-data N]

Every accepted message is written whole to D/NNNN.eml (first to a temporary name, then
renamed) and one line per accepted recipient is appended to D/accepted.log:
"<Message-ID> <recipient>". A RCPT whose address contains --reject text gets 550, --defer
text 450. With --kill-on-data N the server SIGKILLs the process whose pid is in the file
right after it has stored the N-th message and before it answers: the client dies in the
window between the server's acceptance and its own bookkeeping. With --die-on-data N the
server itself exits at once when the N-th message's data has arrived, storing and answering
nothing: the server goes away in the middle of a session. The server writes
"ready <port>" to D/ready when it listens.
"""
import argparse
import email
import email.policy
import os
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.reject and self.args.reject in address:
            return "550 5.1.1 <%s>: Recipient address rejected: no such mailbox" % address
        if self.args.defer and self.args.defer in address:
            return "450 4.2.1 <%s>: mailbox busy, try later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.args.die_on_data and self.count == self.args.die_on_data:
            os._exit(3)
        data = envelope.original_content or envelope.content
        msg = email.message_from_bytes(data, policy=email.policy.default)
        mid = msg.get("Message-ID", "<none>")
        name = os.path.join(self.args.dir, "%04d.eml" % self.count)
        tmp = name + ".tmp"
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, name)
        with open(os.path.join(self.args.dir, "accepted.log"), "a") as log:
            for r in envelope.rcpt_tos:
                log.write("%s %s\n" % (mid, r))
        if self.args.kill_on_data and self.count == self.args.kill_on_data:
            with open(self.args.kill_pid_file) as f:
                os.kill(int(f.read().strip()), signal.SIGKILL)
        return "250 2.0.0 Ok: queued"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)
    return check


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth")
    p.add_argument("--reject")
    p.add_argument("--defer")
    p.add_argument("--kill-on-data", type=int, default=0)
    p.add_argument("--kill-pid-file")
    p.add_argument("--die-on-data", type=int, default=0)
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    kwargs = {}
    ssl_context = None
    if args.starttls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*args.starttls)
        kwargs.update(tls_context=ctx, require_starttls=True)
    if args.tls:
        # A context usable on both sides: the Controller's own readiness check connects as a client.
        ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS)
        ssl_context.load_cert_chain(*args.tls)
    if args.auth:
        user, password = args.auth.split(":", 1)
        kwargs.update(authenticator=authenticator(user, password), auth_required=True,
                      auth_require_tls=bool(args.starttls or args.tls))
    controller = Controller(Handler(args), hostname="127.0.0.1", port=args.port, ssl_context=ssl_context,
                            server_hostname="localhost", decode_data=False, **kwargs)
    controller.start()
    with open(os.path.join(args.dir, "ready.tmp"), "w") as f:
        f.write("ready %d\n" % args.port)
    os.rename(os.path.join(args.dir, "ready.tmp"), os.path.join(args.dir, "ready"))
    signal.sigwait({signal.SIGTERM, signal.SIGINT})  # blocked in main(): wait here until told to stop
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
