import { bearerToken } from './bearer-auth.js';

/** Both runtimes read the hook secret and API token the same way, from env vars or Worker bindings. */
export const present = (v: string | undefined): v is string =>
  typeof v === 'string' && v.trim() !== '';

/**
 * A secret and the one being rotated out (`<NAME>_PREVIOUS`): both accepted while clients move over.
 * A previous value without a current one is a mistake (the rotation was done backwards), not a config.
 */
export function rotatingPair(
  current: string | undefined,
  previous: string | undefined,
  name: string,
  problems: string[],
): string[] | undefined {
  if (!present(current)) {
    if (present(previous))
      problems.push(`${name}_PREVIOUS is set without ${name}: set the new value as ${name}`);
    return undefined;
  }
  return present(previous) && previous !== current ? [current, previous] : [current];
}

/**
 * `API_TOKEN` and `API_TOKEN_PREVIOUS`, trimmed (a pasted secret often ends in a newline). A token no
 * client could send in a bearer header disables the API with a problem rather than failing start-up.
 */
export function apiTokensFrom(
  current: string | undefined,
  previous: string | undefined,
  problems: string[],
): string[] | undefined {
  const tokens = rotatingPair(current?.trim(), previous?.trim(), 'API_TOKEN', problems);
  if (tokens?.some((t) => bearerToken(`Bearer ${t}`) !== t)) {
    problems.push(
      'API_TOKEN and API_TOKEN_PREVIOUS may hold only [A-Za-z0-9-._~+/=]: the API is disabled',
    );
    return undefined;
  }
  return tokens;
}

/** `METRICS_TOKEN` and `METRICS_TOKEN_PREVIOUS`, trimmed like the API token. */
export function metricsTokensFrom(
  current: string | undefined,
  previous: string | undefined,
  problems: string[],
): string[] | undefined {
  return rotatingPair(current?.trim(), previous?.trim(), 'METRICS_TOKEN', problems);
}
