#!/usr/bin/env bash
# Service overhead (issue G, item 3): toy-gp jobs trained through the embedded Api (its in-process
# Hangfire worker, metric rows, evaluations and checkpoints at their default intervals) against the
# bare trainer on the same config and thread count, alternately in this one invocation. This shared
# machine's speed drifts by tens of percent between minutes, so each round pairs one job with one bare
# run right after it, and the figure is the median of the rounds' ratios. The Api is paused (SIGSTOP)
# while the bare trainer runs, so neither shares the cores with the other.
#   bench/train/service_overhead.sh [generatorSteps] [rounds]      (300 steps, 3 rounds; THREADS=2)
#   HYPER='"evaluateEvery":300' bench/train/service_overhead.sh     (extra hyperparameters, to see what each costs)
set -euo pipefail
cd "$(dirname "$0")/../.."
STEPS="${1:-300}"
ROUNDS="${2:-3}"
THREADS="${THREADS:-2}"
HYPER="${HYPER:+,$HYPER}"
PORT=5187
dotnet build -c Release src/Api -v q -nologo >/dev/null
dotnet build -c Release bench/TrainBench -v q -nologo >/dev/null

DATA="$(mktemp -d)"
# env, since a variable whose name holds dots cannot be assigned in front of a command; the job runner's
# Information lines carry each job's time breakdown (TrainingTimes), which the report reads.
env Training__Threads="$THREADS" Storage__DataDirectory="$DATA" ASPNETCORE_URLS="http://localhost:$PORT" \
  Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__WganService.Domain.Training.TrainingJobRunner=Information \
  dotnet src/Api/bin/Release/net10.0/WganService.Api.dll >"$DATA/api.log" 2>&1 &
API=$!
trap 'kill -CONT $API 2>/dev/null; kill $API 2>/dev/null; wait $API 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -sf "localhost:$PORT/health/ready" >/dev/null; do
  kill -0 $API 2>/dev/null || { echo "the Api exited:" >&2; cat "$DATA/api.log" >&2; exit 1; }
  sleep 0.5
done

for round in $(seq "$ROUNDS"); do
  JOB=$(curl -sf -XPOST "localhost:$PORT/jobs" -H 'content-type: application/json' \
    -d "{\"dataset\":\"8gaussians\",\"variant\":\"wgan-gp\",\"hyperparameters\":{\"generatorSteps\":$STEPS,\"batchSize\":256,\"seed\":$round$HYPER}}" \
    | jq -r .id)
  # Polled every 2 s with curl alone: the poller shares the cores with the job it measures.
  until curl -sf "localhost:$PORT/jobs/$JOB" | jq -e '.status != "queued" and .status != "running"' >/dev/null; do sleep 2; done
  curl -sf "localhost:$PORT/jobs/$JOB" >"$DATA/job-$round.json"
  jq -e '.status == "succeeded"' "$DATA/job-$round.json" >/dev/null || { echo "job $JOB ended $(jq -r .status "$DATA/job-$round.json")" >&2; exit 1; }
  curl -sf "localhost:$PORT/jobs/$JOB/metrics?limit=10000" >"$DATA/metrics-$round.json"
  curl -sf "localhost:$PORT/jobs/$JOB/evaluations" >"$DATA/evaluations-$round.json"
  kill -STOP $API
  dotnet bench/TrainBench/bin/Release/net10.0/WganService.Bench.Train.dll --threads "$THREADS" --bare toy-gp --toy-iters "$STEPS" >"$DATA/bare-$round.txt"
  kill -CONT $API
done

python3 bench/train/service_overhead_report.py "$DATA" "$ROUNDS" "$STEPS" "$THREADS"
