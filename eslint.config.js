// Lint budget: type-aware rules that catch lost work (floating promises) and unsafe edges.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importGraphConfig } from './eslint/import-graph/index.js';
import { LAYERS, ROOTS } from './eslint/layer-order.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.wrangler/',
      '.rollouts/',
      'dist/',
      'coverage/',
      // Declarations for the local plugin's JS, outside tsconfig's project.
      'eslint/**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // No import cycles, and imports only go down the layers of eslint/layer-order.js.
  importGraphConfig({ roots: ROOTS, layers: LAYERS }),
);
