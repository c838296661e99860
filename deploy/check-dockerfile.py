#!/usr/bin/env python3
"""Structural checks of the Dockerfile, for CI hosts without a Docker engine (no hadolint either).

It reads stages (FROM ... AS name) and their instructions and checks what the deployment relies on:
the three targets exist; final images start from a runtime image, never the SDK (the Api from aspnet,
the workers from runtime: they need no ASP.NET Core, see tests/Api.Tests/Architecture/WorkerRuntimeTests.cs); each
runs as a non-root USER and has a HEALTHCHECK (inherited from its base stage counts); only build
stages run deploy/publish.sh, restoring from the project files before the sources are copied.
It proves the file's shape, not that it builds: that needs an engine and, for worker-cuda, nuget.org.
"""
import re
import sys
from pathlib import Path

FINAL = ["api", "worker", "worker-cuda"]
# The runtime image each final target starts from. A worker on aspnet would still run, carrying a framework
# it never loads; one on runtime whose build asks for ASP.NET Core would not start (the test above guards that).
BASES = {"api": "aspnet", "worker": "runtime", "worker-cuda": "runtime"}
RUNTIME_IMAGE = re.compile(r"^mcr\.microsoft\.com/dotnet/(aspnet|runtime)(-deps)?:10\.0-noble$")
SDK_IMAGE = re.compile(r"^mcr\.microsoft\.com/dotnet/sdk:10\.0-noble$")
# Every project under src, relative to the repository root (this script lives in deploy/).
PROJECTS = [p.relative_to(Path(__file__).resolve().parent.parent).as_posix()
            for p in sorted((Path(__file__).resolve().parent.parent / "src").glob("*/*.csproj"))]


def parse(text):
    """Stages in order: name -> {"base": ..., "lines": [(instruction, args)]}; continuations joined."""
    stages, current = {}, None
    for line in re.sub(r"\\\n", " ", text).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, args = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            match = re.match(r"(\S+)\s+AS\s+(\S+)$", args.strip(), re.IGNORECASE)
            if not match:
                raise SystemExit(f"every stage must be named: FROM {args}")
            current = {"base": match.group(1), "lines": []}
            stages[match.group(2)] = current
        elif current is not None:
            current["lines"].append((instruction, args.strip()))
    return stages


def chain(stages, name):
    """The stage and the stages it is built FROM, nearest first."""
    while name in stages:
        yield name, stages[name]
        name = stages[name]["base"]


def check(stages):
    errors = []
    for target in FINAL:
        if target not in stages:
            errors.append(f"missing target {target}")
            continue
        lineage = list(chain(stages, target))
        root = lineage[-1][1]["base"]
        base = RUNTIME_IMAGE.match(root)
        if not base or base.group(1) != BASES[target] or base.group(2):
            errors.append(f"{target}: final image must start from mcr.microsoft.com/dotnet/{BASES[target]}:10.0-noble, not {root}")
        users = [a for _, s in lineage for i, a in reversed(s["lines"]) if i == "USER"]  # last one wins
        if not users or users[0] in ("root", "0", "0:0"):
            errors.append(f"{target}: must end as a non-root USER (found {users[0] if users else 'none'})")
        if not any(i == "HEALTHCHECK" for _, s in lineage for i, _ in s["lines"]):
            errors.append(f"{target}: no HEALTHCHECK")
        if not any(i == "ENTRYPOINT" for _, s in lineage for i, _ in s["lines"]):
            errors.append(f"{target}: no ENTRYPOINT")
        for name, stage in lineage:
            if any("publish.sh" in a for i, a in stage["lines"] if i == "RUN"):
                errors.append(f"{target}: final stage {name} builds (the SDK must stay in build stages)")
        sources = [a.split()[0] for i, a in lineage[0][1]["lines"] if i == "COPY" and a.startswith("--from=")]
        if not sources:
            errors.append(f"{target}: copies nothing from a build stage")
        for source in sources:
            build = source.removeprefix("--from=")
            if build not in stages or not SDK_IMAGE.match(list(chain(stages, build))[-1][1]["base"]):
                errors.append(f"{target}: copies from {build}, which is not an SDK build stage")
            else:
                errors += check_build(build, list(chain(stages, build)))
    return sorted(set(errors))


def check_build(name, lineage):
    """Restore from project files first, then copy the sources, then publish (fast rebuilds)."""
    steps = [(i, a) for _, s in reversed(lineage) for i, a in s["lines"]]
    def first(predicate):
        return next((n for n, step in enumerate(steps) if predicate(*step)), None)
    restore = first(lambda i, a: i == "RUN" and "publish.sh restore" in a)
    # Restore reads every project the apps reference: a src project whose .csproj is not copied before
    # it fails the image build only, which CI cannot run (checked since src/Gan was split from src/Domain).
    copied = {a.split()[0] for i, a in steps[:restore or 0] if i == "COPY"}
    missing = sorted(p for p in PROJECTS if p not in copied)
    if missing:
        return [f"{name}: COPY {', '.join(missing)} before `publish.sh restore`"]
    sources = first(lambda i, a: i == "COPY" and a.split()[0] == "src/")
    publish = first(lambda i, a: i == "RUN" and "publish.sh publish" in a)
    if None in (restore, sources, publish) or not restore < sources < publish:
        return [f"{name}: needs `publish.sh restore`, then COPY src/, then `publish.sh publish`, in that order"]
    # The build treats warnings as errors and .editorconfig sets analyzer severities: a build without
    # it fails in the image although it passes in a checkout (seen by deploy/podman-e2e.sh).
    editorconfig = first(lambda i, a: i == "COPY" and ".editorconfig" in a.split()[:-1])
    if editorconfig is None or editorconfig > publish:
        return [f"{name}: must COPY .editorconfig before `publish.sh publish` (analyzer severities)"]
    return []


def main():
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "Dockerfile")
    errors = check(parse(path.read_text()))
    for error in errors:
        print(f"{path}: {error}", file=sys.stderr)
    if errors:
        return 1
    print(f"{path}: targets {', '.join(FINAL)}: runtime bases (api: aspnet, workers: runtime), non-root, health checks, "
          "restore before sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
