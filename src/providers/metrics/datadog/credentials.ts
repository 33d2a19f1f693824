import type { Step } from '../shared/outcome.js';
import { fail, ok } from '../shared/outcome.js';
import type { ProviderContext } from '../types.js';

export interface DatadogCredentials {
  address: string;
  apiKey: string;
  appKey: string;
}

export const DEFAULT_ADDRESS = 'https://api.datadoghq.com';

/**
 * Credentials as upstream finds them: a `namespaced` secretRef is read first; otherwise controller
 * settings `DD_API_KEY`/`DD_APP_KEY` (with `DD_ADDRESS`) win when both keys are set; then the
 * secret's `address`, `api-key`, `app-key`. `ctx.secret` reads the run's namespace, so a
 * non-namespaced ref resolves there too (upstream reads the controller's namespace).
 */
export async function loadDatadogCredentials(
  ctx: ProviderContext,
  secretName: string,
  namespaced: boolean,
): Promise<Step<DatadogCredentials>> {
  const fromSettings = credentialsFromSettings(ctx.settings);
  if (fromSettings && !namespaced) return ok(fromSettings);
  const fromSecret = await credentialsFromSecret(ctx, secretName);
  if (fromSecret.ok || !fromSettings) return fromSecret;
  return ok(fromSettings);
}

function credentialsFromSettings(
  settings: Record<string, string> | undefined,
): DatadogCredentials | undefined {
  const apiKey = settings?.['DD_API_KEY'];
  const appKey = settings?.['DD_APP_KEY'];
  if (!apiKey || !appKey) return undefined;
  return { address: settings['DD_ADDRESS'] || DEFAULT_ADDRESS, apiKey, appKey };
}

async function credentialsFromSecret(
  ctx: ProviderContext,
  name: string,
): Promise<Step<DatadogCredentials>> {
  const { secret } = ctx;
  if (!secret) return fail(`cannot read secret "${name}": no secret access configured`);
  const [address, apiKey, appKey] = await Promise.all([
    secret(name, 'address'),
    secret(name, 'api-key'),
    secret(name, 'app-key'),
  ]);
  if (!apiKey || !appKey)
    return fail(
      `Datadog API or app key not found: secret "${name}" needs keys api-key and app-key`,
    );
  return ok({ address: address || DEFAULT_ADDRESS, apiKey, appKey });
}
