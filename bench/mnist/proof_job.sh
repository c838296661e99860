#!/usr/bin/env bash
# Issue 16's proof: trains MNIST (bench/mnist/make_mnist_idx.py's IDX files, labels included) through a
# running Api at the image defaults with a time budget, then prints what a user sees: the job's end, its
# evaluations (FD, floor, classes covered, confident share), the dataset classifier's figures (accuracy,
# the real images' confident share, the σ 0.3 noise yardstick) and Spearman(W, FD) for both W readings; saves the job's grid.
# Start the Api with 2 training threads first, e.g.
#   Training__Threads=2 Storage__DataDirectory=/tmp/wgan-proof dotnet run -c Release --project src/Api
# Usage: bench/mnist/proof_job.sh [minutes] [variant] [grid.png] [base-url]   (JOB_ID=… watches a job already submitted;
#   HYPERPARAMETERS='"learningRate":1e-4,"batchSize":32' adds settings to the defaults, for screening a recipe;
#   DATASET_ID=… trains on a dataset uploaded before instead of uploading the files again;
#   the upload sends the test split as 'heldOut' (the judge's two halves of 1,000 digits); HELD_OUT=0 leaves it out,
#   and the service holds out 400 training digits per half instead, as before the tenth session)
set -euo pipefail
minutes=${1:-20}; variant=${2:-wgan-gp}; grid=${3:-/tmp/mnist-$variant.png}; base=${4:-http://localhost:5080}
data=$(cd "$(dirname "$0")" && pwd)/data
[ -f "$data/train-images-idx3-ubyte.gz" ] || python3 "$(dirname "$0")/make_mnist_idx.py" --out "$data"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

if [ -z "${JOB_ID:-}" ]; then
  held_out=(-F "heldOut=@$data/t10k-images-idx3-ubyte.gz" -F "heldOutLabels=@$data/t10k-labels-idx1-ubyte.gz")
  [ "${HELD_OUT:-1}" = 0 ] && held_out=()
  dataset=${DATASET_ID:-$(curl -sf -XPOST "$base/datasets" -F name=mnist-proof-$RANDOM "${held_out[@]}" \
      -F "file=@$data/train-images-idx3-ubyte.gz" -F "labels=@$data/train-labels-idx1-ubyte.gz" | json 'd["id"]')}
  JOB_ID=$(curl -sf -XPOST "$base/jobs" -H 'content-type: application/json' \
      -d "{\"dataset\":\"$dataset\",\"variant\":\"$variant\",\"hyperparameters\":{${HYPERPARAMETERS:+$HYPERPARAMETERS,}\"maxTrainingMinutes\":$minutes}}" | json 'd["id"]')
fi
echo "job $JOB_ID ($variant, image defaults, maxTrainingMinutes $minutes)"
until curl -sf "$base/jobs/$JOB_ID" | json '"" if d["status"] in ("succeeded","failed","cancelled") else exit(1)' >/dev/null 2>&1; do sleep 10; done
curl -sf "$base/jobs/$JOB_ID" | python3 -c '
import json, sys, datetime as d
j = json.load(sys.stdin); t = lambda s: d.datetime.fromisoformat(s); h = j["hyperparameters"]
print("status", j["status"], "| stopped by", j.get("stoppedBy"), "at step", j["progress"]["generatorStep"] if "progress" in j else "?",
      "| wall", round((t(j["finishedAt"]) - t(j["startedAt"])).total_seconds()), "s | Spearman(W, FD): held-out W", j.get("wassersteinFdSpearman"),
      "· 200-step training W", j.get("trainingWassersteinFdSpearman"), "|", j.get("error") or "")
print("recipe:", json.dumps({k: h[k] for k in sorted(h) if h[k] is not None}))'
curl -sf "$base/jobs/$JOB_ID/evaluations" | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
print(" step   W-held-out  W-200-step   FD       floor   classes  confident")
w = lambda v: "    —     " if v is None else "%10.4f" % v
for e in items:
    print("%5d  %s  %s  %8.2f  %6.2f   %4s     %s" % (e["generatorStep"], w(e["wassersteinEstimate"]), w(e.get("trainingWassersteinMean")),
          e["frechetDistance"], e["frechetDistanceFloor"], e["classesCovered"], e["confidentShare"]))'
curl -sf "$base/datasets/$(curl -sf "$base/jobs/$JOB_ID" | json 'd["dataset"]')" | python3 -c '
import json, sys
d = json.load(sys.stdin); c = d.get("classifier") or {}
print("dataset: %s training, %s held out | classifier:" % (d["count"], d.get("heldOutCount")), json.dumps(c))'
curl -sf "$base/jobs/$JOB_ID/samples.png" -o "$grid" && echo "grid: $grid"
