#!/usr/bin/env bash
# Runs the README's walk-throughs as scripts, in order, against one fresh `npm start` (issue 19):
#
#   scripts/walkthrough/run.sh              # every section: NN-*.sh in order
#   scripts/walkthrough/run.sh 10 40        # only the sections whose names start with these
#   WALKTHROUGH_CLUSTER=real scripts/walkthrough/run.sh   # against `CLUSTER=real npm start`
#
# It works in a copy of the repository (sources, manifests, fixtures; node_modules linked), so the
# `.rollouts/` of a developer's own `npm start` is never touched, on free ports (KUBE_PORT, PORT) with
# POD_READY_SECONDS=0.2 unless set. Each section runs in its own bash with lib.sh and `set -eu`;
# the first failure stops the run (exit 1) and prints the end of the `npm start` log.
# The copy and its log are kept after a failure (WALKTHROUGH_KEEP=0: never; 1: always). Needs kubectl, curl, timeout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

for tool in kubectl curl timeout setsid; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

sections=()
for f in "$here"/[0-9][0-9]-*.sh; do
  name=$(basename "$f")
  if [ $# -eq 0 ]; then sections+=("$f"); continue; fi
  for want in "$@"; do case "$name" in "$want"*) sections+=("$f") ;; esac; done
done
[ ${#sections[@]} -gt 0 ] || { echo "run.sh: no section matches $*" >&2; exit 2; }

sandbox=$(mktemp -d "${TMPDIR:-/tmp}/walkthrough-XXXXXX")
for path in src functions manifests examples test/fixtures scripts/notification-sink.mjs package.json tsconfig.json .npmrc; do
  [ -e "$repo/$path" ] || continue
  mkdir -p "$sandbox/$(dirname "$path")"
  cp -R "$repo/$path" "$sandbox/$path"
done
ln -s "$repo/node_modules" "$sandbox/node_modules"

export KUBE_PORT=${KUBE_PORT:-$(free_port)} PORT=${PORT:-$(free_port)} POD_READY_SECONDS=${POD_READY_SECONDS:-0.2}
export WRANGLER_SEND_METRICS=false npm_config_update_notifier=false npm_config_loglevel=silent
export KUBECACHEDIR="$sandbox/.kube-cache"
unset KUBECONFIG API_TOKEN CLUSTER CONTROLLER DEVGITHUB GITOPS_CONFIG GITOPS_CONFIGMAP
if [ "${WALKTHROUGH_CLUSTER:-}" = real ]; then
  # The real control plane from the repository's own build; never a build inside the copy.
  export CLUSTER=real ROLLOUTS_BIN_DIR="$repo/.rollouts/bin" REAL_CLUSTER_BUILD=off
fi
log="$sandbox/npm-start.log"

server=
cleanup() {
  local code=$?
  if [ -n "$server" ]; then kill -TERM -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ "$code" != 0 ]; then echo "--- last lines of npm start ($log)" >&2; tail -n 40 "$log" >&2 || true; fi
  local keep=${WALKTHROUGH_KEEP:-}
  if [ "$keep" = 1 ] || { [ "$code" != 0 ] && [ "$keep" != 0 ]; }; then
    echo "kept: $sandbox" >&2
  else
    rm -rf "$sandbox"
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "=== npm start (${CLUSTER:-devcluster} :$KUBE_PORT, controller :$PORT) in $sandbox"
cd "$sandbox"
setsid npm start >"$log" 2>&1 &
server=$!
deadline=$(( $(date +%s) + 120 ))
until [ -s .rollouts/api-token ] && curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || { echo "npm start exited" >&2; exit 1; }
  [ "$(date +%s)" -lt "$deadline" ] || { echo "npm start was not ready after 120 s" >&2; exit 1; }
  sleep 0.5
done

for section in "${sections[@]}"; do
  echo "=== $(basename "$section")"
  started=$(date +%s)
  bash -c 'set -euo pipefail; source "$1"; source "$2"' walkthrough "$here/lib.sh" "$section"
  echo "=== $(basename "$section") passed ($(( $(date +%s) - started )) s)"
done
echo "=== all ${#sections[@]} sections passed"
