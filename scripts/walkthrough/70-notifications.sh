# README "Notifications": upstream-format configuration, an annotated canary, messages in the local
# sink once each, a signed link that promotes once.
export KUBECONFIG=$PWD/.rollouts/kubeconfig
rm -f /tmp/notifications.jsonl
node scripts/notification-sink.mjs --port 9099 --out /tmp/notifications.jsonl &
sink=$!
trap 'kill "$sink" 2>/dev/null || true' EXIT
kubectl apply -f examples/notifications/notification-config.yaml
kubectl apply -f examples/notifications/rollout.yaml
kubectl wait --for=condition=Healthy rollout/notify-demo
kubectl patch rollout notify-demo --type json \
  -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"registry.example/app:v2"}]'
kubectl wait --for=condition=Paused rollout/notify-demo
expect_match 'the preview names the Rollout' "$(npm run cli -- notifications template notify rollout-paused notify-demo)" 'notify-demo'
# What a reader sees in the sink's output after a moment: the sends follow the reconcile.
count() { grep -c "$1" /tmp/notifications.jsonl 2>/dev/null || true; }
deadline=$(( $(date +%s) + 30 ))
until [ "$(count '"path":"/release-log"')" -ge 3 ] && [ "$(count '"channel":"deploys"')" -ge 1 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the sink got $(count '"path":"/release-log"') webhook and $(count '"channel":"deploys"') Slack messages"
  sleep 0.3
done
expect_eq 'webhook messages: completed (v1), step completed, paused' "$(grep -c '"path":"/release-log"' /tmp/notifications.jsonl)" 3
expect_match 'the step as our own JSON template' "$(cat /tmp/notifications.jsonl)" '\\"step\\": ?1'
expect_eq 'Slack got the paused message once' "$(grep -o '"channel":"deploys"' /tmp/notifications.jsonl | wc -l | tr -d ' ')" 1
expect_match 'with Promote and Abort buttons' "$(grep '"channel":"deploys"' /tmp/notifications.jsonl)" 'rollouts-promote.*rollouts-abort|rollouts-abort.*rollouts-promote'
# Slack's allow-list applies: its message has buttons only, no link anyone in the channel could open.
expect_eq 'no link in the Slack message' "$(grep '"channel":"deploys"' /tmp/notifications.jsonl | grep -c 'Promote: http' || true)" 0
link=$(grep -o 'Promote: http[^\\" ]*' /tmp/notifications.jsonl | tail -n 1 | cut -d' ' -f2)
expect_match 'a signed link to this controller' "$link" "^http://127.0.0.1:$PORT/hooks/approve/"
expect_match 'a GET shows what it would do' "$(curl -s "$link" | grep -o '<h1>[^<]*')" 'Promote default/notify-demo'
expect_eq 'and changed nothing' "$(jp rollout/notify-demo '{.status.phase}')" Paused
expect_eq 'the POST promotes' "$(curl -s -o /dev/null -w '%{http_code}\n' -X POST "$link")" 200
expect_eq 'a link acts once' "$(curl -s -o /dev/null -w '%{http_code}\n' -X POST "$link")" 409
kubectl wait --for=condition=Healthy rollout/notify-demo
expect_match 'who approved' "$(kubectl get events --field-selector involvedObject.name=notify-demo | grep 'link:')" 'PromoteRequested'
