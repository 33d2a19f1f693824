/** Every traffic router, by the `trafficRouting` key it answers to (plugins by their plugin name). */
import { alb } from './alb/index.js';
import { ambassador } from './ambassador/index.js';
import { apisix } from './apisix/index.js';
import { appMesh } from './app-mesh/index.js';
import { istio } from './istio/index.js';
import { nginx } from './nginx/index.js';
import { gatewayApi } from './plugins/gateway-api/index.js';
import { smi } from './smi/index.js';
import { traefik } from './traefik/index.js';
import type { TrafficRouter } from './types.js';

export type * from './types.js';
export { refKey } from './types.js';

/** Built-in routers: `trafficRouting.<key>`. */
export const ROUTERS: ReadonlyMap<string, TrafficRouter> = new Map(
  [nginx, istio, smi, alb, ambassador, traefik, apisix, appMesh].map((r) => [r.key, r]),
);

/** Router plugins: `trafficRouting.plugins.<key>` (spec §4.2: Gateway API is a plugin upstream). */
export const PLUGIN_ROUTERS: ReadonlyMap<string, TrafficRouter> = new Map([
  [gatewayApi.key, gatewayApi],
]);
