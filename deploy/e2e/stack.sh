# Sourced by deploy/podman-e2e.sh: build, configure and start the stack, the first jobs, the user
# checks and the down/up round trip. Each function adds its figures to SUMMARY.

build_images() {
  if [[ "$ENGINE" == podman && "${WGAN_E2E_STANDINS:-1}" != 0 ]]; then
    step "stand-in base images (deploy/standins/build.sh; cached by recipe)"
    deploy/standins/build.sh
  fi
  local t=$SECONDS target format=()
  free_build_space
  # Podman writes OCI images by default, and the OCI format has no HEALTHCHECK: the Docker format
  # keeps the Dockerfile's health checks (Docker always does).
  [[ "$ENGINE" == podman ]] && format=(--format docker)
  for target in api worker; do
    step "build --target $target from the Dockerfile"
    engine build "${format[@]}" --target "$target" -t "wganservice-$target:latest" . >"$E2E_WORK/build-$target.log" 2>&1 \
      || { tail -n 40 "$E2E_WORK/build-$target.log" >&2; return 1; }
  done
  SUMMARY+=("images built in $((SECONDS - t)) s")
}

# Every build leaves its stages behind as untagged images (about 10 GB here), so a machine that runs this on
# every CI run fills its disk: a run after several others failed with "no space left on device". Below 30 GB
# free, drop the untagged images first (the tagged images and stand-ins stay; the next build is slower).
free_build_space() {
  [[ "$ENGINE" == podman ]] || return 0
  local free_kb
  free_kb=$(df --output=avail -k "$(podman info --format '{{.Store.GraphRoot}}')" | tail -n 1)
  if (( free_kb < 30 * 1024 * 1024 )); then
    step "free disk space: $((free_kb / 1024 / 1024)) GB left, removing untagged images"
    engine image prune -f >/dev/null
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# deploy/.env as the README tells an operator to write it, plus what this run needs: free loopback
# ports, one TorchSharp thread per worker (the thread count is part of bit-identical results; two
# workers share this machine's cores) and room for every chaos kill to land on the same job.
write_env() {
  mkdir -p "$E2E_WORK/deploy"
  cp deploy/docker-compose.yml "$E2E_WORK/deploy/docker-compose.yml"
  cmp -s deploy/docker-compose.yml "$E2E_WORK/deploy/docker-compose.yml"
  POSTGRES_PASSWORD=$(openssl rand -hex 24)
  API_KEY=$(openssl rand -base64 32)
  PG_PORT=$(free_port) API_PORT=$(free_port)
  API="http://127.0.0.1:$API_PORT"
  sed -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$POSTGRES_PASSWORD|" \
      -e "s|^WGAN_ADMIN_KEY_SHA256=.*|WGAN_ADMIN_KEY_SHA256=$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)|" \
      deploy/.env.example >"$E2E_WORK/deploy/.env"
  cat >>"$E2E_WORK/deploy/.env" <<EOF

# Added by deploy/podman-e2e.sh
POSTGRES_PORT=$PG_PORT
WGAN_API_BIND=127.0.0.1
WGAN_API_PORT=$API_PORT
Training__Threads=1
Training__MaxAbandonedAttempts=$((CHAOS + 3))
EOF
  # A killed worker's job is noticed by its lease (Training__LeaseDuration 20 s, swept every 5 s by
  # every process), not by Hangfire's invisibility timeout (5 min, sliding; its late re-delivery finds
  # the job taken and does nothing): the defaults stand, as an operator would run them.
}

wait_healthy() { # SECONDS: the Api and every worker report healthy, and the Api answers from the host
  local deadline=$((SECONDS + $1)) c
  while :; do
    local ok=1
    for c in $(service_containers api) $(service_containers worker-cpu); do
      [[ "$(health "$c")" == healthy ]] || ok=0
    done
    (($(service_containers worker-cpu | wc -l) == 2)) || ok=0
    ((ok)) && curl -fsS "$API/health/ready" >/dev/null 2>&1 && return 0
    if ((SECONDS >= deadline)); then echo "error: the stack was not healthy within $1 s" >&2; compose ps >&2; return 1; fi
    sleep 2
  done
}

