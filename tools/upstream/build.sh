#!/usr/bin/env bash
# Builds the upstream Argo Rollouts peer into .rollouts/bin/ (git-ignored):
#   rollouts-controller, kubectl-argo-rollouts  (github.com/argoproj/argo-rollouts, ./go.mod)
#   argocd-health                               (our gopher-lua runner, ../argocd-health)
# and downloads the pinned Argo CD module whose Lua health checks argocd-health
# evaluates (read from the Go module cache at test time, never copied here).
# Everything comes from published Go modules through the module proxy; sources
# stay in the Go module cache (~/go/pkg/mod), nothing lands in the repository.
# A stamp keyed by the pinned versions, the module files and the Go version
# makes a second run instant. `--force` rebuilds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${ROLLOUTS_BIN_DIR:-$ROOT/.rollouts/bin}"
# shellcheck source=../lib/stamp.sh
source "$HERE/../lib/stamp.sh"

ROLLOUTS_VERSION=v1.10.2
# The module's content hash (go.sum), reported as the plugin's GitCommit: the
# module proxy serves no commit id, and this is what identifies the sources built.
ROLLOUTS_SUM="h1:sEPWsY+HUvnXj3Vh0ejb+GDTceQ/palqhFo2FVQJMk0="

# argo-rollouts v1.10.2 declares `go 1.26.10`; the machine's Go is 1.26.8, and
# go1.27.3 is the toolchain the module proxy serves for newer modules.
export GOTOOLCHAIN="${GOTOOLCHAIN_UPSTREAM:-go1.27.3}"

KEY="$({
  echo "argo-rollouts=$ROLLOUTS_VERSION toolchain=$GOTOOLCHAIN"
  cat "$HERE/go.mod" "$HERE/go.sum" "$HERE/build.sh" "$HERE/../lib/stamp.sh" \
    "$HERE/../argocd-health/go.mod" "$HERE/../argocd-health/go.sum" \
    "$HERE/../argocd-health/build.sh" "$HERE/../argocd-health/dir.sh" \
    "$HERE/../argocd-health/main.go"
} | sha256sum | cut -c1-16)"
STAMP="$BIN/.stamp-upstream"

if build_is_current "$STAMP" "$KEY" "${1:-}" rollouts-controller kubectl-argo-rollouts argocd-health; then
  echo "upstream: binaries up to date in $BIN (argo-rollouts $ROLLOUTS_VERSION)"
  exit 0
fi

begin_build "$STAMP"
step() { echo "upstream: $1 ($(($(date +%s) - start))s elapsed)"; }

# Version stamps as the release Makefile sets them; with a tag, a commit and a
# clean tree, `kubectl argo rollouts version` reports exactly the tag.
pkg=github.com/argoproj/argo-rollouts/utils/version
flags="-s -w -X $pkg.version=${ROLLOUTS_VERSION#v} -X $pkg.buildDate=$BUILD_DATE"
flags+=" -X $pkg.gitTag=$ROLLOUTS_VERSION -X $pkg.gitTreeState=clean -X $pkg.gitCommit=$ROLLOUTS_SUM"

cd "$HERE"
step "go $(go env GOVERSION), downloading modules"
go mod download
for cmd in kubectl-argo-rollouts rollouts-controller; do
  step "building $cmd $ROLLOUTS_VERSION"
  go build -trimpath -ldflags="$flags" -o "$BIN/$cmd" "github.com/argoproj/argo-rollouts/cmd/$cmd"
done

step "building argocd-health"
bash "$HERE/../argocd-health/build.sh" "$BIN"

finish_build "$STAMP" "$KEY"
echo "upstream: built in $(($(date +%s) - start))s into $BIN"
