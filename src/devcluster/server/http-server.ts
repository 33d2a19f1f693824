import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClusterApi } from '../api/cluster-api.js';
import { isStackOverflow, tooDeepError } from '../api/nesting.js';
import { errors, KubeStatusError } from '../api/status-error.js';
import { parseApiPath } from './api-path.js';
import { readBody } from './body.js';
import { hostRefusal } from './served-host.js';
import { apiGroup, groupList, legacyVersions, resourceList, versionInfo } from './discovery.js';
import { acceptsJson } from './negotiate.js';
import { openApiV2, openApiV3, openApiV3Root } from './openapi.js';
import { isPrettyRequested } from './query-values.js';
import { handleResource } from './resource-handler.js';
import { markPretty, sendJson } from './send-json.js';

export interface DevServerOptions {
  host?: string;
  port?: number;
  log?: (line: string) => void;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function sendError(res: ServerResponse, e: KubeStatusError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, e.code, e.toStatus());
}

/**
 * The devcluster's HTTP front: discovery, OpenAPI, health, then resource requests. Every failure
 * becomes a Status; nothing a client sends can take the process down.
 */
export class DevApiServer {
  private readonly server: Server;
  private address = '';

  constructor(
    private readonly api: ClusterApi,
    private readonly opts: DevServerOptions = {},
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => this.fail(res, e));
    });
    this.server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    });
    this.server.keepAliveTimeout = 60_000;
  }

  async listen(): Promise<string> {
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, host, () => resolve());
    });
    const addr = this.server.address() as AddressInfo;
    this.address = `${host}:${addr.port}`;
    return `http://${this.address}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private fail(res: ServerResponse, e: unknown): void {
    if (e instanceof KubeStatusError) return sendError(res, e);
    // The depth checks keep walks well inside the stack; should one still overflow, nothing was
    // stored (writes commit last), and the client learns why.
    if (isStackOverflow(e)) return sendError(res, tooDeepError(undefined));
    this.opts.log?.(`devcluster: internal error: ${(e as Error).stack ?? String(e)}`);
    sendError(res, errors.internal((e as Error).message ?? String(e)));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = hostRefusal(req.headers.host, this.opts.host);
    if (refusal) throw refusal;
    const url = new URL(req.url ?? '/', 'http://devcluster');
    if (isPrettyRequested(url.searchParams, req.headers['user-agent'])) markPretty(res);
    const method = req.method ?? 'GET';
    const path = parseApiPath(url.pathname, this.api.registry);
    if (!path) throw errors.notFoundPath(url.pathname);
    if (path.type !== 'resource' && path.type !== 'openapiV2' && !acceptsJson(req.headers.accept)) {
      throw new KubeStatusError(
        406,
        'NotAcceptable',
        `only the following media types are accepted: application/json`,
      );
    }
    if (path.type !== 'resource' && method !== 'GET' && method !== 'HEAD')
      throw errors.methodNotAllowed(method);
    switch (path.type) {
      case 'root':
        return sendJson(res, 200, {
          paths: [
            '/api',
            '/api/v1',
            '/apis',
            '/healthz',
            '/livez',
            '/openapi/v2',
            '/openapi/v3',
            '/readyz',
            '/version',
          ],
        });
      case 'version':
        return sendJson(res, 200, versionInfo());
      case 'health':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      case 'legacyVersions':
        return sendJson(res, 200, legacyVersions(this.address));
      case 'groups':
        return sendJson(res, 200, groupList(this.api.registry));
      case 'group': {
        const doc = apiGroup(this.api.registry, path.group);
        if (!doc) throw errors.notFoundPath(url.pathname);
        return sendJson(res, 200, doc);
      }
      case 'groupVersion': {
        const doc = resourceList(this.api.registry, path.group, path.version);
        if (!doc) throw errors.notFoundPath(url.pathname);
        return sendJson(res, 200, doc);
      }
      case 'openapiV2': {
        const { contentType, body } = openApiV2(req.headers.accept ?? '');
        res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length });
        res.end(body);
        return;
      }
      case 'openapiV3Root':
        return sendJson(res, 200, openApiV3Root(this.api.registry));
      case 'openapiV3': {
        const doc = openApiV3(this.api.registry, path.group, path.version);
        if (!doc) throw errors.notFoundPath(url.pathname);
        return sendJson(res, 200, doc);
      }
      case 'resource': {
        const needsBody =
          method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
        const raw = needsBody ? await readBody(req) : Buffer.alloc(0);
        return handleResource(
          this.api,
          { method, path, query: url.searchParams, headers: req.headers, raw },
          req,
          res,
        );
      }
    }
  }
}
