import type { MessageTable } from './field-spec.js';

/** policy/v1 PodDisruptionBudget, authentication.k8s.io/v1 TokenRequest, coordination.k8s.io/v1 Lease. */
export const POLICY_AUTH_COORDINATION_MESSAGES: MessageTable = {
  PodDisruptionBudget: {
    1: 'metadata:ObjectMeta',
    2: 'spec:PodDisruptionBudgetSpec',
    3: 'status:PodDisruptionBudgetStatus',
  },
  PodDisruptionBudgetSpec: {
    1: 'minAvailable:IntOrString',
    2: 'selector:LabelSelector',
    3: 'maxUnavailable:IntOrString',
    4: 'unhealthyPodEvictionPolicy:string!',
  },
  PodDisruptionBudgetStatus: {
    1: 'observedGeneration:int64',
    2: 'disruptedPods:map<Time>',
    3: 'disruptionsAllowed:int32!',
    4: 'currentHealthy:int32!',
    5: 'desiredHealthy:int32!',
    6: 'expectedPods:int32!',
    7: 'conditions:Condition[]',
  },
  TokenRequest: {
    1: 'metadata:ObjectMeta',
    2: 'spec:TokenRequestSpec',
    3: 'status:TokenRequestStatus',
  },
  TokenRequestSpec: {
    1: 'audiences:string[]',
    3: 'boundObjectRef:BoundObjectReference',
    4: 'expirationSeconds:int64!',
  },
  BoundObjectReference: {
    1: 'kind:string',
    2: 'apiVersion:string',
    3: 'name:string',
    4: 'uid:string',
  },
  TokenRequestStatus: { 1: 'token:string!', 2: 'expirationTimestamp:Time' },
  Lease: { 1: 'metadata:ObjectMeta', 2: 'spec:LeaseSpec' },
  LeaseSpec: {
    1: 'holderIdentity:string!',
    2: 'leaseDurationSeconds:int32!',
    3: 'acquireTime:MicroTime',
    4: 'renewTime:MicroTime',
    5: 'leaseTransitions:int32!',
    6: 'strategy:string!',
    7: 'preferredHolder:string!',
  },
};
