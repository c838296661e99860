#!/usr/bin/env bash
# The OpenAPI document is the service's contract: lint the live one (what a running Api serves, not a
# checked-in copy) with Redocly CLI's recommended rules, and fail on any error, warning or ignored problem.
# Needs Node.js >= 20.19 (Redocly CLI 2.77; Debian 12's own nodejs is too old) and a built Api (.ci/run
# builds it first; alone, this builds src/Api). Takes seconds.
set -euo pipefail
cd "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")"

if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a==22&&b>=12)||(a==20&&b>=19)?0:1)' 2>/dev/null; then
  echo "error: Redocly CLI 2.77 needs Node.js >= 20.19 or >= 22.12; found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi
[[ -x tools/openapi/node_modules/.bin/redocly ]] || (cd tools/openapi && npm ci --no-audit --no-fund --loglevel=error)
WORK=$(mktemp -d /tmp/wgan-openapi-lint-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
dotnet build src/Api --nologo >"$WORK/build.log" 2>&1 || { tail -n 40 "$WORK/build.log" >&2; exit 1; }
tools/openapi/live-document.sh "$WORK/openapi.json"

# Redocly exits 0 on warnings; its JSON report's totals decide instead (ignored problems count too).
tools/openapi/node_modules/.bin/redocly lint --config tools/openapi/redocly.yaml --format=json "$WORK/openapi.json" \
  >"$WORK/lint.json" 2>"$WORK/lint.err" || true
if ! totals=$(jq -e -r '.totals | "\(.errors) \(.warnings) \(.ignored)"' "$WORK/lint.json" 2>/dev/null); then
  echo "error: Redocly gave no report" >&2; cat "$WORK/lint.err" >&2; exit 1
fi
read -r errors warnings ignored <<<"$totals"
if ((errors + warnings + ignored > 0)); then
  tools/openapi/node_modules/.bin/redocly lint --config tools/openapi/redocly.yaml "$WORK/openapi.json" 2>&1 | grep -v '[║╔╚]' >&2 || true
  echo "error: the OpenAPI document has $errors error(s), $warnings warning(s), $ignored ignored problem(s) under Redocly's recommended rules" >&2
  exit 1
fi
echo "OpenAPI document: $(jq '[.paths[] | keys[]] | length' "$WORK/openapi.json") operations, Redocly recommended: 0 errors, 0 warnings"
