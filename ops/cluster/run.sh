#!/usr/bin/env bash
# ops/cluster/run.sh — a throw-away cluster on one machine: a PostgreSQL 15 primary and a streaming
# replica, two API instances in production mode, HAProxy in front (health checks on /ready); then
# the fault test (ops/cluster/fault-test.ts) under write load. Bounded in time (CLUSTER_TIMEOUT,
# default 600 s); everything it starts is stopped by PID on exit. It never touches port 5432 or the
# machine's own PostgreSQL clusters: data, sockets and logs live in a temp dir.
#
# usage: ops/cluster/run.sh            build, bring up, run the fault test, tear down
#        ops/cluster/run.sh --hold     bring up, print the URLs, wait for Ctrl-C (no fault test)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
TIMEOUT=${CLUSTER_TIMEOUT:-600}
MODE=${1:-test}

for tool in "$PGBIN/initdb" "$PGBIN/pg_ctl" "$PGBIN/pg_basebackup"; do
  [ -x "$tool" ] || { echo "cluster: $tool is missing (Debian: apt-get install -y postgresql-15)" >&2; exit 1; }
done
command -v haproxy >/dev/null || { echo "cluster: haproxy is missing (Debian: apt-get install -y haproxy)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/lianxin-cluster.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/pids" "$WORK/logs" "$WORK/sock"
export CLUSTER_WORK=$WORK

# PostgreSQL refuses to run as root: run its programs as the postgres OS user then.
if [ "$(id -u)" = 0 ]; then
  PGUSER_OS=postgres
  chown postgres "$WORK"
  chown -R postgres "$WORK/sock" "$WORK/logs"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

cleanup() {
  local code=$?
  set +e
  for f in "$WORK"/pids/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null
  done
  for dir in "$WORK/replica" "$WORK/primary"; do
    [ -f "$dir/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$dir" -m immediate -w -t 20 stop >/dev/null 2>&1
  done
  sleep 0.5
  for f in "$WORK"/pids/*.pid; do
    [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
  done
  if [ "${KEEP_CLUSTER_DIR:-}" = 1 ] || [ "$code" != 0 ]; then echo "cluster: logs kept in $WORK/logs" >&2; else rm -rf "$WORK"; fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# The whole run is bounded: a watchdog ends this script (and so the trap) after TIMEOUT seconds.
# (Its sleep is recorded too: a stray sleep would hold the caller's pipe open.)
( sleep "$TIMEOUT" & echo $! >"$WORK/pids/watchdog-sleep.pid"; wait $!; echo "cluster: timed out after ${TIMEOUT}s" >&2; kill -TERM $$ ) >/dev/null 2>&1 &
echo $! > "$WORK/pids/watchdog.pid"

free_port() {
  node -e '
    const net = require("node:net");
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => console.log(p)); });'
}
port() { local p; while :; do p=$(free_port); [ "$p" != 5432 ] && { echo "$p"; return; }; done; }

PRIMARY_PORT=$(port); REPLICA_PORT=$(port); API1_PORT=$(port); API2_PORT=$(port); LB_PORT=$(port); STATS_PORT=$(port)

if [ "${SKIP_BUILD:-}" = 1 ]; then echo "cluster: SKIP_BUILD=1, using dist/ as it is"; else
  echo "cluster: building (npm run build)"; (cd "$ROOT" && npm run build --silent); fi

# --- PostgreSQL primary and streaming replica -------------------------------------------------
pg_opts() { echo "-c port=$1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/sock -c wal_level=replica -c max_wal_senders=5 -c hot_standby=on -c fsync=on"; }
mkdir -p "$WORK/primary"; [ -n "${PGUSER_OS:-}" ] && chown postgres "$WORK/primary"
as_pg "$PGBIN/initdb" -D "$WORK/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/logs/initdb.log"
as_pg "$PGBIN/pg_ctl" -D "$WORK/primary" -o "$(pg_opts "$PRIMARY_PORT")" -l "$WORK/logs/primary.log" -w -t 60 start >/dev/null
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$WORK/replica" -R -X stream >/dev/null
chmod 700 "$WORK/replica"
as_pg "$PGBIN/pg_ctl" -D "$WORK/replica" -o "$(pg_opts "$REPLICA_PORT")" -l "$WORK/logs/replica.log" -w -t 60 start >/dev/null
echo "cluster: primary on $PRIMARY_PORT, replica on $REPLICA_PORT (streaming)"

# --- Database, migrations, demo data, principals ----------------------------------------------
psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -qc 'create database lianxin'
# The application role exists before the first migration, as a DBA would create it (docs/operations.md).
psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -qc "create role lianxin_app login password 'cluster-app-secret'"
OWNER_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/lianxin"
APP_URL="postgres://lianxin_app:cluster-app-secret@127.0.0.1:$PRIMARY_PORT/lianxin"
REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/lianxin"
# The instances read stale-tolerant queries (figures, reports) from the replica, as lianxin_app (docs/operations.md, "Read replicas").
REPLICA_APP_URL="postgres://lianxin_app:cluster-app-secret@127.0.0.1:$REPLICA_PORT/lianxin"
# Every instance and tool shares the signing key and the field keys (fresh for each cluster).
openssl genpkey -algorithm ed25519 -out "$WORK/jwt.pem" 2>/dev/null
cat >"$WORK/api.env" <<ENV
export NODE_ENV=production DATABASE_URL='$APP_URL' MIGRATION_DATABASE_URL='$OWNER_URL' JWT_PRIVATE_KEY_FILE='$WORK/jwt.pem'
export DATABASE_REPLICA_URLS='$REPLICA_APP_URL'
export FIELD_ENCRYPTION_KEYS='k1:$(openssl rand -base64 32)' FIELD_INDEX_KEY='$(openssl rand -base64 32)' LOG_LEVEL=${LOG_LEVEL:-warn}
ENV
# shellcheck disable=SC1091
. "$WORK/api.env"
(cd "$ROOT" && node bin/run.js src/scripts/migrate.js) >"$WORK/logs/migrate.log" 2>&1
# The demo data is the load's material. Its logins publish their password, which production
# refuses to serve; the cluster clears their passwords (no one can sign in with them) and issues
# tokens with the operator's CLI instead.
(cd "$ROOT" && NODE_ENV=development node dist/src/seed/demo.cli.js) >"$WORK/logs/seed.log" 2>&1
psql "$OWNER_URL" -qc "update user_account set password_hash = null where password_hash is not null" >/dev/null
for login in finance.xinyuan secretary.xinyuan leader.xinyuan committee.xinyuan admin.yongkangbeilu; do
  (cd "$ROOT" && node bin/run.js src/scripts/token.js "$login" 2>/dev/null) >"$WORK/token.$login"
done

# --- API instances and HAProxy ---------------------------------------------------------------
cat >"$WORK/control.sh" <<CONTROL
#!/usr/bin/env bash
# Operations the fault test performs on the cluster (run.sh writes it; PIDs live in pids/).
set -euo pipefail
cd "$ROOT"
case "\$1" in
  start-api)
    port=\$([ "\$2" = 1 ] && echo $API1_PORT || echo $API2_PORT)
    . "$WORK/api.env"
    HOST=127.0.0.1 PORT=\$port nohup node dist/src/server.js >>"$WORK/logs/api\$2.log" 2>&1 &
    echo \$! >"$WORK/pids/api\$2.pid"
    for _ in \$(seq 1 300); do curl -fsS "http://127.0.0.1:\$port/ready" >/dev/null 2>&1 && exit 0; sleep 0.1; done
    echo "api\$2 did not become ready" >&2; exit 1 ;;
  kill-api) kill -9 "\$(cat "$WORK/pids/api\$2.pid")" ;;
  restart-primary) $( [ -n "${PGUSER_OS:-}" ] && echo "runuser -u postgres --" ) "$PGBIN/pg_ctl" -D "$WORK/primary" -m fast -w -t 60 restart -o "$(pg_opts "$PRIMARY_PORT")" >/dev/null ;;
  stop-replica) $( [ -n "${PGUSER_OS:-}" ] && echo "runuser -u postgres --" ) "$PGBIN/pg_ctl" -D "$WORK/replica" -m fast -w -t 60 stop >/dev/null ;;
  *) echo "usage: control.sh start-api|kill-api N | restart-primary | stop-replica" >&2; exit 2 ;;
esac
CONTROL
chmod +x "$WORK/control.sh"
"$WORK/control.sh" start-api 1
"$WORK/control.sh" start-api 2

cat >"$WORK/haproxy.cfg" <<CFG
global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  # A failed connection never reached an instance: retrying it elsewhere is safe for any request.
  retries 2
  option redispatch
  retry-on conn-failure
frontend api
  bind 127.0.0.1:$LB_PORT
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /ready
  http-check expect status 200
  # A check may take longer than its interval on a busy machine (an instance starting beside it):
  # without timeout check, a slow answer counts as a failure and the survivor goes down too.
  timeout check 2s
  default-server inter 500ms fall 2 rise 2
  server api1 127.0.0.1:$API1_PORT check
  server api2 127.0.0.1:$API2_PORT check
frontend stats
  bind 127.0.0.1:$STATS_PORT
  stats enable
  stats uri /
CFG
haproxy -W -db -f "$WORK/haproxy.cfg" >"$WORK/logs/haproxy.log" 2>&1 &
echo $! >"$WORK/pids/haproxy.pid"
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$LB_PORT/ready" >/dev/null 2>&1 && break; sleep 0.1; done

echo "cluster: up"
echo "  GraphQL (HAProxy):  http://127.0.0.1:$LB_PORT/graphql"
echo "  instances:          http://127.0.0.1:$API1_PORT  http://127.0.0.1:$API2_PORT  (/metrics from this machine)"
echo "  HAProxy stats:      http://127.0.0.1:$STATS_PORT/"
echo "  primary / replica:  $OWNER_URL  /  $REPLICA_URL  (the instances read stale-tolerant queries from the replica)"

if [ "$MODE" = --hold ]; then
  echo "cluster: holding until Ctrl-C (or ${TIMEOUT}s)"; while :; do sleep 1; done
fi

LB_URL="http://127.0.0.1:$LB_PORT" OWNER_URL=$OWNER_URL REPLICA_URL=$REPLICA_URL CONTROL=$WORK/control.sh TOKENS_DIR=$WORK \
  node "$ROOT/dist/ops/cluster/fault-test.js"
