import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE_DIR = fileURLToPath(new URL('../../../../src/core/analysis/expr/', import.meta.url));
const files = readdirSync(SOURCE_DIR).filter((name) => name.endsWith('.ts'));

// Cloudflare Workers refuse code generation at run time; the evaluator must interpret, never compile to JS.
describe('condition language sources', () => {
  it.each(files)('%s generates no code', (name) => {
    const text = readFileSync(`${SOURCE_DIR}${name}`, 'utf8');
    expect(text).not.toMatch(/\beval\s*\(|\bFunction\s*\(/);
  });
});
