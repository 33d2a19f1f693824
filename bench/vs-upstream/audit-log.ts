/**
 * Counting a controller's API requests from kube-apiserver's audit log: a policy that records
 * only the benchmark's controller identities (at Metadata level, once per request when the
 * response completes), and a reader that follows the log file as it grows.
 */
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { stringify } from 'yaml';

export function buildAuditPolicy(users: string[]): string {
  return stringify({
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    // One event per request: a watch is logged when it ends, every other request when it is answered.
    omitStages: ['RequestReceived', 'ResponseStarted'],
    rules: [{ level: 'Metadata', users }, { level: 'None' }],
  });
}

export function buildAuditArgs(policyFile: string, logFile: string): string[] {
  return [
    `--audit-policy-file=${policyFile}`,
    `--audit-log-path=${logFile}`,
    '--audit-log-format=json',
    '--audit-log-maxsize=0',
  ];
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export interface AuditedRequest {
  /** requestReceivedTimestamp, ms since the epoch. */
  at: number;
  user: string;
  verb: string;
  /** `resource` or `resource/subresource`. */
  resource: string;
  write: boolean;
}

export interface RequestCount {
  requests: number;
  writes: number;
  /** `verb resource` → count, most frequent first. */
  byKind: Array<[string, number]>;
}

interface AuditEvent {
  requestReceivedTimestamp?: string;
  user?: { username?: string };
  verb?: string;
  objectRef?: { resource?: string; subresource?: string };
}

export function parseAuditLine(line: string): AuditedRequest | undefined {
  if (!line.trim()) return undefined;
  const e = JSON.parse(line) as AuditEvent;
  const verb = e.verb ?? '';
  const ref = e.objectRef;
  return {
    at: Date.parse(e.requestReceivedTimestamp ?? ''),
    user: e.user?.username ?? '',
    verb,
    resource: ref ? [ref.resource, ref.subresource].filter(Boolean).join('/') : 'non-resource',
    write: WRITE_VERBS.has(verb),
  };
}

export function countRequests(
  requests: readonly AuditedRequest[],
  user: string,
  from: number,
  to: number,
): RequestCount {
  const byKind = new Map<string, number>();
  let writes = 0;
  let total = 0;
  for (const r of requests) {
    if (r.user !== user || r.at < from || r.at >= to) continue;
    total++;
    if (r.write) writes++;
    const kind = `${r.verb} ${r.resource}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  return {
    requests: total,
    writes,
    byKind: [...byKind].sort((a, b) => b[1] - a[1]),
  };
}

/** Follows the audit log file: `load()` reads what was appended since the last call. */
export class AuditLogReader {
  readonly requests: AuditedRequest[] = [];
  private offset = 0;
  private partial = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly file: string) {}

  async load(): Promise<readonly AuditedRequest[]> {
    const handle = await open(this.file, 'r').catch(() => undefined);
    if (!handle) return this.requests;
    try {
      const chunk = Buffer.alloc(1 << 20);
      for (;;) {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        const lines = (this.partial + this.decoder.write(chunk.subarray(0, bytesRead))).split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines) {
          const r = parseAuditLine(line);
          if (r) this.requests.push(r);
        }
      }
    } finally {
      await handle.close();
    }
    return this.requests;
  }
}
