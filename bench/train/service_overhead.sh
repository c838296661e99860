#!/usr/bin/env bash
# Service overhead (issue G, item 3): a toy-gp job trained through the embedded Api (its in-process
# Hangfire worker, metric rows, evaluations and checkpoints at their default intervals) against the
# bare trainer on the same config and thread count, run one after the other in this invocation.
#   bench/train/service_overhead.sh [generatorSteps]     (THREADS=2 by default)
#   HYPER='"evaluateEvery":600' bench/train/service_overhead.sh 600   (extra hyperparameters, to see what each costs)
set -euo pipefail
cd "$(dirname "$0")/../.."
STEPS="${1:-600}"
THREADS="${THREADS:-2}"
HYPER="${HYPER:+,$HYPER}"
PORT=5187
dotnet build -c Release src/Api -v q -nologo >/dev/null
dotnet build -c Release bench/TrainBench -v q -nologo >/dev/null

DATA="$(mktemp -d)"
Training__Threads="$THREADS" Storage__DataDirectory="$DATA" ASPNETCORE_URLS="http://localhost:$PORT" \
  Serilog__MinimumLevel__Default=Warning dotnet src/Api/bin/Release/net10.0/WganService.Api.dll >"$DATA/api.log" 2>&1 &
API=$!
trap 'kill $API 2>/dev/null; wait $API 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -sf "localhost:$PORT/health/ready" >/dev/null; do sleep 0.5; done

JOB=$(curl -sf -XPOST "localhost:$PORT/jobs" -H 'content-type: application/json' \
  -d "{\"dataset\":\"8gaussians\",\"variant\":\"wgan-gp\",\"hyperparameters\":{\"generatorSteps\":$STEPS,\"batchSize\":256,\"seed\":1$HYPER}}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
while :; do
  STATUS=$(curl -sf "localhost:$PORT/jobs/$JOB" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [[ "$STATUS" == queued || "$STATUS" == running ]] || break
  sleep 1
done
[[ "$STATUS" == succeeded ]] || { echo "job $JOB ended $STATUS" >&2; exit 1; }
SERVICE=$(curl -sf "localhost:$PORT/jobs/$JOB" | python3 -c '
import json, sys
from datetime import datetime
j = json.load(sys.stdin)
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
print((t(j["finishedAt"]) - t(j["startedAt"])).total_seconds())')
kill $API; wait $API 2>/dev/null || true

BARE=$(dotnet bench/TrainBench/bin/Release/net10.0/WganService.Bench.Train.dll --threads "$THREADS" --bare toy-gp --toy-iters "$STEPS")
python3 - "$STEPS" "$SERVICE" "$BARE" "$THREADS" <<'PY'
import sys
steps, service_seconds, bare_ips, threads = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
service_ips = steps / service_seconds
print(f"toy-gp, {steps} generator steps, {threads} threads: service {service_ips:.2f} it/s "
      f"(started→finished {service_seconds:.1f} s, evaluations, metric rows and checkpoints at their defaults); "
      f"bare trainer {bare_ips:.2f} it/s; ratio {service_ips / bare_ips:.3f} (target >= 0.95)")
PY
