#!/usr/bin/env bash
# Issue A's acceptance run: the embedded service trains 8-gaussians with WGAN-GP for 2,000
# generator steps, then 2,500 points from /generate are scored by mode_coverage.py.
# Usage: bench/acceptance/run_eight_gaussians.sh [base-url]   (the Api must be running)
set -euo pipefail
base=${1:-http://localhost:5080}
here=$(cd "$(dirname "$0")" && pwd)
id=$(curl -sf -XPOST "$base/jobs" -H 'content-type: application/json' \
  -d '{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"generatorSteps":2000}}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "job $id"
while :; do
  job=$(curl -sf "$base/jobs/$id")
  status=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["status"])' "$job")
  case $status in succeeded|failed|cancelled) break ;; esac
  sleep 5
done
python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(j["status"], "started", j["startedAt"], "finished", j["finishedAt"], "W", j["latestMetrics"]["wassersteinEstimate"])' "$job"
curl -sf -XPOST "$base/generate" -H 'content-type: application/json' -d "{\"jobId\":\"$id\",\"count\":2500,\"seed\":1}" \
  | python3 "$here/mode_coverage.py"
