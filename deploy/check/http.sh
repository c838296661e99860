# Sourced by deploy/check-published.sh: small curl helpers that fail loudly with the response body.

# http METHOD URL [JSON_BODY] → prints the body; fails unless the status is EXPECT (default 2xx).
http() {
  local method=$1 url=$2 body=${3:-} out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$url" \
    -H "X-Api-Key: ${API_KEY:-}" -H 'content-type: application/json' ${body:+--data "$body"})
  if [[ -n "${EXPECT:-}" && "$status" != "$EXPECT" ]] || [[ -z "${EXPECT:-}" && "$status" != 2?? ]]; then
    echo "error: $method $url answered $status: $(cat "$out")" >&2
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

# wait_for SECONDS DESCRIPTION COMMAND... → retries COMMAND once a second until it succeeds.
wait_for() {
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then echo "error: timed out waiting for $what" >&2; return 1; fi
    sleep 1
  done
}
