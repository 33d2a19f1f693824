/**
 * The controller's Node entry (the image runs it built: dist/functions/node.js). Everything it
 * reads and builds is in src/runtime/node/: the environment once (start-from-env.ts), then the
 * server, relay and timers (compose.ts, start-node-server.ts).
 */
import { reportStartFailure } from '../src/runtime/node/report-start-failure.js';
import { startNodeControllerFromEnv } from '../src/runtime/node/start-from-env.js';

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const log = (line: string) => console.error(line);
  startNodeControllerFromEnv(process.env, log).then(
    (server) => console.log(`controller listening on :${server.port}`),
    (e: unknown) => process.exit(reportStartFailure(e, log)),
  );
}
