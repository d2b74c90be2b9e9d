#!/usr/bin/env bash
# npm run bench — builds, installs wrk when missing (Debian package), and runs the benchmark with
# a hard time limit (RUN_TIMEOUT seconds, default 1200). All knobs of bench/bench.ts pass through.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
exec timeout -k 15 "${RUN_TIMEOUT:-1200}" node dist/bench/bench.js
