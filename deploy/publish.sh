#!/usr/bin/env bash
# How the images' applications are built, in one place: the Dockerfile runs this, and so does CI
# (deploy/check-published.sh), so the artefacts CI starts are built exactly as the images build them.
#   deploy/publish.sh restore api|worker cpu|cuda
#   deploy/publish.sh publish api|worker cpu|cuda OUT_DIR
# Restore and publish are separate steps so the Dockerfile can restore from the project files alone
# (a layer that survives source edits) and publish after the sources are copied.
set -euo pipefail

usage() { echo "usage: $0 restore|publish api|worker cpu|cuda [OUT_DIR]" >&2; exit 2; }
[[ $# -ge 3 ]] || usage
step=$1 app=$2 backend=$3

case "$app" in
  api) project=src/Api/Api.csproj ;;
  worker) project=src/Worker/Worker.csproj ;;
  *) usage ;;
esac
# cuda swaps libtorch-cpu-linux-x64 for libtorch-cuda-12.8-linux-x64 (Directory.Build.props);
# that package is on nuget.org but not on every mirror.
[[ "$backend" == cpu || "$backend" == cuda ]] || usage

case "$step" in
  restore)
    dotnet restore "$project" -p:TorchBackend="$backend" ;;
  publish)
    [[ $# -eq 4 ]] || usage
    # Framework-dependent (the aspnet and runtime images bring .NET); no apphost: the images run `dotnet X.dll`.
    dotnet publish "$project" -c Release --no-restore -p:TorchBackend="$backend" -p:UseAppHost=false -o "$4" ;;
  *) usage ;;
esac
