# README "Traffic routing": an NGINX canary Ingress carries the canary weight; then the Gateway API.
export KUBECONFIG=$PWD/.rollouts/kubeconfig
kubectl apply -f examples/traffic/nginx-canary.yaml
kubectl wait --for=condition=Healthy rollout/checkout
kubectl patch rollout checkout --type json \
  -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.26"}]'
kubectl wait --for=condition=Paused rollout/checkout
wait_settled checkout Paused
expect_match 'canary weight on the Ingress' "$(kubectl get ingress checkout-checkout-canary -o jsonpath='{.metadata.annotations}')" '"nginx.ingress.kubernetes.io/canary-weight":"25"'
expect_eq 'canary 1, stable still 4' "$(kubectl get rs -l app.kubernetes.io/name=checkout -o jsonpath='{range .items[*]}{.spec.replicas} {end}' | tr ' ' '\n' | sort | xargs)" '1 4'
kubectl patch rollout checkout --subresource status --type merge -p '{"status":{"pauseConditions":null}}'
wait_jp rollout/checkout '{.status.canary.weights.canary.weight}' 50
kubectl get rollout checkout -o jsonpath='{.status.canary.weights}'
kubectl wait --for=condition=Healthy rollout/checkout --timeout=60s
wait_jp rollout/checkout '{.status.canary.weights.canary.weight}' 0
kubectl apply -f examples/traffic/gateway-api-canary.yaml
kubectl wait --for=condition=Healthy rollout/cart
