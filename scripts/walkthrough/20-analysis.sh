# README "Quickstart", analysis: a canary step that runs an AnalysisRun (a Job metric on the devcluster).
export KUBECONFIG=$PWD/.rollouts/kubeconfig
kubectl apply -f test/fixtures/manifests/analysis-templates.yaml -f test/fixtures/manifests/cluster-analysis-templates.yaml -f test/fixtures/manifests/rollout-analysis-step.yaml
kubectl wait --for=condition=Healthy rollout/billing-step-analysis
kubectl patch rollout billing-step-analysis --type json \
  -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.26"}]'
wait_jp rollout/billing-step-analysis '{.status.canary.currentStepAnalysisRunStatus.status}' Running 60
kubectl get ar
run=$(jp rollout/billing-step-analysis '{.status.canary.currentStepAnalysisRunStatus.name}')
expect_match 'the step analysis run' "$run" '^billing-step-analysis-[a-z0-9]+-2-1$'
# The run ends one way or the other; the Rollout follows it.
wait_jp "ar/$run" '{.status.phase}' 'Successful|Failed|Error|Inconclusive' 90
case "$(jp "ar/$run" '{.status.phase}')" in
  Successful) kubectl wait --for=condition=Healthy rollout/billing-step-analysis --timeout=60s ;;
  Inconclusive) wait_jp rollout/billing-step-analysis '{.status.phase}' Paused ;;
  *) wait_jp rollout/billing-step-analysis '{.status.phase}' Degraded
    expect_match 'aborted by the analysis' "$(jp rollout/billing-step-analysis '{.status.message}')" 'RolloutAborted' ;;
esac
