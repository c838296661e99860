#!/usr/bin/env bash
# Writes the Api's live OpenAPI document to $1: starts the already built Api (src/Api's output, or the
# folder in WGAN_API_DIR) in embedded mode on a free loopback port with a throwaway data folder, downloads
# /swagger/v1/swagger.json and stops it. Used by .ci/openapi-lint.sh and by tests/Client.Tests' build,
# so what is linted and what the client is generated from is what the running service serves.
set -euo pipefail
OUT=$(readlink -f "$1")
cd "$(dirname "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")")"
API_DIR=${WGAN_API_DIR:-src/Api/bin/${CONFIGURATION:-Debug}/net10.0}
[[ -f "$API_DIR/WganService.Api.dll" ]] || { echo "error: no built Api in $API_DIR (dotnet build src/Api first)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/wgan-openapi-XXXXXX)
API_PID=
cleanup() {
  local status=$?
  [[ -n "$API_PID" ]] && { kill -TERM "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; }
  ((status == 0)) || { echo "--- Api log (last 40 lines)" >&2; tail -n 40 "$WORK/api.log" >&2 || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The output folder is the content root (appsettings.json), as in the image; no worker: nothing trains here.
(cd "$API_DIR" && exec env ASPNETCORE_URLS="http://127.0.0.1:$PORT" ASPNETCORE_ENVIRONMENT=Production \
  Storage__DataDirectory="$WORK/data" Hangfire__RunWorkerInApi=false dotnet WganService.Api.dll) >"$WORK/api.log" 2>&1 &
API_PID=$!

for _ in $(seq 1 360); do
  if curl -fsS -o "$OUT" "http://127.0.0.1:$PORT/swagger/v1/swagger.json" 2>/dev/null; then exit 0; fi
  kill -0 "$API_PID" 2>/dev/null || { echo "error: the Api exited before serving its document" >&2; exit 1; }
  sleep 0.5
done
echo "error: the Api served no document within 180 s" >&2
exit 1
