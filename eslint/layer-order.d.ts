import type { Layer } from './import-graph/index.js';

export declare const LAYERS: Layer[];
export declare const ROOTS: string[];
