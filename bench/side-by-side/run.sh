#!/usr/bin/env bash
# The side-by-side harness (../shared/side-by-side, read-only, not the project's) with the project's
# driver pieces on top: a temporary copy of the harness, driver.patch applied to it (the project's
# current sign-in, application role, signed row-level-security grant and limits; Q3; an optional
# second API build for an A/B in the same run), Q3.postgraphile.graphql added, then its run.sh.
# All knobs of the harness pass through (SERVERS QUERIES CONCURRENCY DURATION WARMUP SIZE PROFILE …),
# plus SBS_HARNESS (where the harness is; default ../shared/side-by-side from the project root) and
# BASE_ROOT (a checkout of another commit with dist/ built: servers api-base, api-base-node22).
#
#   bash bench/side-by-side/run.sh
#   SERVERS=floor,api,pg-rls QUERIES=Q1,Q2,Q3 CHECK_ONLY=1 SIZE=2,3,2,4 bash bench/side-by-side/run.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
HARNESS=${SBS_HARNESS:-$ROOT/../shared/side-by-side}
COPY=${SBS_COPY:-${TMPDIR:-/tmp}/lianxin-side-by-side-project}
[ -f "$HARNESS/run.sh" ] || { echo "no side-by-side harness at $HARNESS (set SBS_HARNESS)" >&2; exit 2; }
mkdir -p "$COPY"
# The harness's files, fresh each time (its node_modules and .run/ stay between runs).
for f in README.md package.json package-lock.json profile-summary.mjs run.sh sbs-bench.ts; do cp "$HARNESS/$f" "$COPY/$f"; done
rm -rf "$COPY/servers" "$COPY/queries" && cp -r "$HARNESS/servers" "$HARNESS/queries" "$COPY/"
chmod -R u+w "$COPY"
(cd "$COPY" && patch -s -p1 <"$HERE/driver.patch")
cp "$HERE/Q3.postgraphile.graphql" "$COPY/queries/"
export PROJECT_SRC=${PROJECT_SRC:-$ROOT}
exec bash "$COPY/run.sh" "$@"
