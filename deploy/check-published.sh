#!/usr/bin/env bash
# What the images carry, exercised where no container can run (CI has no Docker engine): publish the
# Api and the CPU worker with the Dockerfile's own commands (deploy/publish.sh), then run them as the
# compose file does against a throwaway PostgreSQL: migrate once (Database__MigrateOnly), start the Api
# in server mode with a key on ASPNETCORE_HTTP_PORTS and a worker with its heartbeat file, train a
# short job over HTTP and sample from it. The images' only other content is their base and curl.
set -euo pipefail
cd "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")"
source deploy/check/throwaway-postgres.sh
source deploy/check/http.sh

WORK=$(mktemp -d /tmp/wgan-published-XXXXXX)
chmod 755 "$WORK"  # the postgres user (initdb when root) must reach its folder inside
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if ((status != 0)); then
    for log in "$WORK"/*.log; do [[ -f "$log" ]] && { echo "--- $log (last 40 lines)"; tail -n 40 "$log"; }; done
  fi
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { echo "[check-published ${SECONDS}s] $*"; }

step "publish (deploy/publish.sh, as the Dockerfile's build-cpu stage runs it)"
for app in api worker; do deploy/publish.sh restore "$app" cpu >"$WORK/restore-$app.log"; done
for app in api worker; do deploy/publish.sh publish "$app" cpu "$WORK/$app" >"$WORK/publish-$app.log"; done

step "PostgreSQL"
pg_start "$WORK/pg"
pg_psql postgres "CREATE DATABASE wgan" >/dev/null
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=wgan;Username=postgres"

step "migrate (the compose file's migrate service)"
(cd "$WORK/api" && Database__MigrateOnly=true timeout 120 dotnet WganService.Api.dll) >"$WORK/migrate.log" 2>&1
migrations=$(pg_psql wgan 'SELECT count(*) FROM "__EFMigrationsHistory"')
((migrations > 0)) || { echo "error: the migrate step applied no migrations" >&2; exit 1; }
step "  $migrations migrations applied; the process exited 0"

API_KEY=$(openssl rand -hex 24)
API_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
API="http://127.0.0.1:$API_PORT"

step "start the Api (server mode, one admin key, ASPNETCORE_HTTP_PORTS as the image sets it)"
# The working folder is the content root, as WORKDIR /app is in the image (appsettings.json, wwwroot).
(cd "$WORK/api" && exec env ASPNETCORE_HTTP_PORTS="$API_PORT" \
  Auth__ApiKeys__0__Name=ci Auth__ApiKeys__0__Sha256="$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)" \
  Auth__ApiKeys__0__Admin=true dotnet WganService.Api.dll) >"$WORK/api.log" 2>&1 &
PIDS+=($!)

step "start a CPU worker"
(cd "$WORK/worker" && exec env Worker__HeartbeatFile="$WORK/worker.heartbeat" Training__Threads=1 \
  dotnet WganService.Worker.dll) >"$WORK/worker.log" 2>&1 &
PIDS+=($!)

# The images' HEALTHCHECK commands, against this Api and this worker.
wait_for 60 "the Api's health check" curl -fsS "$API/health/ready"
wait_for 60 "the worker's heartbeat file" bash -c "test -n \"\$(find '$WORK/worker.heartbeat' -mmin -1 2>/dev/null)\""
EXPECT=401 API_KEY='' http GET "$API/jobs" >/dev/null
step "  healthy; a request without a key gets 401"

step "train: 8gaussians, wgan-gp, 20 generator steps, batch 32"
job=$(http POST "$API/jobs" '{"dataset":"8gaussians","variant":"wgan-gp","hyperparameters":{"generatorSteps":20,"batchSize":32}}' | jq -r .id)
deadline=$((SECONDS + 180))
while :; do
  status=$(http GET "$API/jobs/$job" | jq -r .status)
  case "$status" in
    succeeded) break ;;
    failed | cancelled) echo "error: job $job $status: $(http GET "$API/jobs/$job")" >&2; exit 1 ;;
  esac
  ((SECONDS < deadline)) || { echo "error: job $job still $status after 180 s" >&2; exit 1; }
  sleep 1
done
step "  job $job succeeded"

samples=$(http POST "$API/generate" "{\"jobId\":\"$job\",\"count\":16,\"seed\":7}" | jq '.samples | length')
[[ "$samples" == 16 ]] || { echo "error: /generate returned $samples samples, not 16" >&2; exit 1; }
grep -q "$job" "$WORK/worker.log" || { echo "error: the worker's log never names job $job" >&2; exit 1; }
step "  POST /generate gave 16 samples; the worker process trained the job"

step "SIGTERM (docker stop): both exit"
for pid in "${PIDS[@]}"; do kill -TERM "$pid"; done
for pid in "${PIDS[@]}"; do timeout 40 tail --pid="$pid" -f /dev/null; done
PIDS=()
step "passed"
