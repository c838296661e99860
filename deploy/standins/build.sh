#!/usr/bin/env bash
# STAND-IN base images for machines that reach no container registry (CI here). NOT the real images:
# Debian 13 ("trixie", the closest glibc/libstdc++ to Ubuntu 24.04) from the Debian mirror apt uses,
# plus this machine's .NET from /usr/share/dotnet, tagged with the names the Dockerfile and
# deploy/docker-compose.yml use so that both run unmodified:
#   mcr.microsoft.com/dotnet/sdk:10.0-noble     mcr.microsoft.com/dotnet/aspnet:10.0-noble (the Api)
#   mcr.microsoft.com/dotnet/runtime:10.0-noble (the workers)     postgres:16
# Every image carries LABEL org.wganservice.standin=<what it stands in for> and
# org.wganservice.standin-recipe=<hash>; an image whose hash matches is kept, so a second run is quick.
# Differences from the real images: README, "Deploy with Docker".
#   deploy/standins/build.sh            (root, podman, debootstrap)
set -euo pipefail
here="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
cache="${WGAN_STANDIN_CACHE:-/var/cache/wgan-standins}"
dotnet_root="${DOTNET_ROOT:-/usr/share/dotnet}"
suite=trixie
[[ "$(id -u)" == 0 ]] || { echo "error: $0 needs root (debootstrap, chroot)" >&2; exit 1; }
mkdir -p "$cache"

# The first non-security Debian mirror apt is configured with (deb822 or one-line format).
mirror="$(grep -h -E '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  | grep -v security | sed -E 's/^URIs:[[:space:]]*//; s/^deb (\[[^]]*\] )?//' | awk '{print $1; exit}' || true)"
mirror="${WGAN_DEBIAN_MIRROR:-${mirror:-http://deb.debian.org/debian}}"

# What the real runtime-deps image installs (its Ubuntu names mapped to trixie's), plus what the
# Dockerfile's api stage needs to run apt-get.
base_packages=ca-certificates,libicu76,libssl3t64,libstdc++6,libgcc-s1,tzdata
dotnet_version="$(ls "$dotnet_root/shared/Microsoft.NETCore.App" | sort -V | tail -1)"
aspnet_version="$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -1)"
sdk_version="$(ls "$dotnet_root/sdk" | grep -E '^[0-9]' | sort -V | tail -1)"

