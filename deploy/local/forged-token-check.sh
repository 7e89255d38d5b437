#!/usr/bin/env bash
# Checks a running QR Login system: forged app tokens naming a user never cause that user a 429
# (docs/security.md, "Floods"). Sends FORGED (default 100) app calls with tokens that name the user but
# are not signed by the identity provider, then one with the user's real token, and fails if any of them
# was rate limited. Harmless: every call scans a ticket that does not exist.
#
#   deploy/local/forged-token-check.sh [BASE_URL]        against the local system (demo mode): the real
#                                                        token comes from /api/demo/app-token
#   APP_TOKEN=eyJ… deploy/local/forged-token-check.sh https://login.example.com
#                                                        against any system: the user is APP_TOKEN's sub
#
# Keep FORGED under the per-address backstop (qrlogin.ratelimit.app-address, bursts of 300): the forged
# calls and the real one come from this machine's address.
set -euo pipefail
base=${1:-http://localhost:8080}
base=${base%/}
forged=${FORGED:-100}
# A well-formed id no ticket has: every call passes the edge's checks and reaches scan-service.
ticket=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA

b64url() { base64 | tr -d '=\n' | tr '/+' '_-'; }
unb64url() {
  local text
  text=$(printf '%s' "$1" | tr '_-' '/+')
  while [ $(( ${#text} % 4 )) -ne 0 ]; do text="$text="; done
  printf '%s' "$text" | base64 -d
}
scan() {
  curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $1" "$base/api/scan/$ticket"
}

if [ -n "${APP_TOKEN:-}" ]; then
  token=$APP_TOKEN
  payload=$(printf '%s' "$token" | cut -d. -f2)
  user=$(unb64url "$payload" | sed -n 's/.*"sub" *: *"\([^"]*\)".*/\1/p')
else
  user=${QRLOGIN_CHECK_USER:-victim-$RANDOM$RANDOM}
  token=$(curl -s -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$user\"}" \
    "$base/api/demo/app-token" | sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p')
fi
if [ -z "$user" ] || [ -z "$token" ]; then
  echo "No real token for a user: set APP_TOKEN, or run against a system in demo mode" >&2
  exit 2
fi

header=$(printf '{"alg":"ES256","kid":"forged"}' | b64url)
claims=$(printf '{"sub":"%s","name":"%s","exp":4102444800}' "$user" "$user" | b64url)
limited=0
for i in $(seq "$forged"); do
  status=$(scan "$header.$claims.$(printf 'forged-%s' "$i" | b64url)")
  if [ "$status" = 429 ]; then
    limited=$((limited + 1))
  fi
done
real=$(scan "$token")
echo "$forged forged tokens naming $user: $limited rate limited; then $user's own token: $real"
if [ "$limited" -ne 0 ] || [ "$real" = 429 ]; then
  echo "FAIL: forged tokens spent $user's rate limit" >&2
  exit 1
fi
echo "OK: forged tokens never cost $user a 429"
