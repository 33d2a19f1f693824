# README "Experiments": an Experiment as a canary step, with its own ReplicaSet and AnalysisRun.
export KUBECONFIG=$PWD/.rollouts/kubeconfig
kubectl apply -f test/fixtures/manifests/analysis-templates.yaml -f test/fixtures/manifests/rollout-experiment-step.yaml
kubectl wait --for=condition=Healthy rollout/inventory-experiment
kubectl patch rollout inventory-experiment --type json \
  -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"registry.example/app:v2"}]'
wait_jp rollout/inventory-experiment '{.status.canary.currentExperiment}' 'inventory-experiment-[a-z0-9]+-2-1'
experiment=$(jp rollout/inventory-experiment '{.status.canary.currentExperiment}')
wait_jp "experiment/$experiment" '{.status.phase}' Running
kubectl get experiments,analysisruns,rs
expect_match 'the template ReplicaSet' "$(kubectl get rs -o name)" "replicaset.apps/$experiment-candidate"
expect_match 'the tree' "$(npm run cli -- get rollout inventory-experiment)" "Σ $experiment"
npm run cli -- promote inventory-experiment
kubectl wait --for=condition=Healthy rollout/inventory-experiment --timeout=60s
wait_jp "experiment/$experiment" '{.status.phase}' 'Successful|Failed|Error|Inconclusive'