recipe_hash() { # everything an image is made of: this script, its helper files, the inputs
  { cat "$here"/build.sh "$here"/postgres-entrypoint.sh "$here"/NuGet.Config
    cat /usr/local/share/ca-certificates/*.crt 2>/dev/null || true
    echo "$suite $mirror $base_packages $dotnet_version $aspnet_version $sdk_version $*"; } \
    | sha256sum | cut -c1-16
}
image_hash() { podman image inspect --format '{{ index .Labels "org.wganservice.standin-recipe" }}' "$1" 2>/dev/null || true; }

# One Debian root file system shared by the four images, cached as a tarball.
base_tar="$cache/debian-$suite-$(recipe_hash base).tar"
if [[ ! -s "$base_tar" ]]; then
  echo "stand-ins: debootstrap $suite from $mirror (a few minutes)"
  root="$(mktemp -d "$cache/rootfs.XXXX")"
  debootstrap --variant=minbase --include="$base_packages" "$suite" "$root" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  # As the real images: apt lists and caches are not shipped; services never start inside a build.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"; chmod 755 "$root/usr/sbin/policy-rc.d"
  tar -C "$root" -cf "$base_tar.tmp" . && mv "$base_tar.tmp" "$base_tar"
  rm -rf "$root"
fi

# build_image TAG WHAT CUSTOMISE_FN [--change ...]: unpack the base, let the function add to it, import.
build_image() {
  local tag=$1 what=$2 customise=$3; shift 3
  local hash; hash="$(recipe_hash "$tag" "$@")"
  if [[ "$(image_hash "$tag")" == "$hash" ]]; then echo "stand-ins: $tag up to date ($hash)"; return; fi
  echo "stand-ins: building $tag (stand-in for $what, recipe $hash)"
  local root; root="$(mktemp -d "$cache/rootfs.XXXX")"
  tar -C "$root" -xf "$base_tar"
  "$customise" "$root"
  tar -C "$root" -c . | podman import \
    --change "LABEL org.wganservice.standin=\"$what (NOT the real image; deploy/standins/build.sh)\"" \
    --change "LABEL org.wganservice.standin-recipe=$hash" \
    "$@" - "$tag" >/dev/null
  rm -rf "$root"
}

in_root() { # run a command inside the unpacked file system with /proc and DNS
  local root=$1; shift
  mount -t proc proc "$root/proc"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  local rc=0; chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@" || rc=$?
  umount "$root/proc"
  return $rc
}

# As the real runtime-deps image: group and user `app` with UID/GID 1654 (APP_UID), home /home/app.
add_app_user() {
  in_root "$1" sh -c 'groupadd --gid 1654 app && useradd --uid 1654 --gid app --create-home --shell /bin/false app'
}
add_dotnet() { # $1 root, then the dotnet_root subfolders to copy
  local root=$1; shift
  mkdir -p "$root/usr/share/dotnet"
  cp -a "$dotnet_root"/dotnet "$dotnet_root"/LICENSE.txt "$dotnet_root"/ThirdPartyNotices.txt "$root/usr/share/dotnet/"
  local sub; for sub in "$@"; do
    mkdir -p "$root/usr/share/dotnet/$(dirname "$sub")"; cp -a "$dotnet_root/$sub" "$root/usr/share/dotnet/$sub"
  done
  ln -sf /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
}

customise_runtime() {
  add_app_user "$1"
  add_dotnet "$1" host shared/Microsoft.NETCore.App/"$dotnet_version"
}
customise_aspnet() {
  add_app_user "$1"
  add_dotnet "$1" host shared/Microsoft.NETCore.App/"$dotnet_version" shared/Microsoft.AspNetCore.App/"$aspnet_version"
}
customise_sdk() {
  add_app_user "$1"
  add_dotnet "$1" host shared sdk sdk-manifests packs templates
  # The real SDK image also has curl, git and wget; restore inside a build reaches nuget.org over HTTPS.
  in_root "$1" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends curl git wget >/dev/null && rm -rf /var/lib/apt/lists/*'
  # This machine's dotnet has no NuGet.Config of its own (the SDK's default is nuget.org); the stand-in
  # states it so a build here uses the same source. Proxies, if any, come from HTTP(S)_PROXY build args.
  mkdir -p "$1/root/.nuget/NuGet"; cp "$here/NuGet.Config" "$1/root/.nuget/NuGet/NuGet.Config"
  # This machine reaches nuget.org through a TLS-inspecting egress proxy whose CA is trusted locally
  # (/usr/local/share/ca-certificates, Debian's place for site CAs): without it restore fails with
  # NU1301 "UntrustedRoot". Only the SDK stand-in gets it: it is the only stage that speaks HTTPS.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/"
    in_root "$1" update-ca-certificates >/dev/null
  fi
}
customise_postgres() {
  # As the official image: postgres user and group 999 before the package makes its own, no cluster
  # made by the package (the entrypoint makes it in the volume), the binaries on PATH.
  in_root "$1" sh -c 'groupadd -r --gid 999 postgres && useradd -r --uid 999 --gid postgres --home-dir /var/lib/postgresql --shell /bin/bash postgres && mkdir -p /var/lib/postgresql /etc/postgresql-common && chown postgres:postgres /var/lib/postgresql && echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf'
  in_root "$1" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql-17 >/dev/null && rm -rf /var/lib/apt/lists/*'
  install -m 755 "$here/postgres-entrypoint.sh" "$1/usr/local/bin/docker-entrypoint.sh"
  mkdir -p "$1/var/lib/postgresql/data" "$1/var/run/postgresql"
  chown 999:999 "$1/var/lib/postgresql/data" "$1/var/run/postgresql"; chmod 3777 "$1/var/run/postgresql"
}

runtime_env=(--change "ENV APP_UID=1654" --change "ENV ASPNETCORE_HTTP_PORTS=8080"
  --change "ENV DOTNET_RUNNING_IN_CONTAINER=true" --change "ENV DOTNET_VERSION=$dotnet_version"
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")

build_image mcr.microsoft.com/dotnet/aspnet:10.0-noble "mcr.microsoft.com/dotnet/aspnet:10.0-noble" customise_aspnet \
  "${runtime_env[@]}" --change "ENV ASPNETCORE_VERSION=$aspnet_version"
# As the real runtime image: runtime-deps' environment plus DOTNET_VERSION, no ASP.NET Core.
build_image mcr.microsoft.com/dotnet/runtime:10.0-noble "mcr.microsoft.com/dotnet/runtime:10.0-noble" customise_runtime \
  "${runtime_env[@]}"
build_image mcr.microsoft.com/dotnet/sdk:10.0-noble "mcr.microsoft.com/dotnet/sdk:10.0-noble" customise_sdk \
  "${runtime_env[@]}" --change "ENV ASPNETCORE_VERSION=$aspnet_version" --change "ENV DOTNET_SDK_VERSION=$sdk_version" \
  --change "ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false" --change "ENV DOTNET_NOLOGO=true" \
  --change "ENV DOTNET_USE_POLLING_FILE_WATCHER=true" --change "ENV NUGET_XMLDOC_MODE=skip"
# docker.io/library/: what the Docker-compatible API (docker-compose over podman's socket) looks up.
build_image docker.io/library/postgres:16 "postgres:16 (PostgreSQL 17 from Debian trixie: the mirror has no 16)" customise_postgres \
  --change "ENV PGDATA=/var/lib/postgresql/data" \
  --change "ENV PATH=/usr/lib/postgresql/17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "VOLUME /var/lib/postgresql/data" --change "EXPOSE 5432" --change "STOPSIGNAL SIGINT" \
  --change 'ENTRYPOINT ["docker-entrypoint.sh"]' --change 'CMD ["postgres"]'
echo "stand-ins: ready (podman images --filter label=org.wganservice.standin)"
