#!/usr/bin/env bash
# The images and the compose stack, built and run for real, then broken on purpose.
#   deploy/podman-e2e.sh [--chaos N] [--steps S] [--checkpoint-every K] [--seed R]
# 1. Builds the `api` and `worker` targets from the unmodified Dockerfile (with podman: on stand-in
#    base images from deploy/standins/build.sh when WGAN_E2E_STANDINS is not 0; see README).
# 2. Brings up postgres, migrate, the Api and two CPU workers from the unmodified
#    deploy/docker-compose.yml (`cpu` profile) with a generated .env; waits for every health check.
# 3. With the admin key: uploads a small image dataset, trains an 8-gaussians job and an image job,
#    samples /generate; the api and worker processes run as the image's non-root user and cannot
#    write /app; `down` then `up` keeps every job, metric row and generator (the volume).
# 4. --chaos N: six jobs with fixed seeds trained undisturbed, then again while N worker containers
#    are SIGKILLed at random moments and PostgreSQL's container is restarted twice: every job
#    succeeds, its metric rows and final /generate samples equal the undisturbed run's bit for bit.
# Exits 0 only when everything held; the last line is a one-line summary with the figures.
# Environment: WGAN_E2E_ENGINE=podman|docker (default podman), WGAN_E2E_STANDINS=0 (real base images),
# WGAN_E2E_KEEP=1 (leave the stack and its volume up at the end).
set -euo pipefail
cd "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")"

CHAOS=0 STEPS= CHECKPOINT_EVERY=13 KILL_SEED=$((RANDOM * 32768 + RANDOM))
while (($#)); do
  case "$1" in
    --chaos) CHAOS=$2; shift 2 ;;
    --steps) STEPS=$2; shift 2 ;;
    --checkpoint-every) CHECKPOINT_EVERY=$2; shift 2 ;;
    --seed) KILL_SEED=$2; shift 2 ;;
    *) echo "usage: $0 [--chaos N] [--steps GENERATOR_STEPS] [--checkpoint-every K] [--seed KILL_SCHEDULE_SEED]" >&2; exit 2 ;;
  esac
done
[[ "$CHAOS" =~ ^[0-9]+$ ]] || { echo "error: --chaos takes a number of kills" >&2; exit 2; }

ENGINE="${WGAN_E2E_ENGINE:-podman}"
PROJECT=wgan-e2e
E2E_WORK=$(mktemp -d /tmp/wgan-e2e-XXXXXX)
source deploy/check/http.sh
source deploy/e2e/engine.sh
source deploy/e2e/jobs.sh
source deploy/e2e/stack.sh
source deploy/e2e/chaos.sh

for tool in "$ENGINE" curl jq openssl python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (.ci/run installs what this needs)" >&2; exit 1; }
done
[[ "$ENGINE" == docker ]] || command -v docker-compose >/dev/null \
  || { echo "error: docker-compose is not installed (apt-get install docker-compose)" >&2; exit 1; }

STARTED=$SECONDS
step() { echo "[podman-e2e $((SECONDS - STARTED))s] $*"; }
SUMMARY=()
finish() {
  local status=$?
  set +e  # clean up everything, whatever fails on the way
  if ((status != 0)); then
    echo "--- failed; the stack's last log lines:"
    compose logs --no-color --tail 40 2>/dev/null | tail -n 200 || true
  fi
  if [[ "${WGAN_E2E_KEEP:-0}" != 1 ]]; then compose down -v >/dev/null 2>&1 || true; fi
  engine_stop
  rm -rf "$E2E_WORK"
  if ((status == 0)); then
    echo "podman-e2e: PASSED in $((SECONDS - STARTED)) s ($ENGINE) | $(printf '%s | ' "${SUMMARY[@]}")"
  else
    echo "podman-e2e: FAILED after $((SECONDS - STARTED)) s ($ENGINE) | $(printf '%s | ' "${SUMMARY[@]}")"
  fi
}
trap finish EXIT
trap 'exit 130' INT TERM  # so that finish still takes the stack down

engine_start
build_images
write_env
stack_up "stack up"
first_jobs
check_users
down_up
if ((CHAOS > 0)); then chaos "$CHAOS"; fi
