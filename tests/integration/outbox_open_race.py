"""Opening a new outbox while another process is creating it (delivery_concurrency.sh).

    python3 outbox_open_race.py <evalreport> <schedule.yaml> <outbox.db>

Plays the other evalreport: holds the outbox lock file and an open write transaction in the
new database, starts `evalreport outbox list`, waits until /proc/locks shows that process
queued on the lock file (a real readiness probe, no sleep standing in for it), then lets go.
The second process must wait for the lock and succeed; switching the new file to WAL without
it fails at once with "database is locked" (SQLite has no busy handler for that switch).
"""
import fcntl
import sqlite3
import subprocess
import sys
import time

binary, schedule, db = sys.argv[1:4]
lock = open(db + ".lock", "a+")
fcntl.flock(lock, fcntl.LOCK_EX)
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
proc = subprocess.Popen([binary, "outbox", "list", schedule], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def queued(pid):
    with open("/proc/locks") as f:
        return any(" -> " in line and line.split()[5] == str(pid) for line in f if "FLOCK" in line)


deadline = time.monotonic() + 60
while not queued(proc.pid):
    if proc.poll() is not None:
        sys.exit("evalreport did not wait for the outbox lock; it exited %d: %s" % (proc.returncode, proc.stdout.read().decode()))
    if time.monotonic() > deadline:
        proc.kill()
        sys.exit("evalreport never queued on the outbox lock")
    time.sleep(0.01)  # polling a probe, not waiting for an outcome
conn.execute("ROLLBACK")
conn.close()
fcntl.flock(lock, fcntl.LOCK_UN)
out = proc.communicate()[0].decode()
if proc.returncode != 0:
    sys.exit("evalreport outbox list exited %d after the lock was released: %s" % (proc.returncode, out))
print("ok: a second process opening a new outbox waits for the first")
