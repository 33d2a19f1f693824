import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildTimeFunctions,
  parseTemplate,
  renderTemplate,
  TemplateError,
} from '../../../../src/core/notifications/template/index.js';

/**
 * Cases rendered by Go's text/template with notifications-engine's function map
 * (tools/go-template-oracle/run.sh writes the fixture; Go is not needed here).
 */
interface OracleCase {
  readonly name: string;
  readonly template: string;
  /** Absent when the case renders the fixture's `defaultData`. */
  readonly data?: Record<string, unknown>;
  readonly output?: string;
  readonly error?: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/go-template/cases.json', import.meta.url), 'utf8'),
) as { now: string; defaultData: Record<string, unknown>; cases: OracleCase[] };

/**
 * sprig functions this engine leaves out (rare in notification templates, or needing data the
 * core does not carry: semver parsing, type reflection, path and case helpers). Their cases must
 * fail at parse time naming the function, as Go does for any function it does not know.
 */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  'b64 and sha': 'sha1sum',
  'strings misc': 'swapcase',
  'seq until': 'seq',
  semver: 'semver',
  'typeOf kindOf': 'typeOf',
  'path functions': 'base',
};

function render(c: OracleCase): { output: string } | { error: TemplateError } {
  try {
    const data = {
      ...structuredClone(c.data ?? fixture.defaultData),
      time: buildTimeFunctions(Date.parse(fixture.now)),
    };
    return { output: renderTemplate(parseTemplate(c.name, c.template), data) };
  } catch (error) {
    if (error instanceof TemplateError) return { error };
    throw error;
  }
}

/**
 * Where Go's position is an accident of its executor (the node it last visited inside a
 * parenthesised chain, not the field that failed), only the reason is compared.
 */
const POSITION_QUIRKS = new Set(['not a method', 'method wrong arg count']);

/** Go's parse errors say `template: name:line: reason`; this engine adds the column. */
function withoutColumn(error: TemplateError): string {
  return `template: ${error.template}:${error.line}: ${error.reason}`;
}

const supported = fixture.cases.filter((c) => UNSUPPORTED[c.name] === undefined);

describe('templates render as Go text/template + sprig renders them', () => {
  it('has the corpus the oracle wrote', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(150);
  });

  it.each(supported.filter((c) => c.output !== undefined).map((c) => [c.name, c] as const))(
    '%s',
    (_name, c) => {
      expect(render(c)).toEqual({ output: c.output });
    },
  );

  it.each(supported.filter((c) => c.error !== undefined).map((c) => [c.name, c] as const))(
    'fails like Go: %s',
    (_name, c) => {
      const result = render(c);
      expect('error' in result, `rendered ${JSON.stringify(result)}`).toBe(true);
      if (!('error' in result)) return;
      const goMessage = c.error ?? '';
      const goHasColumn = /^template: [^:]+:\d+:\d+: /.test(goMessage);
      if (POSITION_QUIRKS.has(c.name)) {
        expect(result.error.reason.replace(/^.*>: /, '')).toBe(goMessage.replace(/^.*>: /, ''));
      } else {
        expect(goHasColumn ? result.error.message : withoutColumn(result.error)).toBe(goMessage);
      }
    },
  );

  it.each(Object.entries(UNSUPPORTED))('names the unsupported function in %s', (name, fn) => {
    const c = fixture.cases.find((k) => k.name === name);
    expect(c).toBeDefined();
    if (c === undefined) return;
    expect(() => parseTemplate(c.name, c.template)).toThrow(`function "${fn}" not defined`);
  });
});
