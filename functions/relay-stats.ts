import { createServer, type Server } from 'node:http';
import type { RelayStats } from '../src/relay/index.js';

export { RelayStats } from '../src/relay/index.js';

/** `/healthz` and `/metrics` for the relay process (probes and scraping in the cluster). */
export function serveRelayStats(
  stats: RelayStats,
  port: number,
  host = '0.0.0.0',
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    } else if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(stats.render());
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
