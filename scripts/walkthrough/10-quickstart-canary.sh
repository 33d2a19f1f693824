# README "Quickstart": walk a canary with kubectl.
export KUBECONFIG=$PWD/.rollouts/kubeconfig
kubectl apply -f test/fixtures/manifests/rollout-canary.yaml
kubectl wait --for=condition=Healthy rollout/storefront-canary
expect_eq 'ready pods of the first deploy' "$(jp rollout/storefront-canary '{.status.readyReplicas}')" 4
kubectl patch rollout storefront-canary --type json \
  -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.26"}]'
kubectl wait --for=condition=Paused rollout/storefront-canary
wait_settled storefront-canary Paused
kubectl get rollout,rs
expect_eq 'step index at the pause' "$(jp rollout/storefront-canary '{.status.currentStepIndex}')" 1
wait_jp rollout/storefront-canary '{.status.availableReplicas}' 4
expect_eq 'canary + stable pods' "$(kubectl get rs -l app.kubernetes.io/name=storefront-canary -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas} {end}' | tr ' ' '\n' | sort | xargs)" 'nginx:1.25=3 nginx:1.26=1'
kubectl patch rollout storefront-canary --subresource status --type merge -p '{"status":{"pauseConditions":null}}'
kubectl wait --for=condition=Healthy rollout/storefront-canary --timeout=2m
expect_eq 'stable image' "$(jp rollout/storefront-canary '{.spec.template.spec.containers[0].image} {.status.stableRS}')" "nginx:1.26 $(jp rollout/storefront-canary '{.status.currentPodHash}')"
events=$(kubectl describe rollout storefront-canary)
expect_match 'describe shows the step events' "$events" 'RolloutStepCompleted'
expect_match 'describe shows the scaling events' "$events" 'ScalingReplicaSet'
