#!/usr/bin/env python3
"""Figures for deploy/podman-e2e.sh --chaos, on one line: the steps the kills hit, the checkpoints the
jobs resumed from (the workers' "resumes from its checkpoint at generator step N" lines) and the time
from each kill until the job was running again under a new lease (from the once-a-second snapshots).
A resume the log does not show reads "unknown", except where the snapshots prove that no checkpoint
existed yet (the job never reached CHECKPOINT_EVERY steps before the kill): then it is 0, which the
worker does not log.
Usage: chaos-report.py KILLS MONITOR WORKER_LOG [CHECKPOINT_EVERY] (formats: see deploy/e2e/chaos.sh)."""
import re
import statistics
import sys

kills_path, monitor_path, log_path = sys.argv[1:4]
checkpoint_every = int(sys.argv[4]) if len(sys.argv) > 4 else None
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
    # The kill's step comes from a snapshot up to a second old; the killed run may have flushed (and
    # checkpointed) further since. Its last flush stays visible under its lease until the sweeper
    # requeues the job, so the checkpoint it left is at most the highest step shown under its lease.
    reached = max([int(step)] + [int(s[3]) for s in snapshots if s[1] == job and s[4] == owner])
    ever = max([reached] + [int(s[3]) for s in snapshots if s[1] == job and float(s[0]) <= kill_time])
    nth, logged = seen.get(job, 0), resumes.get(job, [])
    resumed_from = "unknown"
    if nth < len(logged) and logged[nth] <= reached:
        resumed_from, seen[job] = logged[nth], nth + 1
    elif checkpoint_every is not None and ever < checkpoint_every:
        resumed_from = 0  # no checkpoint could exist yet, and a start from step 0 is not logged
    pairs.append(f"{step}→{resumed_from}")


def span(values):
    if not values:
        return "n/a"
    return f"median {statistics.median(values):.1f} s ({min(values):.1f}–{max(values):.1f})"


print(f"kill step→resumed from checkpoint: {', '.join(pairs)}; kill→queued again {span(queued_waits)}; "
      f"kill→training again {span(waits)} over {len(waits)}/{len(kills)} kills")
