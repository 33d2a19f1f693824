import { spawn } from 'node:child_process';
import { ExecPluginError } from './exec-credential.js';
import type { ExecConfig } from './types.js';

/**
 * Runs a credential plugin and returns its stdout. Its stderr is kept for the error when it fails;
 * stdin is the terminal's only when the plugin may prompt (`interactive`).
 */
export function runExecPlugin(
  config: ExecConfig,
  execInfo: string,
  interactive: boolean,
): Promise<string> {
  const label = [config.command, ...config.args].join(' ');
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      KUBERNETES_EXEC_INFO: execInfo,
    };
    for (const { name, value } of config.env) env[name] = value;
    const child = spawn(config.command, config.args, {
      env,
      stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      const hint = config.installHint ? `\n${config.installHint.trim()}` : '';
      reject(
        new ExecPluginError(
          e.code === 'ENOENT'
            ? `exec plugin "${config.command}" not found${hint}`
            : `exec plugin "${label}": ${e.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(stdout);
      const how = signal ? `was killed by ${signal}` : `exited with ${code}`;
      const said = stderr.trim() ? `: ${stderr.trim()}` : ' (no stderr)';
      reject(new ExecPluginError(`exec plugin "${label}" ${how}${said}`));
    });
  });
}
