# Sourced by deploy/podman-e2e.sh: the container engine and the compose tool behind one set of
# functions, so the same script runs on podman (CI here, with stand-in base images) and on Docker.
#   ENGINE=podman|docker  PROJECT=<compose project>  E2E_WORK=<scratch folder>
#
# Compose tool: Debian's podman-compose 1.0.3 ignores `depends_on` conditions (service_healthy,
# service_completed_successfully: it only orders the starts) and has no `--profile`, so it would start
# the Api before `migrate` finished and could not select the `cpu` profile. docker-compose 1.29 honours
# both (conditions since 1.29, profiles since 1.28) and talks to podman through its Docker-compatible
# socket (`podman system service`); with Docker, `docker compose` (v2) does the same.

engine() { "$ENGINE" "$@"; }

# Podman needs two settings on these machines (TECH-NOTES, Containers): no default ulimits (setting
# them is not permitted here) and runc (crun refuses the hybrid cgroup layout).
podman_configure() {
  local conf=/etc/containers/containers.conf
  [[ "$(id -u)" == 0 ]] || return 0
  grep -q '^default_ulimits' "$conf" 2>/dev/null && grep -q '^runtime' "$conf" 2>/dev/null && return 0
  mkdir -p /etc/containers
  printf '# deploy/podman-e2e.sh: needed by podman on these machines\n[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\n' >"$conf"
}

# Podman runs health checks from systemd timers; without systemd (CI containers) nobody runs them, so
# the status would stay "starting" and compose would wait for ever. This loop stands in for Docker's
# scheduler: every container of the project that has a health check gets it run every few seconds.
HEALTH_PUMP_PID=
health_pump_start() {
  [[ "$ENGINE" == podman ]] || return 0
  (
    while :; do
      for id in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null); do
        podman healthcheck run "$id" >/dev/null 2>&1 || true
      done
      sleep 3
    done
  ) &
  HEALTH_PUMP_PID=$!
}

PODMAN_SERVICE_PID=
engine_start() {
  if [[ "$ENGINE" == docker ]]; then
    COMPOSE_CMD=(docker compose); return
  fi
  podman_configure
  local sock="$E2E_WORK/podman.sock"
  podman system service --time=0 "unix://$sock" >"$E2E_WORK/podman-service.log" 2>&1 &
  PODMAN_SERVICE_PID=$!
  wait_for 30 "podman's API socket" test -S "$sock"
  COMPOSE_CMD=(env "DOCKER_HOST=unix://$sock" docker-compose)
  health_pump_start
}

engine_stop() {
  local pid
  for pid in ${MONITOR_PID:-} $HEALTH_PUMP_PID $PODMAN_SERVICE_PID; do  # MONITOR_PID: chaos.sh
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

# The compose file runs from a byte-identical copy beside the generated .env, so a real deploy/.env
# is never read or overwritten (as deploy/check-compose.sh does).
compose() {
  "${COMPOSE_CMD[@]}" -p "$PROJECT" --project-directory "$E2E_WORK/deploy" \
    -f "$E2E_WORK/deploy/docker-compose.yml" --profile cpu "$@"
}

# service_containers SERVICE → the ids of the service's running containers.
service_containers() {
  engine ps -q --filter "label=com.docker.compose.project=$PROJECT" \
    --filter "label=com.docker.compose.service=$1"
}

# health CONTAINER → healthy | unhealthy | starting | none
health() { engine inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1" 2>/dev/null; }

# crash CONTAINER: SIGKILL its main process from the host, as the OOM killer or a crash would. `kill`
# through the engine would count as a deliberate stop, and `unless-stopped` would then not restart it.
crash() {
  local pid; pid=$(engine inspect --format '{{.State.Pid}}' "$1")
  [[ "$pid" =~ ^[0-9]+$ && "$pid" != 0 ]] || { echo "error: container $1 has no process" >&2; return 1; }
  kill -KILL "$pid"
}
