#!/usr/bin/env python3
"""Submits a job to a running Api, follows GET /jobs/{id}/events and prints, for metrics and
evaluation events, how long after the trainer recorded the row (its recordedAt) the event arrived.

Both ends share this host's clock. recordedAt is taken when the trainer measures the step, before
the row is flushed to the database, so the figure includes the flush wait, the commit, the
notification and the delivery.

Usage: sse_latency.py BASE_URL LABEL [generatorSteps]
"""
import datetime as dt
import json
import statistics
import sys
import time
import urllib.request

base, label = sys.argv[1], sys.argv[2]
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 1500
spec = {"name": f"sse-latency-{label}", "dataset": "8gaussians", "variant": "wgan-gp",
        "hyperparameters": {"generatorSteps": steps, "seed": 1}}
request = urllib.request.Request(f"{base}/jobs", json.dumps(spec).encode(), {"Content-Type": "application/json"})
job = json.load(urllib.request.urlopen(request))

latencies = {"metrics": [], "evaluation": []}
event = None
with urllib.request.urlopen(f"{base}/jobs/{job['id']}/events", timeout=600) as stream:
    for raw in stream:
        line = raw.decode().rstrip("\n")
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: ") and event in latencies:
            arrived = time.time()
            recorded = dt.datetime.fromisoformat(json.loads(line[6:])["recordedAt"]).timestamp()
            latencies[event].append(arrived - recorded)
        elif line.startswith("data: ") and event == "status" and json.loads(line[6:])["status"] in ("succeeded", "failed", "cancelled"):
            break

def q(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]

for name, values in latencies.items():
    if not values:
        continue
    # The first evaluation (step 0) is recorded before the stream opens; it measures nothing live.
    live = values[1:] if name == "evaluation" else values
    print(f"{label:<28} {name:<10} n={len(live):<4} p50={1000*statistics.median(live):7.0f} ms  "
          f"p95={1000*q(live, .95):7.0f} ms  p99={1000*q(live, .99):7.0f} ms  max={1000*max(live):7.0f} ms  "
          f"within 1 s: {sum(v <= 1 for v in live)}/{len(live)}")
