import { runRouterConformance } from '../conformance.case.js';
import { traefikFixture } from './fixture.js';

runRouterConformance('traefik', traefikFixture());
