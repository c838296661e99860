#!/usr/bin/env python3
"""Figures for deploy/podman-e2e.sh --chaos, on one line: the steps the kills hit, the checkpoints the
jobs resumed from (the workers' "resumes from its checkpoint at generator step N" lines) and the time
from each kill until the job was running again under a new lease (from the once-a-second snapshots).
Usage: chaos-report.py KILLS MONITOR WORKER_LOG (formats: see deploy/e2e/chaos.sh)."""
import re
import statistics
import sys

kills_path, monitor_path, log_path = sys.argv[1:4]
kills = [line.strip().split("|") for line in open(kills_path) if line.strip()]
snapshots = [line.strip().split("|") for line in open(monitor_path) if line.count("|") == 4]
resumes = {}
for match in re.finditer(r"Job ([0-9a-f-]{36}) resumes from its checkpoint at generator step (\d+)", open(log_path).read()):
    resumes.setdefault(match.group(1), []).append(int(match.group(2)))

waits, queued_waits, pairs, seen = [], [], [], {}
for kill_time, job, step, owner, _container in kills:
    kill_time = float(kill_time)
    after = [s for s in snapshots if s[1] == job and float(s[0]) > kill_time]
    queued = next((float(s[0]) for s in after if s[2] == "queued"), None)
    resumed = next((float(s[0]) for s in after if s[2] == "running" and s[4] and s[4] != owner), None)
    if resumed is None:
        resumed = next((float(s[0]) for s in after if s[2] == "succeeded"), None)  # finished between snapshots
    if queued is not None:
        queued_waits.append(queued - kill_time)
    if resumed is not None:
        waits.append(resumed - kill_time)
    # A kill before the job's first checkpoint resumes from step 0, which the worker does not log.
    nth, logged = seen.get(job, 0), resumes.get(job, [])
    resumed_from = 0
    if nth < len(logged) and logged[nth] <= int(step):
        resumed_from, seen[job] = logged[nth], nth + 1
    pairs.append(f"{step}→{resumed_from}")


def span(values):
    if not values:
        return "n/a"
    return f"median {statistics.median(values):.1f} s ({min(values):.1f}–{max(values):.1f})"


print(f"kill step→resumed from checkpoint: {', '.join(pairs)}; kill→queued again {span(queued_waits)}; "
      f"kill→training again {span(waits)} over {len(waits)}/{len(kills)} kills")
