#!/usr/bin/env bash
# Where the due state lives, measured in PostgreSQL alone (docs/benchmarks.md, "A queue table of
# its own"): runs one event's write pattern on design A (main's schema) and design B (a separate
# queue table), alternately, for 40 s each with 2 clients, and prints the events per second.
# Run as root on a box with a local PostgreSQL; it creates and drops a scratch database.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work=$(mktemp -d) && cp "$here"/*.sql "$work" && chmod -R a+rX "$work"
db=queue_table_scratch
su postgres -c "psql -qc 'DROP DATABASE IF EXISTS $db' -c 'CREATE DATABASE $db'"
for design in a b a b; do
  su postgres -c "psql -q -d $db -f $work/schema_$design.sql -f $work/prefill_$design.sql" 2>/dev/null
  printf 'design %s: ' "$design"
  su postgres -c "pgbench -n -M prepared -c 2 -j 1 -T ${SECONDS_EACH:-40} -f $work/lifecycle_$design.sql $db" 2>&1 | grep '^tps'
done
su postgres -c "psql -qc 'DROP DATABASE $db'"
rm -rf "$work"
