import type { MessageTable } from './field-spec.js';

/**
 * authorization.k8s.io/v1 self-reviews (`kubectl auth can-i`, `--list`) and authentication.k8s.io/v1
 * SelfSubjectReview (`kubectl auth whoami`), from k8s.io/api's generated.proto files.
 */
export const AUTHORIZATION_MESSAGES: MessageTable = {
  SelfSubjectAccessReview: {
    1: 'metadata:ObjectMeta',
    2: 'spec:SelfSubjectAccessReviewSpec',
    3: 'status:SubjectAccessReviewStatus',
  },
  SelfSubjectAccessReviewSpec: {
    1: 'resourceAttributes:ResourceAttributes',
    2: 'nonResourceAttributes:NonResourceAttributes',
  },
  ResourceAttributes: {
    1: 'namespace:string',
    2: 'verb:string',
    3: 'group:string',
    4: 'version:string',
    5: 'resource:string',
    6: 'subresource:string',
    7: 'name:string',
    8: 'fieldSelector:FieldSelectorAttributes',
    9: 'labelSelector:LabelSelectorAttributes',
  },
  FieldSelectorAttributes: {
    1: 'rawSelector:string',
    2: 'requirements:FieldSelectorRequirement[]',
  },
  FieldSelectorRequirement: { 1: 'key:string!', 2: 'operator:string!', 3: 'values:string[]' },
  LabelSelectorAttributes: {
    1: 'rawSelector:string',
    2: 'requirements:LabelSelectorRequirement[]',
  },
  NonResourceAttributes: { 1: 'path:string', 2: 'verb:string' },
  SubjectAccessReviewStatus: {
    1: 'allowed:bool!',
    4: 'denied:bool',
    2: 'reason:string',
    3: 'evaluationError:string',
  },
  SelfSubjectRulesReview: {
    1: 'metadata:ObjectMeta',
    2: 'spec:SelfSubjectRulesReviewSpec',
    3: 'status:SubjectRulesReviewStatus',
  },
  SelfSubjectRulesReviewSpec: { 1: 'namespace:string' },
  SubjectRulesReviewStatus: {
    1: 'resourceRules:ResourceRule[]',
    2: 'nonResourceRules:NonResourceRule[]',
    3: 'incomplete:bool!',
    4: 'evaluationError:string',
  },
  ResourceRule: {
    1: 'verbs:string[]',
    2: 'apiGroups:string[]',
    3: 'resources:string[]',
    4: 'resourceNames:string[]',
  },
  NonResourceRule: { 1: 'verbs:string[]', 2: 'nonResourceURLs:string[]' },
  SelfSubjectReview: { 1: 'metadata:ObjectMeta', 2: 'status:SelfSubjectReviewStatus' },
  SelfSubjectReviewStatus: { 1: 'userInfo:UserInfo' },
  // `extra` (field 4, map<string, ExtraValue>) is skipped: no client sends a user in a self-review.
  UserInfo: { 1: 'username:string', 2: 'uid:string', 3: 'groups:string[]' },
};
