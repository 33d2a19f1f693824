import { runRouterConformance } from '../conformance.case.js';
import { ambassadorFixture } from './fixture.js';

runRouterConformance('ambassador', ambassadorFixture());
