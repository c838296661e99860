# syntax=docker/dockerfile:1
# Targets: api, worker (CPU), worker-cuda (GPU). Build from the repository root:
#   docker build --target api -t wgan-api .
# Ubuntu 24.04 ("noble") images throughout: their libstdc++ (GLIBCXX_3.4.32+) loads TorchSharp's
# native shim as shipped, so build/TorchSharpNatives.targets leaves it unpatched here.
# deploy/publish.sh holds the restore and publish commands; CI runs the same script
# (deploy/check-published.sh), so what CI starts is what these images carry.

# --- Project files only: the restore layers below survive every source edit. ---------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS projects
WORKDIR /src
# .editorconfig sets analyzer severities (generated migrations, CA1873): without it the warnings-as-
# errors build fails in the image although it passes in a checkout (found by deploy/podman-e2e.sh).
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY deploy/publish.sh deploy/
COPY src/Gan/Gan.csproj src/Gan/
COPY src/Domain/Domain.csproj src/Domain/
COPY src/Api/Api.csproj src/Api/
COPY src/Worker/Worker.csproj src/Worker/

# --- CPU build: the Api and the CPU worker share one restore. -------------------------------------
FROM projects AS build-cpu
RUN deploy/publish.sh restore api cpu && deploy/publish.sh restore worker cpu
COPY src/ src/
RUN deploy/publish.sh publish api cpu /out/api && deploy/publish.sh publish worker cpu /out/worker

# --- CUDA build: libtorch-cuda-12.8-linux-x64 (several GB, from nuget.org) instead of the CPU natives.
FROM projects AS build-cuda
RUN deploy/publish.sh restore worker cuda
COPY src/ src/
RUN deploy/publish.sh publish worker cuda /out/worker

# --- Final images: a runtime only, no SDK (ASP.NET Core's for the Api, .NET's for workers). ---------
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS api
# curl only for HEALTHCHECK: the base image has no HTTP client, and probing the real endpoint over
# HTTP checks what a load balancer would see (an in-process probe would be a second code path).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build-cpu /out/api .
# Server mode (ConnectionStrings__Postgres) on port 8080 (the image's ASPNETCORE_HTTP_PORTS).
EXPOSE 8080
# /health/ready: Kestrel answers and the database is reachable (503 while it is not).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${ASPNETCORE_HTTP_PORTS:-8080}/health/ready" >/dev/null || exit 1
# The image's non-root user (app, UID 1654); the copied files stay root-owned, so it cannot alter them.
USER $APP_UID
ENTRYPOINT ["dotnet", "WganService.Api.dll"]

# A worker serves no HTTP: it refreshes a heartbeat file while it reaches PostgreSQL
# (src/Worker/HeartbeatFile.cs, every 10 s); stale for over a minute means unhealthy.
# The .NET runtime only: nothing in a worker needs ASP.NET Core (it logs through Serilog.Extensions.Hosting;
# tests/Api.Tests/Architecture/WorkerRuntimeTests.cs fails if its build asks for another framework).
FROM mcr.microsoft.com/dotnet/runtime:10.0-noble AS worker-base
WORKDIR /app
ENV Worker__HeartbeatFile=/tmp/wgan-worker.heartbeat
HEALTHCHECK --interval=20s --timeout=5s --start-period=60s --retries=3 \
  CMD test -n "$(find /tmp/wgan-worker.heartbeat -mmin -1 2>/dev/null)" || exit 1

FROM worker-base AS worker
COPY --from=build-cpu /out/worker .
USER $APP_UID
ENTRYPOINT ["dotnet", "WganService.Worker.dll"]

FROM worker-base AS worker-cuda
COPY --from=build-cuda /out/worker .
# The NVIDIA Container Toolkit mounts the host driver (libcuda) into the container when these ask
# for it; the CUDA runtime, cuBLAS and cuDNN come with libtorch-cuda in /app.
ENV NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
USER $APP_UID
ENTRYPOINT ["dotnet", "WganService.Worker.dll"]
