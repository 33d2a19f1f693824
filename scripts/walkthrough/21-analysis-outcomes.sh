# README "Quickstart", analysis outcomes on demand: a step whose Job fails aborts, an inconclusive one
# pauses, a passing one completes (the templates of test/fixtures/manifests/analysis-templates.yaml).
export KUBECONFIG=$PWD/.rollouts/kubeconfig
wait_jp rollout/billing-step-analysis '{.status.phase}' 'Healthy|Degraded|Paused' 90
kubectl patch rollout billing-step-analysis --type json -p '[{"op":"replace","path":"/spec/strategy/canary/steps/1/analysis/templates/0/templateName","value":"job-fails"}]'
kubectl patch rollout billing-step-analysis --type json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"}]'
wait_jp rollout/billing-step-analysis '{.status.phase}' Degraded 90
kubectl get rollout billing-step-analysis -o jsonpath='{.status.phase}: {.status.message}{"\n"}'
expect_match 'aborted by the analysis' "$(jp rollout/billing-step-analysis '{.status.message}')" 'RolloutAborted'
kubectl patch rollout billing-step-analysis --type json -p '[{"op":"replace","path":"/spec/strategy/canary/steps/1/analysis/templates/0/templateName","value":"job-inconclusive"}]'
kubectl patch rollout billing-step-analysis --type json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"}]'
wait_jp rollout/billing-step-analysis '{.status.phase}' Paused 90
kubectl patch rollout billing-step-analysis --type json -p '[{"op":"replace","path":"/spec/strategy/canary/steps/1/analysis/templates/0/templateName","value":"job-succeeds"}]'
kubectl patch rollout billing-step-analysis --type json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.29"}]'
wait_jp rollout/billing-step-analysis '{.status.phase}' Healthy 120
