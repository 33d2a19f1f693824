// Types for test/lint/layers.test.ts, which imports the plugin from TypeScript.
import type { ESLint, Linter } from 'eslint';

export interface Layer {
  name: string;
  rooms: string[];
}

export interface ImportGraphSettings {
  roots: string[];
  layers: Layer[];
}

export declare const importGraph: ESLint.Plugin;
export declare function importGraphConfig(settings: ImportGraphSettings): Linter.Config;
