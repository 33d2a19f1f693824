import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGraphConfig } from '../../eslint/import-graph/index.js';
import { LAYERS, ROOTS } from '../../eslint/layer-order.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/** ESLint with only the import-graph rules (the real layer order) over the project at `cwd`. */
function importGraphLint(cwd: string): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      importGraphConfig({ roots: ROOTS, layers: LAYERS }),
    ],
  });
}

type Found = Array<{ file: string; rule: string | null; message: string }>;

function found(results: ESLint.LintResult[], cwd: string): Found {
  return results.flatMap((r) =>
    r.messages.map((m) => ({
      file: path.relative(cwd, r.filePath),
      rule: m.ruleId,
      message: m.message,
    })),
  );
}

describe('import-graph rules on a scratch project with the real layer order', () => {
  let dir = '';
  let problems: Found = [];

  const scratch: Record<string, string> = {
    'src/domain/words.ts': "export const WORD = 'word';\n",
    // Clean: core imports the domain.
    'src/core/clean.ts':
      "import { WORD } from '../domain/words.js';\n\nexport const clean = WORD;\n",
    // A cycle through a re-export and a plain import.
    'src/core/a.ts': "export * from './b.js';\nexport const a = 1;\n",
    'src/core/b.ts': "import { a } from './a.js';\n\nexport const b = a + 1;\n",
    // Upward, type-only: types are vocabulary, and the rule still says where they belong.
    'src/core/up.ts':
      "import type { Run } from '../controller/run.js';\n\nexport const up = (r: Run) => r;\n",
    'src/controller/run.ts':
      "import { clean } from '../core/clean.js';\n\nexport type Run = typeof clean;\n",
    // Sideways, through a dynamic import: two rooms of one layer.
    'src/http/route.ts': "export const route = () => import('../cli/command.js');\n",
    'src/cli/command.ts': "export const command = 'c';\n",
    'src/elsewhere/stray.ts': 'export const stray = 1;\n',
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(REPO, 'test/fixtures/lint-scratch-'));
    for (const [file, text] of Object.entries(scratch)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    problems = found(await importGraphLint(dir).lintFiles(['src/**/*.ts']), dir);
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects both imports of a cycle, naming the loop', () => {
    expect(problems.filter((p) => p.rule === 'import-graph/no-cycle')).toEqual([
      {
        file: 'src/core/a.ts',
        rule: 'import-graph/no-cycle',
        message: expect.stringContaining('src/core/a.ts → src/core/b.ts → src/core/a.ts'),
      },
      {
        file: 'src/core/b.ts',
        rule: 'import-graph/no-cycle',
        message: expect.stringContaining('src/core/b.ts → src/core/a.ts → src/core/b.ts'),
      },
    ]);
  });

  it('rejects an upward import, a sideways one, and a file in no layer', () => {
    expect(problems.filter((p) => p.rule === 'import-graph/layers')).toEqual([
      {
        file: 'src/core/up.ts',
        rule: 'import-graph/layers',
        message:
          'src/core/up.ts (core) imports src/controller/run.ts (controller), a higher layer.',
      },
      {
        file: 'src/elsewhere/stray.ts',
        rule: 'import-graph/layers',
        message: expect.stringContaining('src/elsewhere/stray.ts is in no layer'),
      },
      {
        file: 'src/http/route.ts',
        rule: 'import-graph/layers',
        message: expect.stringContaining(
          'imports src/cli/command.ts, another room of the same layer',
        ),
      },
    ]);
  });

  it('accepts clean imports down the layers', () => {
    const clean = ['src/core/clean.ts', 'src/controller/run.ts', 'src/domain/words.ts'];
    expect(problems.filter((p) => clean.includes(p.file))).toEqual([]);
  });
});

describe('import-graph rules on this repository, with a scratch change to one file', () => {
  const lint = importGraphLint(REPO);
  const text = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');
  const lintAs = async (file: string, source: string) =>
    found(await lint.lintText(source, { filePath: path.join(REPO, file) }), REPO);

  it('accepts src/domain/phase.ts as it is', async () => {
    expect(await lintAs('src/domain/phase.ts', text('src/domain/phase.ts'))).toEqual([]);
  });

  it('rejects the domain importing its own index back (a cycle)', async () => {
    const edited = `import './index.js';\n${text('src/domain/phase.ts')}`;
    expect(await lintAs('src/domain/phase.ts', edited)).toEqual([
      {
        file: 'src/domain/phase.ts',
        rule: 'import-graph/no-cycle',
        message: expect.stringContaining(
          'src/domain/phase.ts → src/domain/index.ts → src/domain/phase.ts',
        ),
      },
    ]);
  });

  it('rejects the domain importing the core (upward)', async () => {
    // template-key.ts is outside the domain's index, so this adds no cycle: only the layer breaks.
    const edited = `import type { Plan } from '../core/rollout/plan-types.js';\nexport type P = Plan;\n${text('src/domain/template-key.ts')}`;
    expect(await lintAs('src/domain/template-key.ts', edited)).toEqual([
      {
        file: 'src/domain/template-key.ts',
        rule: 'import-graph/layers',
        message:
          'src/domain/template-key.ts (domain) imports src/core/rollout/plan-types.ts (core), a higher layer.',
      },
    ]);
  });
});
