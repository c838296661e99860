#!/usr/bin/env bash
# SSE latency (issue D): how long after the trainer records a metric or evaluation row its event
# reaches a client of GET /jobs/{id}/events. Runs a Release build twice on scratch data:
#   embedded — SQLite, the worker inside the Api, events relayed in-process;
#   server   — a throwaway PostgreSQL cluster, the Api with no worker and a separate Worker
#              process, events carried by LISTEN/NOTIFY.
# Usage: bench/events/run.sh [generatorSteps]   (Training__FlushInterval in the environment overrides the default)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
steps=${1:-600}
port=${PORT:-5088}
scratch=$(mktemp -d)
chmod 755 "$scratch"   # the postgres user must reach its cluster folder inside
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [[ -f "$scratch/pg/data/postmaster.pid" ]] && runuser -u postgres -- "$pgbin/pg_ctl" -D "$scratch/pg/data" -m immediate -w stop >/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
dotnet build "$root/src/Api" -c Release -v q -nologo >/dev/null
dotnet build "$root/src/Worker" -c Release -v q -nologo >/dev/null
export Serilog__MinimumLevel__Default=Warning
flush=${Training__FlushInterval:-default}

wait_ready() { until curl -sf "http://localhost:$port/health/ready" >/dev/null; do sleep 0.5; kill -0 "$1" || { cat "$scratch/api.log"; exit 1; }; done; }

# Embedded mode.
Storage__DataDirectory="$scratch/embedded" \
  dotnet "$root/src/Api/bin/Release/net10.0/WganService.Api.dll" --urls "http://localhost:$port" --contentRoot "$root/src/Api" >"$scratch/api.log" 2>&1 &
pids+=($!); wait_ready $!
python3 "$root/bench/events/sse_latency.py" "http://localhost:$port" "embedded, flush $flush" "$steps"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'

# Server mode: PostgreSQL as the postgres user (initdb refuses root), fsync on as in production.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pgport=$((port + 1000))
mkdir -p "$scratch/pg" && chown postgres "$scratch/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$scratch/pg/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$scratch/pg/data" -l "$scratch/pg/log" -w start \
  -o "-p $pgport -k '$scratch/pg' -c listen_addresses=localhost" >/dev/null
export ConnectionStrings__Postgres="Host=localhost;Port=$pgport;Username=postgres;Database=wgan_events_bench"
runuser -u postgres -- "$pgbin/createdb" -h localhost -p "$pgport" -U postgres wgan_events_bench
# Open on purpose (server mode needs keys otherwise): a throwaway server on localhost.
Storage__DataDirectory="$scratch/server" Hangfire__RunWorkerInApi=false Auth__Disabled=true \
  dotnet "$root/src/Api/bin/Release/net10.0/WganService.Api.dll" --urls "http://localhost:$port" --contentRoot "$root/src/Api" >"$scratch/api.log" 2>&1 &
pids+=($!); wait_ready $!
dotnet "$root/src/Worker/bin/Release/net10.0/WganService.Worker.dll" >"$scratch/worker.log" 2>&1 &
pids+=($!)
python3 "$root/bench/events/sse_latency.py" "http://localhost:$port" "server (worker process), flush $flush" "$steps"
