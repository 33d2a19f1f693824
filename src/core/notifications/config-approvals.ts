import { parseGoDurationMs } from '../../domain/go-duration.js';
import { isRecord } from '../../domain/json.js';
import { asStringList, optionalString, type ProblemList } from './config-yaml.js';
import type { ApprovalSettings, ConfigProblem } from './types.js';

/** Triggers whose messages carry Promote/Abort unless `approvals.triggers` says otherwise. */
export const DEFAULT_APPROVAL_TRIGGERS = [
  'on-rollout-paused',
  'on-analysis-run-failed',
  'on-analysis-run-error',
  'on-analysis-run-inconclusive',
] as const;

export const DEFAULT_LINK_TTL_MS = 60 * 60 * 1000;

/**
 * Our own `approvals` key (its `$secret` references already replaced):
 * `{url, linkKey, linkTTL, triggers, slack: {signingSecret, users, groups, token}}`. Problems never
 * quote a value, as values may be secrets.
 */
export function parseApprovals(
  value: Record<string, unknown>,
  problems: ProblemList,
): ApprovalSettings | undefined {
  const before = problems.items.length;
  const url = optionalString('approvals.url', value.url, problems);
  const linkKey = optionalString('approvals.linkKey', value.linkKey, problems);
  const ttlText = optionalString('approvals.linkTTL', value.linkTTL, problems);
  const linkTtlMs = ttlText === undefined ? DEFAULT_LINK_TTL_MS : parseGoDurationMs(ttlText);
  if (linkTtlMs === undefined || linkTtlMs <= 0)
    problems.add('approvals.linkTTL', 'expected a positive Go duration such as 30m or 1h');
  const triggers =
    value.triggers === undefined
      ? [...DEFAULT_APPROVAL_TRIGGERS]
      : asStringList('approvals.triggers', value.triggers, problems);
  if (url !== undefined && !/^https?:\/\//.test(url))
    problems.add('approvals.url', 'expected an http(s) URL');
  // Slack buttons carry the same signed tokens as links: both need the key.
  if (linkKey === undefined && (url !== undefined || value.slack !== undefined))
    problems.add(
      'approvals.linkKey',
      'signed links and buttons need a key (usually $approval-link-key)',
    );
  const slack = value.slack === undefined ? undefined : parseSlack(value.slack, problems);
  if (problems.items.length > before) return undefined;
  return {
    ...(url !== undefined ? { url: url.replace(/\/+$/, '') } : {}),
    ...(linkKey !== undefined ? { linkKey } : {}),
    linkTtlMs: linkTtlMs ?? DEFAULT_LINK_TTL_MS,
    triggers: triggers ?? [],
    ...(slack !== undefined ? { slack } : {}),
  };
}

function parseSlack(value: unknown, problems: ProblemList): ApprovalSettings['slack'] {
  if (!isRecord(value)) {
    problems.add('approvals.slack', 'expected a mapping');
    return undefined;
  }
  const signingSecret = optionalString(
    'approvals.slack.signingSecret',
    value.signingSecret,
    problems,
  );
  if (signingSecret === undefined || signingSecret === '')
    problems.add('approvals.slack.signingSecret', 'required (usually $slack-signing-secret)');
  const users = asStringList('approvals.slack.users', value.users, problems) ?? [];
  const groups = asStringList('approvals.slack.groups', value.groups, problems) ?? [];
  if (users.length === 0 && groups.length === 0)
    problems.add('approvals.slack', 'name the users or groups allowed to approve');
  const token = optionalString('approvals.slack.token', value.token, problems);
  return {
    signingSecret: signingSecret ?? '',
    users,
    groups,
    ...(token !== undefined ? { token } : {}),
  };
}

/**
 * The base URL approval links point at: `approvals.url`, else the controller's public URL
 * (PUBLIC_URL, or where `npm start` serves). Approvals with a link key or Slack but no URL from
 * either are a problem under `approvals.url`: their messages would carry no actions. Pure.
 */
export function resolveApprovalUrl(
  approvals: ApprovalSettings | undefined,
  publicUrl: string | undefined,
): { approvals?: ApprovalSettings; problems: ConfigProblem[] } {
  if (!approvals) return { problems: [] };
  const url = approvals.url ?? publicUrl?.replace(/\/+$/, '');
  if (url) return { approvals: { ...approvals, url }, problems: [] };
  const wanted = approvals.linkKey !== undefined || approvals.slack !== undefined;
  return {
    approvals,
    problems: wanted
      ? [
          {
            key: 'approvals.url',
            message: 'no URL for Promote/Abort: set approvals.url or PUBLIC_URL',
          },
        ]
      : [],
  };
}
