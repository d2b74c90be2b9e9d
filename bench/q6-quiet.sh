#!/usr/bin/env bash
# Q6 on a quiet machine: the floor and the API (this checkout's build) against a held synthetic
# district, in turn, ROUNDS rounds: req/s, p50/p99 at c = CONCURRENCY (wrk, 1 thread pinned to
# LOADGEN_CPUS), Node CPU per request (sequential and under wrk), PostgreSQL CPU per request, SQL
# statements per request, and whether the answer is the floor's (keys sorted).
#
# First hold a database, in another terminal, and wait for "holding the database":
#   HOLD=1 QUERIES=Q6 SERVERS=api npm run bench
# then:
#   bash bench/q6-quiet.sh
# Compare builds by naming their dist directories, e.g. one built at an older commit:
#   BUILDS=floor,before=/path/to/old/dist,api=dist bash bench/q6-quiet.sh
# (a build's directory must lie inside this checkout, so its node_modules resolve: bench/.run/ is
# ignored by git). The results go to stdout and bench/.run/q6-ab-<time>.json. Delete
# bench/.run/hold.json to end the held run.
set -euo pipefail
cd "$(dirname "$0")/.."
test -f bench/.run/hold.json || { echo "q6-quiet: no held database (bench/.run/hold.json); see the comment above" >&2; exit 1; }
command -v wrk >/dev/null || { echo "q6-quiet: wrk is not installed (bench/run.sh installs it)" >&2; exit 1; }
npm run build --silent
BUILDS="${BUILDS:-floor,api=dist}" ROUNDS="${ROUNDS:-3}" WRK_SECONDS="${WRK_SECONDS:-20}" WRK_WARMUP="${WRK_WARMUP:-5}" \
  CONCURRENCY="${CONCURRENCY:-16}" REQUESTS="${REQUESTS:-50}" WARMUP_REQUESTS="${WARMUP_REQUESTS:-10}" \
  exec node dist/bench/q6-ab.js
