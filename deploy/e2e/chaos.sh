# Sourced by deploy/podman-e2e.sh: `--chaos N`. Six jobs with fixed seeds train undisturbed (the
# yardstick), then the same six specs train again while N worker containers are SIGKILLed at random
# moments (their restart policy brings them back) and the PostgreSQL container restarts twice.
# Every chaos job must succeed with the yardstick's metric rows (each step once) and final samples.

# Checkpoints fall between metric rows and evaluations (metrics every 10 steps, evaluations every 20,
# checkpoints every CHECKPOINT_EVERY = 13 by default), so a resume must carry the running means of both
# windows in the checkpoint for the rows and evaluations to match the yardstick's (docs/reliability.md).
chaos_spec() { # INDEX STEPS NAME → the job's JSON (the name tells the run apart; the rest is the spec)
  local datasets=(8gaussians 25gaussians swissroll) i=$1 s=$2 c=$CHECKPOINT_EVERY
  printf '{"name":"%s-%d","dataset":"%s","variant":"wgan-gp","hyperparameters":{"generatorSteps":%d,"batchSize":32,"seed":%d,"metricsEvery":10,"evaluateEvery":20,"checkpointEvery":%d}}' \
    "$3" "$i" "${datasets[i % 3]}" "$s" $((1000 + i)) "$c"
}

monitor_start() { # one snapshot of the chaos jobs a second: host time, id, status, step, lease owner
  local ids=$1
  (
    while :; do
      sql "SELECT '$(date +%s.%N)', \"Id\", lower(\"Status\"), \"GeneratorStep\", coalesce(\"LeaseOwner\", '')
           FROM \"Jobs\" WHERE \"Id\" IN ($ids)" 2>/dev/null || true
      sleep 1
    done
  ) >"$E2E_WORK/monitor.log" &
  MONITOR_PID=$!
}

# pick_victim IDS RANDOM → "job|step|lease owner|container" of a chaos job a live worker is training
pick_victim() {
  local rows row owner c n
  rows=$(sql "SELECT \"Id\", \"GeneratorStep\", \"LeaseOwner\" FROM \"Jobs\"
              WHERE \"Id\" IN ($1) AND lower(\"Status\") = 'running' AND \"LeaseOwner\" IS NOT NULL" 2>/dev/null) || return 1
  rows=$(grep -v -F -f "$E2E_WORK/killed-owners" <<<"$rows" || true)
  [[ -n "$rows" ]] || return 1
  n=$(wc -l <<<"$rows"); row=$(sed -n "$(($2 % n + 1))p" <<<"$rows")
  owner=$(cut -d'|' -f3 <<<"$row")
  for c in $(service_containers worker-cpu); do
    if [[ "$(engine inspect --format '{{.Config.Hostname}}' "$c")" == "${owner%%/*}" ]]; then echo "$row|$c"; return 0; fi
  done
  return 1
}

