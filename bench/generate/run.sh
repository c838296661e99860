#!/usr/bin/env bash
# /generate latency and throughput against the bare forward pass (issue C's benchmark).
# Starts a Release build of the Api in embedded mode on a scratch database (1 torch thread, rate
# limit off, as the bare forward in the bench process), runs bench/GenerateBench, stops the Api.
# Usage: bench/generate/run.sh [report.md]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${PORT:-5087}
data=$(mktemp -d)
dotnet build "$root/src/Api" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/GenerateBench" -c Release -v q -nologo >/dev/null
Storage__DataDirectory="$data" Training__Threads=1 Generation__RateLimit__PermitsPerSecond=0 Serilog__MinimumLevel__Default=Warning \
  dotnet "$root/src/Api/bin/Release/net10.0/WganService.Api.dll" --urls "http://localhost:$port" --contentRoot "$root/src/Api" >"$data/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "http://localhost:$port/health/ready" >/dev/null; do sleep 0.5; kill -0 $api || { cat "$data/api.log"; exit 1; }; done
dotnet "$root/bench/GenerateBench/bin/Release/net10.0/WganService.Bench.Generate.dll" "http://localhost:$port" "$api" "${1:-}"
