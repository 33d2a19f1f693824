import type { Route } from '../server/router.js';
import { appRoutes } from './app-routes.js';
import { conversationRoutes } from './comment-routes.js';
import { deploymentRoutes } from './deployment-routes.js';
import { gitRoutes } from './git-routes.js';
import { pullRoutes } from './pull-routes.js';
import { repoRoutes } from './repo-routes.js';
import { statusRoutes } from './status-routes.js';

/** Specific paths before the catch-alls (`commits/:ref` after `commits/:ref/status`). */
export const ROUTES: readonly Route[] = [
  ...appRoutes,
  ...statusRoutes,
  ...deploymentRoutes,
  ...conversationRoutes,
  ...pullRoutes,
  ...gitRoutes,
  ...repoRoutes,
];