chaos() {
  local kills=$1 steps=${STEPS:-$(((100 + 10 * $1 + 19) / 20 * 20))} i ids ref=() run=()
  RANDOM=$KILL_SEED
  step "chaos: 6 undisturbed jobs of $steps generator steps (the yardstick)"
  for i in 0 1 2 3 4 5; do ref+=("$(submit_job "$(chaos_spec $i "$steps" reference)")"); done
  wait_jobs 3600 "${ref[@]}"

  step "chaos: the same 6 specs again; $kills SIGKILLs of workers, 2 PostgreSQL restarts (kill schedule seed $KILL_SEED)"
  for i in 0 1 2 3 4 5; do run+=("$(submit_job "$(chaos_spec $i "$steps" chaos)")"); done
  ids=$(printf "'%s'," "${run[@]}"); ids=${ids%,}
  : >"$E2E_WORK/killed-owners"; : >"$E2E_WORK/kills"
  monitor_start "$ids"
  local k victim restarts=0 pg_times=() t0
  for ((k = 1; k <= kills; k++)); do
    sleep $((2 + RANDOM % 9))  # a random moment, 2 to 10 s after the previous event
    t0=$SECONDS
    until victim=$(pick_victim "$ids" $RANDOM); do
      ((SECONDS - t0 < 600)) || { echo "error: no chaos job in training for 600 s (kill $k of $kills)" >&2; return 1; }
      if [[ -z "$(sql "SELECT 1 FROM \"Jobs\" WHERE \"Id\" IN ($ids) AND lower(\"Status\") IN ('queued','running') LIMIT 1" 2>/dev/null || echo x)" ]]; then
        echo "error: every chaos job finished before kill $k of $kills: raise --steps" >&2; return 1
      fi
      sleep 1
    done
    crash "${victim##*|}"
    echo "$(date +%s.%N)|$victim" >>"$E2E_WORK/kills"
    cut -d'|' -f3 <<<"$victim" >>"$E2E_WORK/killed-owners"
    step "  kill $k: worker ${victim##*|} training job $(cut -d'|' -f1 <<<"$victim") at step $(cut -d'|' -f2 <<<"$victim")"
    if ((restarts < 2 && k * 3 >= (restarts + 1) * kills)); then
      sleep $((1 + RANDOM % 5)); t0=$SECONDS
      compose restart postgres >/dev/null 2>&1
      restarts=$((restarts + 1)); pg_times+=("$((SECONDS - t0))")
      step "  PostgreSQL restart $restarts took ${pg_times[-1]} s"
    fi
  done
  wait_jobs 3600 "${run[@]}"
  kill "$MONITOR_PID" 2>/dev/null; wait "$MONITOR_PID" 2>/dev/null || true
  ((restarts == 2)) || { echo "error: $restarts PostgreSQL restarts, not 2" >&2; return 1; }
  chaos_verify "$steps" ref run
  compose logs --no-color worker-cpu >"$E2E_WORK/worker.log" 2>&1 || true
  local timings; timings=$(python3 deploy/e2e/chaos-report.py "$E2E_WORK/kills" "$E2E_WORK/monitor.log" "$E2E_WORK/worker.log" "$CHECKPOINT_EVERY")
  step "  $timings"
  SUMMARY+=("chaos $kills (seed $KILL_SEED): 6/6 succeeded, $kills kills, 2 postgres restarts (${pg_times[*]} s), $timings, $CHAOS_ROWS metric rows each once, 6/6 samples bit-identical, nothing lost")
}

# chaos_verify STEPS REF_ARRAY RUN_ARRAY: each pair has the same metric rows (each step once), the
# same evaluations and the same final samples. Checks every pair before failing, so one run shows all.
chaos_verify() {
  local steps=$1 i expected=$(($1 / 10)) a b failed=0
  local -n refs=$2 runs=$3
  CHAOS_ROWS=0
  for i in 0 1 2 3 4 5; do
    a=$(metric_rows "${refs[i]}") b=$(metric_rows "${runs[i]}")
    (($(wc -l <<<"$a") == expected)) || { echo "error: the undisturbed job ${refs[i]} has $(wc -l <<<"$a") metric rows, not $expected" >&2; failed=1; }
    [[ "$(cut -d'|' -f1 <<<"$b" | sort -n | uniq -d)" == "" ]] || { echo "error: job ${runs[i]} stored a step twice" >&2; failed=1; }
    if [[ "$a" != "$b" ]]; then
      echo "error: job ${runs[i]}'s metric rows differ from the undisturbed run's (< undisturbed, > chaos):" >&2
      diff <(echo "$a") <(echo "$b") | head -n 10 >&2; failed=1
    fi
    if [[ "$(evaluation_rows "${refs[i]}")" != "$(evaluation_rows "${runs[i]}")" ]]; then
      echo "error: job ${runs[i]}'s evaluations differ from the undisturbed run's:" >&2
      diff <(evaluation_rows "${refs[i]}") <(evaluation_rows "${runs[i]}") | head -n 10 >&2; failed=1
    fi
    generate_npy "${refs[i]}" 99 "$E2E_WORK/ref-$i.npy"
    generate_npy "${runs[i]}" 99 "$E2E_WORK/run-$i.npy"
    cmp -s "$E2E_WORK/ref-$i.npy" "$E2E_WORK/run-$i.npy" \
      || { echo "error: job ${runs[i]}'s final samples differ from the undisturbed run's" >&2; failed=1; }
    CHAOS_ROWS=$((CHAOS_ROWS + $(wc -l <<<"$b")))
  done
  return $failed
}
