#!/usr/bin/env bash
# Builds argocd-health into $1 (default .rollouts/bin) and fetches the pinned
# Argo CD module whose resource_customizations/*/health.lua it evaluates. The
# module stays in the Go module cache; `dir.sh` prints where.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${1:-$HERE/../../.rollouts/bin}"
cd "$HERE"
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$BIN/argocd-health" .
bash "$HERE/dir.sh" >/dev/null
