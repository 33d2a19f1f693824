# README "Quickstart", blue-green: the preview Service gets the new pods; promote switches the active one.
export KUBECONFIG=$PWD/.rollouts/kubeconfig
selector() { jp "service/$1" '{.spec.selector.rollouts-pod-template-hash}'; }
kubectl apply -f test/fixtures/manifests/rollout-bluegreen.yaml
kubectl wait --for=condition=Healthy rollout/checkout-bluegreen
v1=$(jp rollout/checkout-bluegreen '{.status.stableRS}')
kubectl patch rollout checkout-bluegreen --type json \
  -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"registry.example/app:v2"}]'
kubectl wait --for=condition=Paused rollout/checkout-bluegreen
wait_settled checkout-bluegreen Paused
v2=$(jp rollout/checkout-bluegreen '{.status.currentPodHash}')
expect_match 'paused for promotion' "$(jp rollout/checkout-bluegreen '{.status.message}')" 'BlueGreenPause'
kubectl get service checkout-live checkout-next -o jsonpath='{range .items[*]}{.metadata.name}: {.spec.selector}{"\n"}{end}'
expect_eq 'active (checkout-live) stays on v1' "$(selector checkout-live)" "$v1"
wait_jp service/checkout-next '{.spec.selector.rollouts-pod-template-hash}' "$v2"
kubectl patch rollout checkout-bluegreen --subresource status --type merge -p '{"status":{"pauseConditions":null}}'
kubectl wait --for=condition=Healthy rollout/checkout-bluegreen
expect_eq 'active switched to v2' "$(selector checkout-live)" "$v2"
expect_match 'the old ReplicaSet waits for its scale-down' "$(kubectl get rs -l "rollouts-pod-template-hash=$v1" -o jsonpath='{.items[0].metadata.annotations}')" 'scale-down-deadline'
