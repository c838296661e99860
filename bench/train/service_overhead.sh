#!/usr/bin/env bash
# Service overhead (issue G, item 3): toy-gp jobs trained through the service (metric rows, evaluations
# and checkpoints at their default intervals, flushes every 0.5 s) against the bare trainer on the same
# config and thread count, alternately in this one invocation, in either topology:
#   server   — production's: a throwaway PostgreSQL 15 cluster (fsync on), the Api with no worker, and a
#              separate Worker process that trains;
#   embedded — the one-command default: SQLite, the training worker inside the Api process.
# This shared machine's speed drifts by tens of percent between minutes, so each round pairs one job
# with one bare run right after it, and the figure is the median of the rounds' ratios. The service's
# processes are paused (SIGSTOP) while the bare trainer runs, so nothing shares the cores with it.
#   bench/train/service_overhead.sh [generatorSteps] [rounds] [modes]   (300 steps, 3 rounds, "server embedded"; THREADS=2)
#   HYPER='"evaluateEvery":300' bench/train/service_overhead.sh          (extra hyperparameters, to see what each costs)
set -euo pipefail
cd "$(dirname "$0")/../.."
STEPS="${1:-300}"
ROUNDS="${2:-3}"
MODES="${3:-server embedded}"
THREADS="${THREADS:-2}"
HYPER="${HYPER:+,$HYPER}"
PORT=5187
dotnet build -c Release src/Api -v q -nologo >/dev/null
dotnet build -c Release src/Worker -v q -nologo >/dev/null
dotnet build -c Release bench/TrainBench -v q -nologo >/dev/null

SCRATCH="$(mktemp -d)"
chmod 755 "$SCRATCH"   # the postgres user must reach its cluster folder inside
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PIDS=()
stop_service() {
  for p in "${PIDS[@]}"; do kill -CONT "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PIDS=()
  if [[ -f "$SCRATCH/pg/data/postmaster.pid" ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$SCRATCH/pg/data" -m immediate -w stop >/dev/null || true
  fi
}
trap 'stop_service; rm -rf "$SCRATCH"' EXIT
# env, since a variable whose name holds dots cannot be assigned in front of a command; the job runner's
# Information lines carry each job's time breakdown (TrainingTimes), which the report reads.
export Training__Threads="$THREADS" Serilog__MinimumLevel__Default=Warning
RUNNER_LOG=Serilog__MinimumLevel__Override__WganService.Domain.Training.TrainingJobRunner=Information
wait_ready() {
  until curl -sf "localhost:$PORT/health/ready" >/dev/null; do
    kill -0 "$1" 2>/dev/null || { echo "the Api exited:" >&2; cat "$2" >&2; exit 1; }
    sleep 0.5
  done
}

start_embedded() {
  LOG="$SCRATCH/embedded/api.log"; mkdir -p "$SCRATCH/embedded"
  env "$RUNNER_LOG" Storage__DataDirectory="$SCRATCH/embedded" ASPNETCORE_URLS="http://localhost:$PORT" \
    dotnet src/Api/bin/Release/net10.0/WganService.Api.dll >"$LOG" 2>&1 &
  PIDS+=($!); wait_ready $! "$LOG"
}

start_server() {
  local pgport=$((PORT + 1000))
  mkdir -p "$SCRATCH/pg" "$SCRATCH/server" && chown postgres "$SCRATCH/pg"
  runuser -u postgres -- "$PGBIN/initdb" -D "$SCRATCH/pg/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$SCRATCH/pg/data" -l "$SCRATCH/pg/log" -w start \
    -o "-p $pgport -k '$SCRATCH/pg' -c listen_addresses=localhost" >/dev/null
  runuser -u postgres -- "$PGBIN/createdb" -h localhost -p "$pgport" -U postgres wgan_overhead_bench
  export ConnectionStrings__Postgres="Host=localhost;Port=$pgport;Username=postgres;Database=wgan_overhead_bench"
  # Open on purpose (server mode needs keys otherwise): a throwaway server on localhost.
  Storage__DataDirectory="$SCRATCH/server" Hangfire__RunWorkerInApi=false Auth__Disabled=true ASPNETCORE_URLS="http://localhost:$PORT" \
    dotnet src/Api/bin/Release/net10.0/WganService.Api.dll >"$SCRATCH/server/api.log" 2>&1 &
  PIDS+=($!); wait_ready $! "$SCRATCH/server/api.log"
  LOG="$SCRATCH/server/worker.log"
  env "$RUNNER_LOG" dotnet src/Worker/bin/Release/net10.0/WganService.Worker.dll >"$LOG" 2>&1 &
  PIDS+=($!)
  unset ConnectionStrings__Postgres
}

# The bare trainer from a fresh start, as a job starts, with the service's processes paused.
bare_run() {
  local paused=("${PIDS[@]}")
  [[ -f "$SCRATCH/pg/data/postmaster.pid" ]] && paused+=($(pgrep -u postgres))
  kill -STOP "${paused[@]}"
  dotnet bench/TrainBench/bin/Release/net10.0/WganService.Bench.Train.dll --threads "$THREADS" --bare toy-gp --toy-iters "$STEPS" >"$1"
  kill -CONT "${paused[@]}"
}

for MODE in $MODES; do
  "start_$MODE"
  OUT="$SCRATCH/$MODE"
  for round in $(seq "$ROUNDS"); do
    # Odd rounds run the job first, even rounds the bare trainer first, so a drift of the machine's
    # speed within a round favours neither.
    (( round % 2 == 0 )) && bare_run "$OUT/bare-$round.txt"
    JOB=$(curl -sf -XPOST "localhost:$PORT/jobs" -H 'content-type: application/json' \
      -d "{\"dataset\":\"8gaussians\",\"variant\":\"wgan-gp\",\"hyperparameters\":{\"generatorSteps\":$STEPS,\"batchSize\":256,\"seed\":$round$HYPER}}" \
      | jq -r .id)
    # Polled every 2 s with curl alone: the poller shares the cores with the job it measures.
    until curl -sf "localhost:$PORT/jobs/$JOB" | jq -e '.status != "queued" and .status != "running"' >/dev/null; do sleep 2; done
    curl -sf "localhost:$PORT/jobs/$JOB" >"$OUT/job-$round.json"
    jq -e '.status == "succeeded"' "$OUT/job-$round.json" >/dev/null || { echo "job $JOB ended $(jq -r .status "$OUT/job-$round.json")" >&2; exit 1; }
    (( round % 2 == 1 )) && bare_run "$OUT/bare-$round.txt"
  done
  cp "$LOG" "$OUT/training.log"
  python3 bench/train/service_overhead_report.py "$OUT" "$ROUNDS" "$STEPS" "$THREADS" "$MODE"
  stop_service
done
