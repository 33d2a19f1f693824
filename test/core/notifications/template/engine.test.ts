import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildTimeFunctions,
  GoTime,
  parseTemplate,
  renderTemplate,
  TemplateError,
} from '../../../../src/core/notifications/template/index.js';

const NOW = Date.parse('2024-03-05T06:07:08.123Z');

function render(text: string, data: Record<string, unknown> = {}, name = 'msg'): string {
  return renderTemplate(parseTemplate(name, text), { ...data, time: buildTimeFunctions(NOW) });
}

function failure(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('TemplateError', () => {
  it('names the template, line and column of a parse error', () => {
    const error = failure(() => parseTemplate('rollout-paused', 'ok\n  {{ .a | nope }}'));
    expect(error).toMatchObject({
      template: 'rollout-paused',
      line: 2,
      column: 10,
      message: 'template: rollout-paused:2:10: function "nope" not defined',
    });
  });

  it('names the node where execution failed', () => {
    const t = parseTemplate('t', 'a\nb {{ index .list 3 }}');
    const error = failure(() => renderTemplate(t, { list: [1] }));
    expect(error).toMatchObject({ template: 't', line: 2, column: 5 });
    expect(error.message).toBe(
      'template: t:2:5: executing "t" at <index .list 3>: error calling index: index out of range: 3',
    );
  });

  it('counts columns in bytes, as Go does', () => {
    const error = failure(() => parseTemplate('t', 'ü {{ frob }}'));
    expect(error.column).toBe(6);
  });

  it('reports an unclosed action at its opening delimiter', () => {
    const error = failure(() => parseTemplate('t', 'x\n\n  {{ .a '));
    expect(error).toMatchObject({ line: 3, column: 2, reason: 'unclosed action' });
  });
});

describe('time', () => {
  it('gives .time.Now as the instant passed in and formats it with Go layouts', () => {
    expect(render('{{(call .time.Now).Format "2006-01-02T15:04:05.000Z07:00"}}')).toBe(
      '2024-03-05T06:07:08.123Z',
    );
  });

  it('parses RFC 3339 with .time.Parse and measures durations from now', () => {
    const text = '{{ (call .time.Now).Sub (call .time.Parse .ts) }}';
    expect(render(text, { ts: '2024-03-05T05:00:00+01:00' })).toBe('2h7m8.123s');
  });

  it('fails the render when .time.Parse is given anything but RFC 3339', () => {
    const error = failure(() => render('{{call .time.Parse "05/03/2024"}}'));
    expect(error.reason).toContain('error calling call: parsing time "05/03/2024"');
  });

  it('lets sprig now, ago and date read the same clock', () => {
    const text = '{{ now | date "15:04" }} {{ ago (call .time.Parse "2024-03-05T06:00:00Z") }}';
    expect(render(text)).toBe('06:07 7m8s');
  });

  it('refuses sprig now when the data carries no clock', () => {
    const error = failure(() => renderTemplate(parseTemplate('t', '{{ now }}'), {}));
    expect(error.reason).toContain('error calling now');
  });

  it('formats a time in a named zone with dateInZone', () => {
    const time = new GoTime(Date.parse('2024-07-01T12:00:00Z'));
    expect(render('{{ dateInZone "15:04 -0700" .t "Europe/Paris" }}', { t: time })).toBe(
      '14:00 +0200',
    );
  });
});

describe('rendering', () => {
  it('renders any printable text without actions as itself', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !s.includes('{{'));
    fc.assert(
      fc.property(text, (s) => {
        expect(render(s)).toBe(s);
      }),
    );
  });

  it('renders a template many times from one parse, each with its own data', () => {
    const t = parseTemplate('t', '{{ .rollout.metadata.name }}/{{ len .rollout.spec.steps }}');
    const outputs = ['a', 'b', 'c'].map((name, i) =>
      renderTemplate(t, { rollout: { metadata: { name }, spec: { steps: Array(i).fill({}) } } }),
    );
    expect(outputs).toEqual(['a/0', 'b/1', 'c/2']);
  });

  it('stops runaway recursion with an error instead of a stack overflow', () => {
    const t = parseTemplate(
      't',
      '{{define "loop"}}{{template "loop" .}}{{end}}{{template "loop" .}}',
    );
    expect(failure(() => renderTemplate(t, {})).reason).toContain(
      'exceeded maximum template depth',
    );
  });

  it('passes sprig results between functions with their Go types', () => {
    // add gives an int64, so %d prints it; JSON numbers are float64, so %d does not.
    expect(render('{{ printf "%d %d" (add .n 1) .n }}', { n: 2 })).toBe('3 %!d(float64=2)');
  });

  it('hashes with sha256sum', () => {
    expect(render('{{ sha256sum "" }}')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('hashes any text with sha256sum as node:crypto does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const expected = createHash('sha256').update(s, 'utf8').digest('hex');
        expect(render('{{ sha256sum .s }}', { s })).toBe(expected);
      }),
    );
  });
});

const ROLLOUT = {
  metadata: { name: 'checkout', namespace: 'shop', creationTimestamp: '2024-03-05T05:00:00Z' },
  spec: {
    replicas: 5,
    strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 100 }] } },
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'shop/checkout:v2' },
          { name: 'proxy', image: 'envoy:1.29' },
        ],
      },
    },
  },
  status: { currentStepIndex: 1, updatedReplicas: 1, phase: 'Paused' },
};

const SLACK_TEMPLATE = `{{- $r := .rollout -}}
Rollout {{ $r.metadata.name }} in {{ $r.metadata.namespace }} is {{ $r.status.phase | lower }}.
{{- if $r.spec.strategy.canary }}
Step {{ add $r.status.currentStepIndex 1 }} of {{ len $r.spec.strategy.canary.steps }}
{{- end }}
Started {{ (call .time.Now).Sub (call .time.Parse $r.metadata.creationTimestamp) }} ago.
[{{ range $i, $c := $r.spec.template.spec.containers }}{{ if $i }},{{ end }}
  {"title": {{ $c.name | toJson }}, "value": {{ $c.image | quote }}}
{{- end }}]
{{ printf "%s/%s" $r.metadata.namespace $r.metadata.name | upper }}
{{ with $r.status.message }}{{ . }}{{ else }}no message{{ end }}`;

describe('performance', () => {
  it('renders a typical template against a Rollout well under a millisecond', () => {
    const t = parseTemplate('rollout-paused', SLACK_TEMPLATE);
    const data = { rollout: ROLLOUT, time: buildTimeFunctions(NOW) };
    expect(renderTemplate(t, data)).toContain('Step 2 of 3');
    // Warm the JIT first: the controller renders many notifications per process.
    for (let i = 0; i < 500; i += 1) renderTemplate(t, data);
    const runs = 1000;
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) renderTemplate(t, data);
    const perRender = (performance.now() - start) / runs;
    expect(perRender).toBeLessThan(0.5);
  });
});
