#!/usr/bin/env bash
# Issue 20's proof: a halving sweep on MNIST (bench/mnist/make_mnist_idx.py's IDX files, labels included) over
# learning rate, n_critic and λ through a running Api, then a job at the defaults with the same per-trial budget.
# Prints every trial (drawn values, status, rung results, objective), the sweep's compute against running every
# trial to the end (generator steps; and wall clock: the sweep's against nine times the defaults job's), the best trial against
# the defaults on held-out FD, and saves both grids.
# Start the Api with 2 training threads first, e.g.
#   Training__Threads=2 Storage__DataDirectory=/tmp/wgan-sweep dotnet run -c Release --project src/Api
# Usage: bench/mnist/sweep_proof.sh [steps-per-trial] [trials] [seed] [base-url]   (SWEEP_ID=… watches one already submitted)
set -euo pipefail
steps=${1:-1800}; trials=${2:-9}; seed=${3:-2026}; base=${4:-http://localhost:5080}
data=$(cd "$(dirname "$0")" && pwd)/data
[ -f "$data/train-images-idx3-ubyte.gz" ] || python3 "$(dirname "$0")/make_mnist_idx.py" --out "$data"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
finished() { curl -sf "$1" | json '"" if d["status"] in ("succeeded","failed","cancelled") else exit(1)' >/dev/null 2>&1; }

if [ -z "${SWEEP_ID:-}" ]; then
  dataset=$(curl -sf -XPOST "$base/datasets" -F name=mnist-sweep-$RANDOM \
      -F "file=@$data/train-images-idx3-ubyte.gz" -F "labels=@$data/train-labels-idx1-ubyte.gz" | json 'd["id"]')
  SWEEP_ID=$(curl -sf -XPOST "$base/sweeps" -H 'content-type: application/json' -d "{
      \"name\": \"mnist-lr-ncritic-lambda\", \"dataset\": \"$dataset\", \"variant\": \"wgan-gp\", \"hyperparameters\": {},
      \"space\": {\"learningRate\": {\"min\": 1e-4, \"max\": 2e-3, \"scale\": \"log\"},
                \"criticSteps\": {\"values\": [1, 2, 3, 5]},
                \"gradientPenaltyWeight\": {\"min\": 3, \"max\": 30, \"scale\": \"log\"}},
      \"trials\": $trials, \"budget\": {\"generatorSteps\": $steps},
      \"earlyStopping\": {\"kind\": \"halving\", \"eta\": 3}, \"seed\": $seed}" | json 'd["id"]')
fi
echo "sweep $SWEEP_ID (MNIST, wgan-gp, $trials trials of $steps steps, halving η 3)"
until finished "$base/sweeps/$SWEEP_ID"; do sleep 15; done
dataset=$(curl -sf "$base/sweeps/$SWEEP_ID" | json 'd["dataset"]')

# The defaults, given the same budget and nothing else, after the sweep so the two never share the CPU.
DEFAULTS_ID=${DEFAULTS_ID:-$(curl -sf -XPOST "$base/jobs" -H 'content-type: application/json' \
    -d "{\"dataset\":\"$dataset\",\"variant\":\"wgan-gp\",\"hyperparameters\":{\"generatorSteps\":$steps}}" | json 'd["id"]')}
echo "defaults job $DEFAULTS_ID"
until finished "$base/jobs/$DEFAULTS_ID"; do sleep 15; done

BASE=$base SWEEP_ID=$SWEEP_ID DEFAULTS_ID=$DEFAULTS_ID python3 - <<'EOF'
import json, os, urllib.request, datetime as dt
base = os.environ["BASE"]
get = lambda path: json.load(urllib.request.urlopen(base + path))
span = lambda a, b: (dt.datetime.fromisoformat(b) - dt.datetime.fromisoformat(a)).total_seconds()
s = get(f"/sweeps/{os.environ['SWEEP_ID']}")
print("status", s["status"], "| rungs", [(r["rung"], r["generatorSteps"]) for r in s["rungs"]])
print("trial  status     lr        n_critic  λ       rung results (step: lowest FD)                 steps")
for t in sorted(s["trialJobs"], key=lambda t: t["trial"]):
    h = t["hyperparameters"]
    rungs = "  ".join("%d: %.2f" % (r["generatorStep"], r["objective"]) for r in t["rungResults"] if r["objective"] is not None)
    print("%5d  %-9s  %.2e  %8d  %6.2f  %-45s  %5d" % (t["trial"], t["status"], h["learningRate"], h["criticSteps"],
          h["gradientPenaltyWeight"], rungs, t["generatorStep"]))
c = s["compute"]; b = s["best"]; d = get(f"/jobs/{os.environ['DEFAULTS_ID']}")
print("compute: %d generator steps trained, %d if every trial ran to the end (%.0f%%)"
      % (c["generatorStepsTrained"], c["generatorStepsIfRunToEnd"], 100.0 * c["generatorStepsTrained"] / c["generatorStepsIfRunToEnd"]))
print("wall clock: the sweep %.0f s; the defaults job %.0f s, so %d trials run to the end about %.0f s"
      % (span(s["createdAt"], s["finishedAt"]), span(d["startedAt"], d["finishedAt"]), len(s["trialJobs"]),
         len(s["trialJobs"]) * span(d["startedAt"], d["finishedAt"])))
d = get(f"/jobs/{os.environ['DEFAULTS_ID']}"); ev = get(f"/jobs/{d['id']}/evaluations")["items"]
fds = [e["frechetDistance"] for e in ev if e["generatorStep"] > 0 and e["frechetDistance"] is not None]
best_job = get(f"/jobs/{b['jobId']}"); bev = get(f"/jobs/{b['jobId']}/evaluations")["items"]
last = lambda items: [e for e in items if e["frechetDistance"] is not None][-1]
print("best trial %d: FD %.2f (lowest), final %.2f, classes %s, confident %s | hyperparameters %s"
      % (b["trial"], b["objective"], last(bev)["frechetDistance"], last(bev)["classesCovered"], last(bev)["confidentShare"], json.dumps(b["hyperparameters"])))
print("defaults: FD %.2f (lowest), final %.2f, classes %s, confident %s | lr %s n_critic %s λ %s"
      % (min(fds), last(ev)["frechetDistance"], last(ev)["classesCovered"], last(ev)["confidentShare"],
         d["hyperparameters"]["learningRate"], d["hyperparameters"]["criticSteps"], d["hyperparameters"]["gradientPenaltyWeight"]))
print("floor %.2f" % last(ev)["frechetDistanceFloor"])
EOF
curl -sf -XPOST "$base/generate" -H 'content-type: application/json' \
    -d "{\"jobId\":\"$(curl -sf "$base/sweeps/$SWEEP_ID" | json 'd["best"]["jobId"]')\",\"count\":64,\"seed\":1,\"format\":\"png\"}" \
    -o /tmp/mnist-sweep-best.png && echo "best trial's grid: /tmp/mnist-sweep-best.png"
curl -sf -XPOST "$base/generate" -H 'content-type: application/json' \
    -d "{\"jobId\":\"$DEFAULTS_ID\",\"count\":64,\"seed\":1,\"format\":\"png\"}" -o /tmp/mnist-sweep-defaults.png \
    && echo "defaults' grid: /tmp/mnist-sweep-defaults.png"
