#!/usr/bin/env python3
"""What SQLite alone costs for the rows one publish and its delivery write, on this machine.

Replays the store writer's row writes against a copy of a bench run's SQLite file, through
Python's built-in sqlite3 module (a thin C binding, so almost all of the time is SQLite's and the
kernel's): per publish an event row and its delivery rows, leased, in groups of G publishes per
transaction, each publish in a savepoint as the group committer runs it; then per delivery the
outcome update and the attempt row, a group's outcomes in one transaction and one savepoint. Ids
are time-ordered like the service's. Prints the process's CPU time (user + system) and wall time
per publish. The pragmas are the store's: WAL, synchronous=FULL, foreign keys, temp_store=MEMORY.

    cp webhooks-bench/target/runs/fanout-sqlite-<time>/fanout-data/webhooks.db /tmp/floor.db
    python3 webhooks-bench/tools/sqlite-write-floor.py /tmp/floor.db 20000 8 [fanout=10]

Options after the group size: "fanout=N" gives each event N deliveries, to the first N endpoints
of the file, as a fan-out does (default 1); "nosavepoints" leaves the savepoints out; SYNC=OFF
(environment) shows what the commits' fsyncs cost. The file grows by the rows written; use a copy.
"""
import itertools
import os
import random
import resource
import sqlite3
import sys
import time

PAYLOAD = (b'{"test_id":"tst_01JQ","candidate":{"name":"Adaeze Okafor","email":"adaeze.okafor@example.com"},'
           b'"submitted_at":"2026-05-05T13:58:41.512Z","score":87,"passed":true}')
REQUEST_HEADERS = ("content-type: application/json\nwebhook-id: msg_x\nwebhook-timestamp: 1700000000\n"
                   "webhook-signature: v1," + "A" * 44 + "\nuser-agent: SmartComply-Webhooks\n")

INSERT_EVENT = ("INSERT INTO events (id, account_id, mode, type, payload, created_at, idempotency_key,"
                " request_fingerprint, traceparent) VALUES (?, ?, 'live', 'test.submitted', ?, ?, NULL, NULL, NULL)")
INSERT_DELIVERY = ("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status,"
                   " attempt_count, next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at,"
                   " mode, state) VALUES (?, ?, ?, ?, 'test.submitted', 'pending', 0, ?, 'node', ?, ?, ?,"
                   " 'live', 'leased')")
RECORD_OUTCOME = ("UPDATE deliveries SET status = 'succeeded', attempt_count = 1, state = 'succeeded',"
                  " next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, last_status = 200,"
                  " last_error = NULL, last_attempt_at = ?, updated_at = ?"
                  " WHERE id = ? AND lease_owner = 'node' AND status = 'pending'")
INSERT_ATTEMPT = ("INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,"
                  " request_headers, response_status, response_headers, response_body,"
                  " response_body_truncated, error) VALUES (?, ?, 1, ?, 1, 'http://127.0.0.1:9/hook', ?, 200,"
                  " 'content-length: 0', x'', 0, NULL)")

_sequence = itertools.count(random.getrandbits(16))


def new_id(prefix):
    """48 bits of epoch milliseconds, a counter, random bits: sorts by time, like PrefixedIds."""
    high = (int(time.time() * 1000) << 16) | (next(_sequence) & 0xFFFF)
    return prefix + format(high, '016x') + format(random.getrandbits(64), '016x')


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def write_publishes(db, account, endpoints, group, savepoints, now):
    """One group commit of publishes, each an event and its deliveries. @return the delivery ids."""
    deliveries = []
    db.execute('BEGIN IMMEDIATE')
    for _ in range(group):
        if savepoints and group > 1:  # the group committer runs a lone unit without one
            db.execute('SAVEPOINT unit')
        event = new_id('evt_')
        db.execute(INSERT_EVENT, (event, account, PAYLOAD, now))
        for endpoint in endpoints:
            delivery = new_id('dlv_')
            db.execute(INSERT_DELIVERY, (delivery, account, event, endpoint, now + 60000, now + 60000, now, now))
            deliveries.append(delivery)
        if savepoints and group > 1:
            db.execute('RELEASE unit')
    db.execute('COMMIT')
    return deliveries


def write_outcomes(db, deliveries, savepoints, now):
    """The attempt outcomes of these deliveries, queued together: one transaction, one savepoint."""
    db.execute('BEGIN IMMEDIATE')
    if savepoints:
        db.execute('SAVEPOINT outcomes')
    for delivery in deliveries:
        db.execute(RECORD_OUTCOME, (now, now, delivery))
        db.execute(INSERT_ATTEMPT, (new_id('att_'), delivery, now, REQUEST_HEADERS))
    if savepoints:
        db.execute('RELEASE outcomes')
    db.execute('COMMIT')


def main():
    path, publishes, group = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    savepoints = 'nosavepoints' not in sys.argv[4:]
    fanout = next((int(a.split('=')[1]) for a in sys.argv[4:] if a.startswith('fanout=')), 1)
    synchronous = os.environ.get('SYNC', 'FULL')
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ('journal_mode = WAL', 'synchronous = ' + synchronous, 'foreign_keys = ON',
                   'temp_store = MEMORY'):
        db.execute('PRAGMA ' + pragma)
    rows = db.execute('SELECT DISTINCT account_id, endpoint_id FROM deliveries ORDER BY endpoint_id').fetchall()
    if len(rows) < fanout:
        sys.exit(f'the file has deliveries to {len(rows)} endpoints: copy the data file of a bench run with {fanout}')
    account, endpoints = rows[0][0], [row[1] for row in rows[:fanout]]

    cpu_start, wall_start = cpu_seconds(), time.monotonic()
    previous = None  # the group before this one, whose attempts have answered by now
    for _ in range(publishes // group):
        now = int(time.time() * 1000)
        deliveries = write_publishes(db, account, endpoints, group, savepoints, now)
        if previous:
            write_outcomes(db, previous, savepoints, now)
        previous = deliveries
    cpu, wall = cpu_seconds() - cpu_start, time.monotonic() - wall_start
    print(f'{publishes} publishes of {fanout} deliveries, {group} per transaction, savepoints '
          f'{"on" if savepoints else "off"}, synchronous={synchronous}: '
          f'{1e6 * cpu / publishes:.1f} µs CPU and {1e6 * wall / publishes:.1f} µs wall per publish, '
          f'{1e6 * cpu / publishes / fanout:.1f} µs CPU per delivery')


if __name__ == '__main__':
    main()
