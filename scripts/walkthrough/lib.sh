# Helpers for the README walk-throughs (sourced by run.sh; each section script runs with them).
# The README's commands appear verbatim in the section scripts (test/e2e/walkthrough.test.ts checks
# that); the lines around them only wait for what a reader waits for by eye, and assert outcomes.

# Fails the section with a message and what the Rollouts look like.
fail() {
  echo "FAILED: $*" >&2
  kubectl --kubeconfig "$PWD/.rollouts/kubeconfig" get rollouts,replicasets,analysisruns,experiments >&2 || true
  exit 1
}

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() {
  [ "$2" = "$3" ] || fail "$1: expected '$3', got '$2'"
  echo "ok: $1 = $3"
}

# expect_match WHAT TEXT REGEX (extended)
expect_match() {
  printf '%s' "$2" | grep -Eq -- "$3" || fail "$1: expected to match /$3/, got: $2"
  echo "ok: $1 ~ /$3/"
}

# jp KIND/NAME JSONPATH: one field of one object.
jp() { kubectl get "$1" -o "jsonpath=$2"; }

# wait_jp KIND/NAME JSONPATH EXPECTED [SECONDS]: polls until the field reads EXPECTED, an extended
# regular expression matched whole (`Successful|Failed`), for up to SECONDS (default 60).
wait_jp() {
  local deadline=$(( $(date +%s) + ${4:-60} )) got
  while :; do
    got=$(jp "$1" "$2" 2>/dev/null || true)
    [[ $got =~ ^($3)$ ]] && { echo "ok: $1 $2 = $got"; return 0; }
    [ "$(date +%s)" -ge "$deadline" ] && fail "$1 $2: waited for '$3', still '$got'"
    sleep 0.3
  done
}

# wait_settled ROLLOUT PHASE [SECONDS]: the controller has acted on the latest spec and the Rollout
# is in PHASE. What a reader sees in `get rollout --watch` before typing the next command.
wait_settled() {
  local deadline=$(( $(date +%s) + ${3:-60} )) observed generation phase
  while :; do
    read -r observed generation phase <<<"$(jp "rollout/$1" '{.status.observedGeneration} {.metadata.generation} {.status.phase}' 2>/dev/null || true)"
    [ -n "$observed" ] && [ "$observed" = "$generation" ] && [ "$phase" = "$2" ] && { echo "ok: rollout/$1 $2 on generation $generation"; return 0; }
    [ "$(date +%s)" -ge "$deadline" ] && fail "rollout/$1: waited for $2 on the latest spec, got generation $observed/$generation, $phase"
    sleep 0.3
  done
}

# interactive SECONDS COMMAND…: a command that runs until Ctrl-C (a watch), stopped after SECONDS.
interactive() {
  local seconds=$1 code=0
  shift
  timeout -k 3 "$seconds" "$@" || code=$?
  [ "$code" = 0 ] || [ "$code" = 124 ] || fail "$* exited $code"
}

# fails_with CODE COMMAND…: the command must exit with CODE.
fails_with() {
  local want=$1 code=0
  shift
  "$@" || code=$?
  [ "$code" = "$want" ] || fail "$* exited $code, expected $want"
  echo "ok: exit $want"
}

# The README's URLs say :8080; the walk-through's controller listens on $PORT.
curl() { command curl -sS --connect-to "localhost:8080:127.0.0.1:$PORT" --connect-to "127.0.0.1:8080:127.0.0.1:$PORT" "$@"; }
