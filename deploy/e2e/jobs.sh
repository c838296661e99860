# Sourced by deploy/podman-e2e.sh: the Api and the database as the end-to-end checks use them.
# Needs API, API_KEY (deploy/check/http.sh), PG_PORT, POSTGRES_PASSWORD and engine.sh.

# sql QUERY → rows, '|'-separated. The host's psql over the published port when there is one (cheap
# enough to poll every second); otherwise psql inside the postgres container.
sql() {
  if command -v psql >/dev/null; then
    PGPASSWORD="$POSTGRES_PASSWORD" PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$PG_PORT" -U wgan -d wgan \
      -X -q -tA -v ON_ERROR_STOP=1 -c "$1"
  else
    engine exec -i "$(service_containers postgres | head -1)" psql -U wgan -d wgan -X -q -tA -v ON_ERROR_STOP=1 -c "$1"
  fi
}

# submit_job JSON → the new job's id
submit_job() { http POST "$API/jobs" "$1" | jq -er .id; }

# wait_jobs SECONDS ID... → returns once every job succeeded; fails at once on failed or cancelled.
wait_jobs() {
  local deadline=$((SECONDS + $1)) id status pending; shift
  while :; do
    pending=0
    for id in "$@"; do
      status=$(http GET "$API/jobs/$id" 2>/dev/null | jq -r .status) || status=unreachable
      case "$status" in
        succeeded) ;;
        failed | cancelled) echo "error: job $id $status: $(http GET "$API/jobs/$id" | jq -c '{status,error,progress}')" >&2; return 1 ;;
        *) pending=$((pending + 1)) ;;
      esac
    done
    ((pending == 0)) && return 0
    if ((SECONDS >= deadline)); then echo "error: $pending job(s) unfinished after $1 s" >&2; return 1; fi
    sleep 2
  done
}

# generate_npy JOB SEED FILE: 64 samples of the job's final generator for a fixed seed, as .npy bytes
# (float32 exactly as computed: comparing files compares every bit).
generate_npy() {
  local status
  status=$(curl -sS -o "$3" -w '%{http_code}' -X POST "$API/generate" -H "X-Api-Key: $API_KEY" \
    -H 'content-type: application/json' --data "{\"jobId\":\"$1\",\"count\":64,\"seed\":$2,\"checkpoint\":\"final\",\"format\":\"npy\"}")
  [[ "$status" == 200 ]] || { echo "error: POST /generate for job $1 answered $status: $(head -c 500 "$3")" >&2; return 1; }
}

# metric_rows JOB → one line per stored metric row: step and every value that training determines
# (not RecordedAt or SamplesPerSecond, which depend on the clock).
metric_rows() {
  sql "SELECT \"GeneratorStep\", \"CriticLoss\", \"GeneratorLoss\", \"WassersteinEstimate\", \"GradientPenalty\", \"CriticGradientNorm\"
       FROM \"Metrics\" WHERE \"JobId\" = '$1' ORDER BY \"GeneratorStep\""
}

# evaluation_rows JOB → one line per evaluation on held-out data (not RecordedAt).
evaluation_rows() {
  sql "SELECT \"GeneratorStep\", \"SlicedWasserstein\", \"ModesCovered\", \"HighQualityRatio\", \"WassersteinEstimate\"
       FROM \"Evaluations\" WHERE \"JobId\" = '$1' ORDER BY \"GeneratorStep\""
}

# upload_images FILE NAME → dataset id
upload_images() {
  local out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X POST "$API/datasets" -H "X-Api-Key: $API_KEY" -F "file=@$1" -F "name=$2")
  [[ "$status" == 2?? ]] || { echo "error: POST /datasets answered $status: $(cat "$out")" >&2; rm -f "$out"; return 1; }
  jq -er .id "$out"; rm -f "$out"
}
