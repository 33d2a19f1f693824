// Runner for Argo CD's Lua health checks (test-time tool; see main.go and
// build.sh). The scripts themselves come from the pinned Argo CD module in the
// Go module cache.
module serverless-rollouts/tools/argocd-health

go 1.26.0

require github.com/yuin/gopher-lua v1.1.2
