import { buildApp } from '../src/http/app.js';
import { VERSION } from '../src/version.js';

const app = buildApp({ runtime: 'workers', version: VERSION });

export default {
  fetch: app.fetch,
} satisfies ExportedHandler;
