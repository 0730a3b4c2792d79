"""Checks what the test SMTP server received against the outbox (evalreport outbox list --json).

    mail_check.py messages SERVER_DIR OUTBOX_JSON   every sent delivery arrived once per accepted
                                                    recipient with its headers, its Danish subject
                                                    decoded back to the same UTF-8 and its PDF
                                                    byte-identical to the file in the out dir
    mail_check.py once SERVER_DIR OUTBOX_JSON       each (Message-ID, recipient) the outbox counts
                                                    as sent was accepted exactly once, except that a
                                                    delivery the outbox reports as sent more than once
                                                    (an interrupted send) may have one duplicate
Prints one line and exits non-zero on the first problem.
"""
import collections
import email
import email.policy
import glob
import json
import os
import sys


def load(server_dir):
    msgs = []
    for path in sorted(glob.glob(os.path.join(server_dir, "*.eml"))):
        with open(path, "rb") as f:
            msgs.append(email.message_from_bytes(f.read(), policy=email.policy.default))
    return msgs


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def accepted(server_dir):
    counts = collections.Counter()
    path = os.path.join(server_dir, "accepted.log")
    if os.path.exists(path):
        for line in open(path):
            mid, rcpt = line.split()
            counts[(mid, rcpt)] += 1
    return counts


def main():
    mode, server_dir, outbox_file = sys.argv[1:4]
    outbox = json.load(open(outbox_file, encoding="utf-8"))
    msgs = load(server_dir)
    counts = accepted(server_dir)
    by_id = collections.defaultdict(list)
    for m in msgs:
        by_id[m["Message-ID"]].append(m)
    checked = 0
    for d in outbox:
        sent = [r["address"] for r in d["recipients"] if r["state"] == "sent"]
        for r in sent:
            n = counts[(d["message_id"], r)]
            allowed = 2 if d["sends"] > 1 else 1
            if n < 1 or n > allowed:
                fail("%s: %s accepted %d times for %s (sends %d)" % (d["id"], r, n, d["message_id"], d["sends"]))
        for r in d["recipients"]:
            if r["state"] == "rejected" and counts[(d["message_id"], r["address"])]:
                fail("%s: rejected recipient %s got the message" % (d["id"], r["address"]))
        if mode != "messages" or d["state"] != "sent":
            continue
        got = by_id.get(d["message_id"], [])
        if len(got) != 1:
            fail("%s: %d messages with %s" % (d["id"], len(got), d["message_id"]))
        m = got[0]
        if m["Subject"] != d["subject"]:
            fail("%s: subject %r, outbox has %r" % (d["id"], m["Subject"], d["subject"]))
        if m["X-Evalreport-Delivery"] != d["id"]:
            fail("%s: X-Evalreport-Delivery %r" % (d["id"], m["X-Evalreport-Delivery"]))
        if m["From"].addresses[0].addr_spec != "evaluering@example.dk":
            fail("%s: From %r" % (d["id"], m["From"]))
        heads = [a.addr_spec for a in m["To"].addresses] + ([a.addr_spec for a in m["Cc"].addresses] if m["Cc"] else [])
        if sorted(heads) != sorted(r["address"] for r in d["recipients"]):
            fail("%s: To/Cc %r" % (d["id"], heads))
        if m["Auto-Submitted"] != "auto-generated" or m["Date"] is None:
            fail("%s: Auto-Submitted/Date missing" % d["id"])
        body = m.get_body(("plain",))
        if body.get_content_charset() != "utf-8":
            fail("%s: body charset %r" % (d["id"], body.get_content_charset()))
        atts = list(m.iter_attachments())
        if len(atts) != 1 or atts[0].get_content_type() != "application/pdf":
            fail("%s: attachments %r" % (d["id"], [a.get_content_type() for a in atts]))
        data = atts[0].get_content()
        with open(d["pdf"], "rb") as f:
            if data != f.read():
                fail("%s: attachment differs from %s" % (d["id"], d["pdf"]))
        if atts[0].get_filename() != os.path.basename(d["pdf"]):
            fail("%s: attachment name %r" % (d["id"], atts[0].get_filename()))
        checked += 1
    print("ok: %d messages checked, %d accepted recipient lines" % (checked, sum(counts.values())))


if __name__ == "__main__":
    main()
