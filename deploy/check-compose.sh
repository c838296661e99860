#!/usr/bin/env bash
# Validates deploy/docker-compose.yml without a Docker engine: Debian's docker-compose (1.29) parses
# it, resolves every ${...} and checks the schema (depends_on conditions, profiles, GPU reservations).
# Runs on a copy beside a .env made from .env.example, so a real deploy/.env is never read or touched.
set -euo pipefail
cd "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")"
command -v docker-compose >/dev/null || { echo "error: docker-compose is not installed (apt-get install docker-compose)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/deploy"
cp deploy/docker-compose.yml "$work/deploy/"
compose() { docker-compose --project-directory "$work/deploy" -f "$work/deploy/docker-compose.yml" "$@"; }

# The example as committed leaves the secrets empty: compose must refuse it, naming them.
cp deploy/.env.example "$work/deploy/.env"
if compose config >/dev/null 2>"$work/err"; then
  echo "error: compose accepted an .env without POSTGRES_PASSWORD and WGAN_ADMIN_KEY_SHA256" >&2; exit 1
fi
grep -q "POSTGRES_PASSWORD" "$work/err" || { echo "error: unexpected compose error: $(cat "$work/err")" >&2; exit 1; }

sed -e 's/^POSTGRES_PASSWORD=$/POSTGRES_PASSWORD=check/' \
    -e "s/^WGAN_ADMIN_KEY_SHA256=\$/WGAN_ADMIN_KEY_SHA256=$(printf %s check | sha256sum | cut -d' ' -f1)/" \
    deploy/.env.example >"$work/deploy/.env"
compose config --quiet
# What the deployment relies on, read from the resolved file with docker-compose's own Python and YAML.
compose config | /usr/bin/python3 -c '
import sys, yaml
s = yaml.safe_load(sys.stdin)["services"]
def need(ok, why):
    if not ok: sys.exit("error: " + why)
need(set(s) == {"postgres", "migrate", "api", "worker", "worker-cpu"}, "services are " + ", ".join(s))
need("healthcheck" in s["postgres"], "postgres has no health check")
need(s["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy", "migrate does not wait for a healthy postgres")
need(s["migrate"]["environment"].get("Database__MigrateOnly") == "true", "migrate does not set Database__MigrateOnly")
for name in ("api", "worker", "worker-cpu"):
    need(s[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name + " does not wait for migrate")
    need("Database__MigrateOnly" not in s[name]["environment"], name + " migrates")
need(s["worker"]["deploy"]["resources"]["reservations"]["devices"][0]["driver"] == "nvidia", "worker reserves no NVIDIA GPU")
need(s["worker"]["build"]["target"] == "worker-cuda" and s["worker-cpu"]["build"]["target"] == "worker", "worker build targets")
need(s["worker-cpu"].get("profiles") == ["cpu"] and "profiles" not in s["worker"], "only worker-cpu is under the cpu profile")
need(all("container_name" not in v for v in (s["worker"], s["worker-cpu"])), "a container_name stops --scale")
'
echo "deploy/docker-compose.yml: valid (docker-compose $(docker-compose version --short)); secrets required; profiles and migrate order as intended"
