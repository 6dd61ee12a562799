#!/usr/bin/env bash
# Prints an access token from the identity provider (ADR 9), for curl:
#   scripts/token.sh counsel                      a demo person (README, "Signing in")
#   scripts/token.sh USERNAME PASSWORD [SECRET]   any account (SECRET: its base32 TOTP secret)
#   scripts/token.sh --client ler-replay [SECRET] a client-credentials client (demo secrets known)
# A person signs in the way a browser would, through the public client ler-cli: authorization
# code + PKCE with a loopback redirect, the password form, then the TOTP form; the code is
# taken from the redirect (nothing needs to listen on the loopback port).
# LER_ISSUER_URI: the provider (default http://localhost:9000). TOKEN=id_token prints the ID
# token instead. Needs curl and the JDK (for PKCE and the TOTP code).
set -euo pipefail
BASE="${LER_ISSUER_URI:-http://localhost:9000}"
FIELD="${TOKEN:-access_token}"
HELPER="$(cd "$(dirname "$0")" && pwd)/SignInHelper.java"
REDIRECT="http://127.0.0.1:8765/callback"

die() { echo "token.sh: $*" >&2; exit 1; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
[ $# -ge 1 ] || die "usage: token.sh DEMO_USERNAME | USERNAME PASSWORD [TOTP_SECRET] | --client CLIENT_ID [SECRET]"

if [ "$1" = "--client" ]; then
  CLIENT="${2:?client id}"
  case "$CLIENT" in
    ler-replay) SECRET="${3:-${LER_REPLAY_CLIENT_SECRET:-replay-demo-secret}}" ;;
    ler-replay-approver) SECRET="${3:-${LER_REPLAY_APPROVER_CLIENT_SECRET:-replay-approver-demo-secret}}" ;;
    ler-operator) SECRET="${3:-${LER_OPERATOR_CLIENT_SECRET:-operator-demo-secret}}" ;;
    *) SECRET="${3:?secret}" ;;
  esac
  ANSWER=$(curl -sS -u "$CLIENT:$SECRET" -d grant_type=client_credentials "$BASE/oauth2/token")
  TOKEN_VALUE=$(field access_token <<< "$ANSWER")
  [ -n "$TOKEN_VALUE" ] || die "no token: $ANSWER"
  echo "$TOKEN_VALUE"
  exit 0
fi

# the demo accounts of identity-service/src/main/resources/seed/accounts.json
if [ $# -eq 1 ]; then
  case "$1" in
    liaison.met) set -- liaison.met demo-liaison-met C4PCCWNIR5CLQLYCO7D2XXVVLAZHE263 ;;
    liaison.fbi) set -- liaison.fbi demo-liaison-fbi WFZI4EXAVD5OKDQEUM25BGSCAHSEFEU2 ;;
    counsel) set -- counsel demo-counsel UD47Y7OKKFP5IBVEKMAFDCBWEG3UPEXK ;;
    senior.a) set -- senior.a demo-senior-a IVCJMDTWVF7ANMJKSATNGK3AJNUCIFQI ;;
    senior.b) set -- senior.b demo-senior-b RXKZHVYC7U2FRXPYVGI5FCG4RQPUMSQ7 ;;
    executive) set -- executive demo-executive ;;
    operator) set -- operator demo-operator ;;
    admin) set -- admin demo-admin QNA6KZXWTBFW3HYMYKVM2XFCXB2QGQPG ;;
    *) die "$1 is not a demo account; give USERNAME PASSWORD [TOTP_SECRET]" ;;
  esac
fi
USERNAME="$1"; PASSWORD="${2:?password}"; TOTP_SECRET="${3:-}"

JAR=$(mktemp); trap 'rm -f "$JAR"' EXIT
read -r VERIFIER CHALLENGE < <(java "$HELPER" pkce)
STATE=$(date +%s%N)
AUTHORIZE="$BASE/oauth2/authorize?response_type=code&client_id=ler-cli&scope=openid%20profile&state=$STATE&redirect_uri=$REDIRECT&code_challenge=$CHALLENGE&code_challenge_method=S256"

# one request in the session: prints where the provider sends the browser next
step() { curl -sS -b "$JAR" -c "$JAR" -o /dev/null -w '%{redirect_url}' "$@"; }
csrf() { curl -sS -b "$JAR" -c "$JAR" "$1" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p'; }

NEXT=$(step "$AUTHORIZE")
AHEAD=0
for _ in $(seq 1 10); do
  case "$NEXT" in
    "$REDIRECT"*) break ;;
    */login?error*) die "signing in failed (wrong password, account not verified, suspended or locked)" ;;
    */login)
      NEXT=$(step --data-urlencode "username=$USERNAME" --data-urlencode "password=$PASSWORD" \
        --data-urlencode "_csrf=$(csrf "$BASE/login")" "$BASE/login") ;;
    */login/totp*)
      [ -n "$TOTP_SECRET" ] || die "this account needs a TOTP code: give its base32 secret"
      # a code is accepted once: after an error (signed in seconds ago) try the next step's code
      case "$NEXT" in *error*) AHEAD=$((AHEAD + 1)); [ $AHEAD -le 1 ] || die "TOTP code refused" ;; esac
      CODE=$(java "$HELPER" totp "$TOTP_SECRET" "$AHEAD")
      NEXT=$(step --data-urlencode "code=$CODE" --data-urlencode "_csrf=$(csrf "$BASE/login/totp")" "$BASE/login/totp") ;;
    "$BASE"*) NEXT=$(step "$NEXT") ;;
    *) die "unexpected redirect to $NEXT" ;;
  esac
done
case "$NEXT" in "$REDIRECT"*) ;; *) die "did not get an authorization code (stopped at $NEXT)" ;; esac
CODE=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<< "$NEXT")
ANSWER=$(curl -sS "$BASE/oauth2/token" -d grant_type=authorization_code -d client_id=ler-cli \
  --data-urlencode "code=$CODE" --data-urlencode "redirect_uri=$REDIRECT" -d "code_verifier=$VERIFIER")
TOKEN_VALUE=$(field "$FIELD" <<< "$ANSWER")
[ -n "$TOKEN_VALUE" ] || die "no token: $ANSWER"
echo "$TOKEN_VALUE"
