#!/usr/bin/env bash
# Regenerates test/fixtures/go-template/cases.json from corpus.txt with Go's text/template + sprig,
# the way notifications-engine renders templates. Run after editing the corpus; tests never run Go.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$HERE/../.."
cd "$HERE"
# Local time is UTC in the controller's container; sprig's date functions format in Local.
TZ=UTC go run . "$HERE/corpus.txt" "$HERE/default-data.json" "$ROOT/test/fixtures/go-template/cases.json"
