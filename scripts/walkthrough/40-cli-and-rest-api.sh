# README "CLI and REST API": the `rollouts` CLI, then the same operations over /api/v1.
export KUBECONFIG=$PWD/.rollouts/kubeconfig
at_step() { wait_settled storefront-canary "$1" 90; expect_eq 'step index' "$(jp rollout/storefront-canary '{.status.currentStepIndex}')" "$2"; }
image() { jp rollout/storefront-canary '{.spec.template.spec.containers[0].image}'; }
kubectl apply -f test/fixtures/manifests/rollout-canary.yaml
expect_match 'list' "$(npm run cli -- list rollouts)" 'storefront-canary +Canary'
npm run cli -- set image storefront-canary '*=nginx:1.27'
interactive 6 npm run cli -- get rollout storefront-canary --watch
at_step Paused 1
npm run cli -- promote storefront-canary
at_step Paused 3
npm run cli -- abort storefront-canary
fails_with 1 npm run cli -- status storefront-canary --timeout 2m
expect_match 'aborted' "$(jp rollout/storefront-canary '{.status.message}')" '^RolloutAborted'
npm run cli -- retry rollout storefront-canary
at_step Paused 1
npm run cli -- promote storefront-canary --full
npm run cli -- status storefront-canary --timeout 2m
expect_eq 'promoted image' "$(image)" nginx:1.27
# What the issue's `abort && retry` did: with nothing in progress both are written, with a warning.
expect_match 'abort && retry when Healthy' "$(npm run cli -- abort storefront-canary 2>&1 && npm run cli -- retry rollout storefront-canary 2>&1)" "warning: rollout storefront-canary has no update in progress"
npm run cli -- undo storefront-canary
expect_eq 'undone to the previous image' "$(image)" nginx:1.25
at_step Paused 1
npm run cli -- lint -f test/fixtures/manifests/rollout-canary.yaml

# The REST API.
TOKEN=$(cat .rollouts/api-token)
expect_match '/info' "$(curl -H "Authorization: Bearer $TOKEN" localhost:8080/api/v1/rollouts/_all/info)" '"name":"storefront-canary"'
watched=$(curl -N -H "Authorization: Bearer $TOKEN" localhost:8080/api/v1/rollouts/default/storefront-canary/info/watch --max-time 3 || true)
expect_match 'the watch stream' "$watched" '^event: info'
expect_match 'promote --full over the API' "$(curl -X PUT -H "Authorization: Bearer $TOKEN" 'localhost:8080/api/v1/rollouts/default/storefront-canary/promote?full=true')" '"outcome":"done"'
kubectl wait --for=condition=Healthy rollout/storefront-canary --timeout=60s
stale=$(curl -X PUT -H "Authorization: Bearer $TOKEN" -H 'Idempotency-Key: click-1' \
  'localhost:8080/api/v1/rollouts/default/storefront-canary/promote?stepIndex=1&podHash=6b7c9d8f5')
expect_match 'a write meant for another state' "$stale" '"error":"StateChanged"'
expect_match 'who asked, in the events' "$(kubectl get events --field-selector involvedObject.name=storefront-canary -o jsonpath='{.items[*].message}')" 'promote --full requested by api'
