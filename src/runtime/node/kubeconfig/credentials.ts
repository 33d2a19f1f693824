import {
  buildExecInfo,
  ExecPluginError,
  type ExecResult,
  parseExecCredential,
} from './exec-credential.js';
import type { LoadedKubeconfig } from './load-kubeconfig.js';
import { createRefreshingValue } from './refreshing-value.js';
import type { ExecConfig } from './types.js';

/** What one request carries: headers and, for TLS, maybe a client certificate. */
export interface Credentials {
  headers: Record<string, string>;
  clientCertificate?: Buffer;
  clientKey?: Buffer;
  /** The token-file read or plugin answer these came from; what a 401 invalidates. */
  refreshed?: object;
}

export interface CredentialSource {
  get(): Promise<Credentials>;
  /** After a 401 answered to `used`: true when refreshed credentials were dropped, so a retry may pass. */
  invalidate(used: Credentials): boolean;
}

export interface CredentialDeps {
  now(): number;
  readFile(path: string): Promise<string>;
  runExec(config: ExecConfig, execInfo: string, interactive: boolean): Promise<string>;
  /** Whether stdin is a terminal a plugin may prompt on. */
  interactive: boolean;
}

/** client-go re-reads a token file once a minute; a rotated bound token is valid for longer. */
export const TOKEN_FILE_TTL_MS = 60_000;

/**
 * Credentials as client-go orders them: a token file (re-read) wins over a token, which wins over
 * basic auth; an exec plugin supplies the bearer token only when none of those did, and its client
 * certificate always.
 */
export function createCredentialSource(
  loaded: LoadedKubeconfig,
  deps: CredentialDeps,
): CredentialSource {
  const { target } = loaded;
  const fixed: Record<string, string> = {};
  if (target.token !== undefined) fixed.authorization = `Bearer ${target.token}`;
  else if (target.basicAuth)
    fixed.authorization = `Basic ${Buffer.from(`${target.basicAuth.username}:${target.basicAuth.password}`).toString('base64')}`;
  const { tokenFile, exec } = target;
  // As client-go: the last token read stays in use while the file cannot be read.
  let lastRead: string | undefined;
  const readToken = async () => {
    try {
      lastRead = (await deps.readFile(tokenFile ?? '')).trim();
    } catch (e) {
      if (lastRead === undefined) throw e;
    }
    return { token: lastRead, expiresAt: deps.now() + TOKEN_FILE_TTL_MS };
  };
  const fromFile = tokenFile === undefined ? undefined : createRefreshingValue(readToken, deps.now);
  const fromPlugin =
    exec === undefined
      ? undefined
      : createRefreshingValue(() => loadExecCredential(exec, loaded, deps), deps.now);
  return {
    async get() {
      const read = await fromFile?.get();
      const answer = await fromPlugin?.get();
      const headers = { ...fixed };
      if (read) headers.authorization = `Bearer ${read.token}`;
      else if (!headers.authorization && answer?.token !== undefined)
        headers.authorization = `Bearer ${answer.token}`;
      const refreshed = read ?? answer;
      const cert =
        answer?.clientCertificate && answer.clientKey
          ? { clientCertificate: answer.clientCertificate, clientKey: answer.clientKey }
          : {};
      return { headers, ...cert, ...(refreshed ? { refreshed } : {}) };
    },
    invalidate(used) {
      if (used.refreshed === undefined) return false;
      return (
        (fromFile?.invalidate(used.refreshed) ?? false) ||
        (fromPlugin?.invalidate(used.refreshed) ?? false)
      );
    },
  };
}

async function loadExecCredential(
  exec: ExecConfig,
  loaded: LoadedKubeconfig,
  deps: CredentialDeps,
): Promise<ExecResult> {
  const interactive = exec.interactiveMode !== 'Never' && deps.interactive;
  const label = [exec.command, ...exec.args].join(' ');
  if (exec.interactiveMode === 'Always' && !interactive) {
    throw new ExecPluginError(
      `exec plugin "${label}" has interactiveMode Always, but stdin is not a terminal`,
    );
  }
  const { target } = loaded;
  const info = buildExecInfo(exec, interactive, {
    server: target.server,
    insecureSkipTlsVerify: target.insecureSkipTlsVerify,
    ...(target.tlsServerName ? { tlsServerName: target.tlsServerName } : {}),
    ...(loaded.ca ? { ca: loaded.ca } : {}),
    ...(target.proxyUrl ? { proxyUrl: target.proxyUrl } : {}),
  });
  const answer = parseExecCredential(await deps.runExec(exec, info, interactive), exec.apiVersion);
  if ('error' in answer) throw new ExecPluginError(`exec plugin "${label}" ${answer.error}`);
  return answer;
}