stack_up() { # LABEL for the summary
  step "compose --profile cpu up: postgres, migrate, api, 2 × worker-cpu"
  local t=$SECONDS
  compose up -d --no-build --scale worker-cpu=2 api worker-cpu >"$E2E_WORK/up.log" 2>&1 \
    || { cat "$E2E_WORK/up.log" >&2; return 1; }
  wait_healthy 300
  local migrate; migrate=$(engine ps -a -q --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=migrate")
  [[ "$(engine inspect --format '{{.State.ExitCode}}' "$migrate")" == 0 ]] || { echo "error: migrate did not exit 0" >&2; return 1; }
  EXPECT=401 API_KEY='' http GET "$API/jobs" >/dev/null
  SUMMARY+=("$1: healthy in $((SECONDS - t)) s (migrate exited 0, no key → 401)")
}

first_jobs() {
  step "upload an image dataset; train an 8-gaussians job and an image job; sample /generate"
  python3 deploy/e2e/image-dataset.py "$E2E_WORK/squares.npy" 256
  local dataset; dataset=$(upload_images "$E2E_WORK/squares.npy" squares)
  JOB_TOY=$(submit_job '{"name":"e2e-8gaussians","dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"generatorSteps":60,"batchSize":32,"seed":1}}')
  JOB_IMG=$(submit_job "{\"name\":\"e2e-images\",\"dataset\":\"$dataset\",\"variant\":\"wgan-gp\",\"hyperparameters\":{\"generatorSteps\":6,\"batchSize\":16,\"seed\":2}}")
  wait_jobs 900 "$JOB_TOY" "$JOB_IMG"
  generate_npy "$JOB_TOY" 7 "$E2E_WORK/toy-before.npy"
  generate_npy "$JOB_IMG" 7 "$E2E_WORK/img-before.npy"
  local shape; shape=$(http POST "$API/generate" "{\"jobId\":\"$JOB_IMG\",\"count\":4,\"seed\":7}" | jq -c .shape)
  [[ "$shape" == "[4,1,28,28]" ]] || { echo "error: the image job generates shape $shape, not [4,1,28,28]" >&2; return 1; }
  SUMMARY+=("uploaded 256 images; 8-gaussians + image job succeeded; /generate ok")
}

# check_users: the processes run as the image's app user (not root) and cannot write /app.
check_users() {
  step "api and worker processes: non-root, /app not writable"
  local c n=0 uids
  for c in $(service_containers api) $(service_containers worker-cpu); do
    uids=$(engine exec "$c" sh -c 'grep ^Uid: /proc/1/status' | awk '{print $2,$3,$4,$5}')
    [[ "$uids" == "1654 1654 1654 1654" ]] || { echo "error: container $c's process runs with UIDs $uids, not 1654" >&2; return 1; }
    [[ "$(engine exec "$c" id -u)" == 1654 ]] || { echo "error: exec in $c is not the app user" >&2; return 1; }
    if engine exec "$c" sh -c 'touch /app/probe || test -w /app || test -w "$(ls /app/*.dll | head -1)"' >/dev/null 2>&1; then
      echo "error: the app user can write /app in container $c" >&2; return 1
    fi
    n=$((n + 1))
  done
  ((n == 3)) || { echo "error: expected the api and two workers, found $n containers" >&2; return 1; }
  SUMMARY+=("api + 2 workers run as uid 1654, /app read-only")
}

# down_up: the containers go, the volume stays; everything comes back.
down_up() {
  step "down, then up again: every job, metric row and generator kept"
  local jobs_before rows_before jobs_after rows_after
  jobs_before=$(sql 'SELECT "Id", "Status", "GeneratorStep" FROM "Jobs" ORDER BY "Id"')
  rows_before=$(sql 'SELECT count(*) FROM "Metrics"')
  compose down >"$E2E_WORK/down.log" 2>&1 || { cat "$E2E_WORK/down.log" >&2; return 1; }
  [[ -z "$(engine ps -a -q --filter "label=com.docker.compose.project=$PROJECT")" ]] \
    || { echo "error: containers left after down" >&2; return 1; }
  stack_up "up again"
  jobs_after=$(sql 'SELECT "Id", "Status", "GeneratorStep" FROM "Jobs" ORDER BY "Id"')
  rows_after=$(sql 'SELECT count(*) FROM "Metrics"')
  [[ "$jobs_before" == "$jobs_after" && "$rows_before" == "$rows_after" ]] \
    || { echo "error: down/up changed the data: jobs [$jobs_before] → [$jobs_after], metric rows $rows_before → $rows_after" >&2; return 1; }
  generate_npy "$JOB_TOY" 7 "$E2E_WORK/toy-after.npy"
  generate_npy "$JOB_IMG" 7 "$E2E_WORK/img-after.npy"
  cmp -s "$E2E_WORK/toy-before.npy" "$E2E_WORK/toy-after.npy" && cmp -s "$E2E_WORK/img-before.npy" "$E2E_WORK/img-after.npy" \
    || { echo "error: /generate differs after down/up" >&2; return 1; }
  SUMMARY+=("down/up kept $(wc -l <<<"$jobs_after") jobs, $rows_after metric rows, samples identical")
}
