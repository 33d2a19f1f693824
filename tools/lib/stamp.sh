# Sourced by tools/*/build.sh: a pinned build into $BIN, reused while its stamp holds the same key.
#
#   build_is_current STAMP KEY "$1" BINARY...   true when not --force, every binary is there and
#                                               STAMP holds KEY: the caller exits at once
#   begin_build STAMP                           removes the stale stamp and sets up a reproducible
#                                               build: CGO off, module files read-only, BUILD_DATE, start
#   finish_build STAMP KEY                      records the key once everything is built

build_is_current() {
  local stamp=$1 key=$2 flag=$3 b
  shift 3
  [[ "$flag" != "--force" ]] || return 1
  for b in "$@"; do [[ -x "$BIN/$b" ]] || return 1; done
  [[ -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$key" ]]
}

begin_build() {
  mkdir -p "$BIN"
  rm -f "$1"
  export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--buildvcs=false} -mod=readonly"
  BUILD_DATE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  start=$(date +%s)
}

finish_build() {
  echo "$2" > "$1"
}
