import type { GitHubConnection } from '../../../adapters/github/index.js';

/**
 * `service.github[.<name>]`: upstream's App settings (`appID`, `installationID`, `privateKey`,
 * `enterpriseBaseURL`), or nothing at all, meaning the GitHub connection GitOps already has.
 */
export type GitHubSettings = { kind: 'gitops' } | { kind: 'app'; connection: GitHubConnection };

const PUBLIC_API = 'https://api.github.com';

/** Every problem at once; the private key is never quoted. */
export function parseGitHubSettings(
  raw: Record<string, unknown>,
): { settings: GitHubSettings } | { problems: string[] } {
  const problems: string[] = [];
  const appId = idText(raw.appID, 'appID', problems);
  const installation = idText(raw.installationID, 'installationID', problems);
  const privateKey = raw.privateKey;
  if (privateKey !== undefined && privateKey !== null && typeof privateKey !== 'string')
    problems.push('privateKey must be a string (the App private key, PEM)');
  const baseUrl = raw.enterpriseBaseURL;
  if (baseUrl !== undefined && baseUrl !== null && typeof baseUrl !== 'string')
    problems.push('enterpriseBaseURL must be a string');
  const key = typeof privateKey === 'string' && privateKey !== '' ? privateKey : undefined;
  const base = typeof baseUrl === 'string' && baseUrl !== '' ? baseUrl : undefined;

  if (appId === undefined && key === undefined && installation === undefined) {
    if (base !== undefined)
      problems.push(
        'enterpriseBaseURL needs appID and privateKey (without all three, the GitOps connection is used)',
      );
    return problems.length > 0 ? { problems } : { settings: { kind: 'gitops' } };
  }
  if (appId === undefined) problems.push('appID is required with privateKey or installationID');
  if (key === undefined) problems.push('privateKey is required with appID');
  if (key !== undefined && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key))
    problems.push('privateKey must be a PEM private key');
  if (problems.length > 0 || appId === undefined || key === undefined) return { problems };
  return {
    settings: {
      kind: 'app',
      connection: {
        baseUrl: base === undefined ? PUBLIC_API : enterpriseApiUrl(base),
        auth: {
          kind: 'app',
          appId,
          privateKey: key,
          ...(installation !== undefined ? { installationId: Number(installation) } : {}),
        },
      },
    },
  };
}

/** An App or installation ID: YAML writes it as a number or as text, as upstream accepts both. */
function idText(v: unknown, key: string, problems: string[]): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  if (!/^[1-9]\d*$/.test(text)) {
    problems.push(`${key} must be a positive whole number`);
    return undefined;
  }
  return text;
}

/**
 * GitHub Enterprise's REST API lives under `/api/v3`: `https://ghe.example.com` and
 * `https://ghe.example.com/api/v3/` both mean `https://ghe.example.com/api/v3`, as go-github reads them.
 */
export function enterpriseApiUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  if (/\/api\/v3$/.test(trimmed) || /^https?:\/\/api\./.test(trimmed)) return trimmed;
  return `${trimmed}/api/v3`;
}
