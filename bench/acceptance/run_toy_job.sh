#!/usr/bin/env bash
# Trains a toy-set job through a running Api with default settings and prints its evaluations,
# the job's Spearman(W estimate, SWD) for both W readings, and an independent mode count of 2,500 /generate points.
# Usage: bench/acceptance/run_toy_job.sh [dataset] [variant] [base-url]
set -euo pipefail
dataset=${1:-8gaussians}; variant=${2:-wgan-gp}; base=${3:-http://localhost:5080}
here=$(cd "$(dirname "$0")" && pwd)
# JOB_ID=… watches a job already submitted instead of submitting one.
id=${JOB_ID:-$(curl -sf -XPOST "$base/jobs" -H 'content-type: application/json' -d "{\"dataset\":\"$dataset\",\"variant\":\"$variant\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')}
echo "job $id ($dataset, $variant, defaults)"
until curl -sf "$base/jobs/$id" | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["status"] in ("succeeded","failed","cancelled") else 1)'; do sleep 5; done
curl -sf "$base/jobs/$id" | python3 -c '
import json, sys, datetime as d
j = json.load(sys.stdin); t = lambda s: d.datetime.fromisoformat(s)
print("status", j["status"], "| training", round((t(j["finishedAt"]) - t(j["startedAt"])).total_seconds()), "s | Spearman(W, SWD): held-out W", j["wassersteinSwdSpearman"],
      "· 200-step training W", j.get("trainingWassersteinSwdSpearman"), "|", j["error"] or "")'
curl -sf "$base/jobs/$id/evaluations" | python3 -c '
import json, sys
print("step   W-held-out  W-200-step  SWD      floor    modes  HQ")
w = lambda v: "    —     " if v is None else "%10.4f" % v  # step 0: the untrained baseline
for e in json.load(sys.stdin)["items"]:
    print("%5d  %s  %s  %.4f  %.4f  %s/%s  %s" % (e["generatorStep"], w(e["wassersteinEstimate"]), w(e.get("trainingWassersteinMean")),
          e["slicedWasserstein"], e["slicedWassersteinFloor"], e["modesCovered"], e["modes"], e["highQualityRatio"]))'
if [ "$dataset" = 8gaussians ] || [ "$dataset" = 25gaussians ]; then
  curl -sf -XPOST "$base/generate" -H 'content-type: application/json' -d "{\"jobId\":\"$id\",\"count\":2500,\"seed\":1}" | python3 "$here/mode_coverage.py" "$dataset"
fi
curl -sf "$base/jobs/$id/samples.png" -o "/tmp/$dataset-$variant.png" && echo "samples: /tmp/$dataset-$variant.png"
