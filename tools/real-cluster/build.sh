#!/usr/bin/env bash
# Builds the pinned real control plane used by `CLUSTER=real npm start` and the
# real-cluster tests into .rollouts/bin/ (git-ignored):
#   kube-apiserver, kube-controller-manager, kube-scheduler  (k8s.io/kubernetes, ./go.mod)
#   kwok                                                     (sigs.k8s.io/kwok, ./kwok/go.mod)
#   etcd                                                     (go.etcd.io/etcd/server/v3, ./etcd/go.mod)
# Everything comes from published Go modules through the module proxy; sources
# stay in the Go module cache (~/go/pkg/mod), nothing lands in the repository.
# A stamp keyed by the pinned versions and the go.mod/go.sum contents makes a
# second run instant. `--force` rebuilds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${ROLLOUTS_BIN_DIR:-$ROOT/.rollouts/bin}"
# shellcheck source=../lib/stamp.sh
source "$HERE/../lib/stamp.sh"

K8S_VERSION=v1.37.2
KWOK_VERSION=v0.8.0
ETCD_VERSION=v3.6.16

command -v go >/dev/null || { echo "real-cluster: Go is needed to build the control plane (expected at /usr/local/go/bin)" >&2; exit 1; }

# Key: pinned versions + the exact module files + the Go version doing the build.
KEY="$({
  echo "k8s=$K8S_VERSION kwok=$KWOK_VERSION etcd=$ETCD_VERSION go=$(go env GOVERSION)"
  cat "$HERE/go.mod" "$HERE/go.sum" "$HERE/kwok/go.mod" "$HERE/kwok/go.sum" \
    "$HERE/etcd/go.mod" "$HERE/etcd/go.sum"
  grep -v '^[[:space:]]*#' "$HERE/build.sh" "$HERE/../lib/stamp.sh"
} | sha256sum | cut -c1-16)"
STAMP="$BIN/.stamp"

if build_is_current "$STAMP" "$KEY" "${1:-}" kube-apiserver kube-controller-manager kube-scheduler kwok etcd; then
  echo "real-cluster: binaries up to date in $BIN (k8s $K8S_VERSION, kwok $KWOK_VERSION, etcd $ETCD_VERSION)"
  exit 0
fi

begin_build "$STAMP"

# Version stamps, as hack/lib/version.sh sets them, so `--version` and the
# discovery /version report the real release (kubectl warns otherwise).
ver="${K8S_VERSION#v}"
major="${ver%%.*}"
minor="${ver#*.}"; minor="${minor%%.*}"
kflags="-s -w"
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  kflags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  kflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$BUILD_DATE"
done

step() { echo "real-cluster: building $1 ($(($(date +%s) - start))s elapsed)"; }

cd "$HERE"
for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
  step "$cmd $K8S_VERSION"
  go build -trimpath -ldflags="$kflags" -o "$BIN/$cmd" "k8s.io/kubernetes/cmd/$cmd"
done

cd "$HERE/kwok"
step "kwok $KWOK_VERSION"
go build -trimpath -ldflags="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}" \
  -o "$BIN/kwok" sigs.k8s.io/kwok/cmd/kwok

cd "$HERE/etcd"
step "etcd $ETCD_VERSION"
go build -trimpath -ldflags="-s -w" -o "$BIN/etcd" go.etcd.io/etcd/server/v3

finish_build "$STAMP" "$KEY"
echo "real-cluster: built in $(($(date +%s) - start))s into $BIN"
