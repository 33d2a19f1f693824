/** What `rollouts --help` prints (spec §5, the commands this CLI has). */
export const USAGE = `rollouts: view and drive Argo Rollouts (argoproj.io/v1alpha1) from the command line.
Also a kubectl plugin: with kubectl-rollouts on PATH, "kubectl rollouts …" runs it.

Usage:
  rollouts list rollouts|ro [-A] [--name NAME] [-o json|yaml]
  rollouts get rollout NAME [-w] [--no-color] [--timeout-seconds N] [-o json|yaml]
  rollouts status NAME [--watch=false] [-t 5m]
  rollouts promote NAME [--full]
  rollouts abort NAME
  rollouts retry rollout|experiment NAME
  rollouts pause NAME
  rollouts resume NAME
  rollouts restart NAME [-i 30s]
  rollouts set image NAME CONTAINER=IMAGE     (*=IMAGE for every container)
  rollouts undo NAME [--to-revision N]
  rollouts lint -f FILE
  rollouts notifications template get [NAME] [-o wide|name|json|yaml]
  rollouts notifications template notify TEMPLATE ROLLOUT [--recipient SERVICE:RECIPIENT]
  rollouts notifications trigger get [NAME] [-o wide|name|json|yaml]
  rollouts notifications trigger run TRIGGER ROLLOUT
      ROLLOUT is a file holding one, else a name in -n; the configuration comes from the
      cluster (NOTIFICATIONS_NAMESPACE, default argo-rollouts) unless --config-map FILE and
      --secret FILE|:empty name files. notify prints the message; it never sends.
  rollouts freeze [-n|--namespace-scope NS] [--cluster NAME[,NAME…] | --fleet] [--reason TEXT]
  rollouts unfreeze [-n|--namespace-scope NS] [--cluster NAME[,NAME…] | --fleet]
      The stop switch: every Rollout it covers (all, else those in NS) holds at its current
      step (timed pauses wait, nothing is promoted; abort works) until unfreeze. --cluster
      sets it in each named cluster of a fleet (its kubeconfig context: fleet-1 … with
      FLEET=n npm start), --fleet in every context of the kubeconfig, one line per cluster;
      run it again for those not reached.
  rollouts releases [-n NS] [--source SOURCE] [-o json|yaml]
  rollouts releases get NAME [-n NS] [-o json|yaml]
      Fleet releases, from the cluster of the context (the fleet's home cluster): every
      namespace unless -n; the list ends with the delivery figures of the last 30 days.
  rollouts version [--short]

Write commands (promote … undo) act only on the state they read, or on the one named with
  --step-index N --pod-hash H   (status.currentStepIndex and status.currentPodHash): when the
  Rollout has moved on they fail and change nothing.

Global flags:
  --kubeconfig PATH   kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
  --context NAME      kubeconfig context
  -n, --namespace NS  namespace (default: the context's, else "default")

Exit codes: 0 ok, 1 error, 2 usage.
`;
