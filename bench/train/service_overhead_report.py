"""Reads what bench/train/service_overhead.sh saved for one mode (server or embedded) and prints, per round and as medians, the job's
iterations per second (started -> finished, everything included) against the bare trainer's, and where
the job's time went, from the breakdown the worker logs at the end of each job (TrainingTimes): setup
(networks, data, resume), the training steps themselves, evaluations, checkpoints and database flushes.
"steps / bare" compares the job's steps alone with the bare trainer: what sharing the process with the
Api costs the arithmetic itself."""
import json
import re
import statistics
import sys
from datetime import datetime
from pathlib import Path

data, rounds, steps, threads, mode = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
PHASES = ["setup", "steps", "evaluations", "checkpoints", "flushes"]


def at(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def breakdowns(log):
    """One dict per job, in order: phase -> (seconds, count), plus 'other' -> seconds."""
    for line in log.splitlines():
        if "trained for" not in line:
            continue
        times = {p: (float(s), int(n)) for p, s, n in re.findall(r"(\w+) ([\d.]+) s \((\d+)\)", line)}
        times["other"] = float(re.search(r"other (-?[\d.]+) s", line).group(1))
        yield times


times = list(breakdowns((data / "training.log").read_text()))
rows = []
for r in range(1, rounds + 1):
    job = json.loads((data / f"job-{r}.json").read_text())
    bare = float((data / f"bare-{r}.txt").read_text())
    total = at(job["finishedAt"]) - at(job["startedAt"])
    t = times[r - 1]
    step_rate = t["steps"][1] / t["steps"][0]
    rows.append(dict(round=r, service=steps / total, bare=bare, ratio=steps / total / bare, total=total, times=t,
                     steps_ratio=step_rate / bare))

h = job["hyperparameters"]
print(f"{mode}: toy-gp, {steps} generator steps a job, {threads} threads, {rounds} rounds "
      f"(metric rows every {h['metricsEvery']}, evaluations every {h['evaluateEvery']}, checkpoints every {h['checkpointEvery']} steps)")
print("| round | job it/s (started→finished) | bare it/s | ratio | " + " | ".join(PHASES) + " | other | steps / bare |")
print("|---|---|---|---|" + "---|" * len(PHASES) + "---|---|")
for x in rows:
    t = x["times"]
    cells = " | ".join(f"{t[p][0]:.2f} s ({t[p][1]})" for p in PHASES)
    print(f"| {x['round']} | {x['service']:.2f} ({x['total']:.1f} s) | {x['bare']:.2f} | {x['ratio']:.3f} | {cells} "
          f"| {t['other']:.2f} s | {x['steps_ratio']:.3f} |")
median = lambda f: statistics.median(f(x) for x in rows)
shares = ", ".join(f"{p} {median(lambda x: x['times'][p][0] / x['total']) * 100:.1f}%" for p in PHASES if p != "steps")
print(f"median ratio {median(lambda x: x['ratio']):.3f} (target >= 0.95); steps alone / bare {median(lambda x: x['steps_ratio']):.3f}; "
      f"share of the job's time: {shares}")
