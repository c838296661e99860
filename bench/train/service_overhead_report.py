"""Reads what bench/train/service_overhead.sh saved and prints, per round and as medians, the job's
iterations per second (started -> finished, everything included) against the bare trainer's, and where
the job's extra time went: start-up (started -> the step-0 evaluation recorded, which holds building the
networks, opening the data and the baseline evaluation), the evaluations (the excess of the metric
intervals they fall in over the job's own median interval), and the plain training steps (the median
10-step interval against the bare trainer's rate)."""
import json
import statistics
import sys
from datetime import datetime
from pathlib import Path

data, rounds, steps, threads = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]


def at(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


rows = []
for r in range(1, rounds + 1):
    job = json.loads((data / f"job-{r}.json").read_text())
    metrics = json.loads((data / f"metrics-{r}.json").read_text())["items"]
    evaluations = json.loads((data / f"evaluations-{r}.json").read_text())["items"]
    bare = float((data / f"bare-{r}.txt").read_text())
    h = job["hyperparameters"]
    started, finished = at(job["startedAt"]), at(job["finishedAt"])
    total = finished - started
    service = steps / total

    # Metric rows every metricsEvery steps: the time between consecutive rows, per step.
    every = h["metricsEvery"]
    times = {m["generatorStep"]: at(m["recordedAt"]) for m in metrics}
    evaluated = {e["generatorStep"] for e in evaluations}
    intervals = []
    for step in sorted(times):
        if step - every in times:
            # The evaluation at step e runs after e's metric row is recorded: it lands in the next interval.
            holds_evaluation = any(step - every <= e < step for e in evaluated)
            intervals.append((step, (times[step] - times[step - every]) / every, holds_evaluation))
    plain = statistics.median(d for _, d, e in intervals if not e)
    evaluation_cost = sum(d - plain for _, d, e in intervals if e) * every
    startup = at(next(e["recordedAt"] for e in evaluations if e["generatorStep"] == 0)) - started
    rows.append(dict(round=r, service=service, bare=bare, ratio=service / bare, total=total,
                     startup=startup, evaluations=len(evaluated) - 1, evaluation_cost=evaluation_cost,
                     plain=1 / plain, plain_ratio=(1 / plain) / bare))

print(f"toy-gp, {steps} generator steps a job, {threads} threads, {rounds} rounds "
      f"(metric rows every {h['metricsEvery']}, evaluations every {h['evaluateEvery']}, checkpoints every {h['checkpointEvery']} steps)")
print("| round | job it/s (started→finished) | bare it/s | ratio | start-up | evaluations after step 0 (cost) | plain steps it/s | plain / bare |")
print("|---|---|---|---|---|---|---|---|")
for x in rows:
    print(f"| {x['round']} | {x['service']:.2f} ({x['total']:.1f} s) | {x['bare']:.2f} | {x['ratio']:.3f} | {x['startup']:.2f} s "
          f"| {x['evaluations']} ({x['evaluation_cost']:.2f} s) | {x['plain']:.2f} | {x['plain_ratio']:.3f} |")
median = lambda key: statistics.median(x[key] for x in rows)
print(f"median ratio {median('ratio'):.3f} (target >= 0.95); plain steps / bare {median('plain_ratio'):.3f}; "
      f"start-up {median('startup'):.2f} s and evaluations {median('evaluation_cost'):.2f} s of a {median('total'):.1f} s job")
