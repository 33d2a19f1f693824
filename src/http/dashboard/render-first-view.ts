import type {
  ImageInfo,
  RevisionInfo,
  RolloutInfo,
  RolloutSummary,
} from '../../core/rollout-info/index.js';
import { type Child, el, type Html } from './html.js';
import type { FirstView } from './load-first-view.js';
import type { RolloutCardExtra } from './load-views.js';
import type { AnalysisRunView, RolloutDetail } from './rollout-detail.js';

/**
 * The first view as HTML (issue 19), in the markup and classes the page script builds (script-list.ts,
 * script-rollout.ts, script-base.ts), so it looks the same before and after the script takes over.
 * Buttons are rendered disabled: the script enables them once it has bound them to live state.
 */
export function buildFirstViewHtml(view: FirstView): Html {
  switch (view.kind) {
    case 'signIn':
      return buildSignIn();
    case 'list':
      return el(
        'div',
        {},
        el(
          'div',
          { class: 'toolbar' },
          el('input', {
            type: 'search',
            placeholder: 'Filter by name or status',
            'aria-label': 'Filter',
          }),
        ),
        buildGrid(view.namespace, view.summaries, view.cards),
      );
    case 'rollout':
      return el(
        'div',
        {},
        el('p', {}, el('a', { href: '#/' }, '← All Rollouts')),
        el('div', { id: 'rollout' }, buildRollout(view.info, view.detail)),
      );
    case 'notice':
      return el('p', { class: 'muted', id: 'notice' }, view.text);
  }
}

function buildSignIn(): Html {
  return el(
    'section',
    { class: 'login card' },
    el('h2', {}, 'Sign in'),
    el(
      'form',
      {},
      el('label', { for: 'token-input' }, 'API token'),
      el('input', {
        type: 'password',
        id: 'token-input',
        autocomplete: 'current-password',
        placeholder: 'API token',
        required: true,
      }),
      el('button', { class: 'btn primary', type: 'submit' }, 'Sign in'),
      el(
        'p',
        { class: 'muted' },
        'The API takes a bearer token (API_TOKEN; npm start writes one to .rollouts/api-token). It stays in this browser.',
      ),
    ),
  );
}

function buildGrid(
  namespace: string,
  summaries: RolloutSummary[],
  cards: RolloutCardExtra[],
): Html {
  const extras = new Map(cards.map((c) => [`${c.namespace}/${c.name}`, c]));
  if (summaries.length === 0)
    return el(
      'div',
      { class: 'grid', id: 'rollouts' },
      el(
        'p',
        { class: 'muted' },
        `No Rollouts in ${namespace === '_all' ? 'any namespace' : `namespace ${namespace}`}.`,
      ),
    );
  return el(
    'div',
    { class: 'grid', id: 'rollouts' },
    summaries.map((r) => {
      const x = extras.get(`${r.namespace}/${r.name}`);
      return el(
        'a',
        {
          class: 'card rollout',
          href: `#/ro/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`,
          'data-name': r.name,
        },
        el('h2', {}, r.name),
        el(
          'div',
          { class: 'head' },
          statusBadge(r.icon, r.status),
          el('span', { class: 'muted' }, r.namespace),
        ),
        row('Strategy', r.strategy),
        row('Step', r.step || '—'),
        row('Weight', weight(r.setWeight, x?.actualWeight)),
        row('Ready', `${r.ready} / ${r.desired}`),
        x?.images.length ? row('Images', images(x.images)) : null,
        r.message ? el('div', { class: 'msg' }, r.message) : null,
      );
    }),
  );
}

function buildRollout(i: RolloutInfo, d: RolloutDetail): Child[] {
  const button = (label: string, cls: string) =>
    el(
      'button',
      { class: `btn ${cls}`.trim(), type: 'button', disabled: true, 'data-action': label },
      label,
    );
  return [
    el(
      'div',
      { class: 'head' },
      el('h1', {}, i.name),
      statusBadge(i.icon, i.status),
      el('span', { class: 'muted' }, i.namespace),
    ),
    i.message ? el('div', { class: 'msg', id: 'message' }, i.message) : null,
    i.errors.length ? el('div', { class: 'banner' }, el('span', {}, i.errors.join('; '))) : null,
    el(
      'div',
      { class: 'actions' },
      button('Promote', 'primary'),
      button('Promote full', ''),
      button('Abort', 'danger'),
      button('Retry', ''),
      button('Restart', ''),
    ),
    el(
      'div',
      { class: 'cols' },
      el(
        'div',
        {},
        el(
          'section',
          { class: 'card', id: 'summary' },
          el('h3', {}, 'Summary'),
          row('Strategy', i.strategy),
          row('Step', i.step || '—'),
          row('Pod hash', d.currentPodHash || '—'),
          row('Set weight', i.setWeight === undefined ? '—' : `${i.setWeight}%`),
          row('Actual weight', i.actualWeight === undefined ? '—' : `${i.actualWeight}%`),
          row(
            'Replicas',
            `${i.desired} desired · ${i.current} current · ${i.updated} updated · ${i.ready} ready · ${i.available} available`,
          ),
          row('Images', images(i.images)),
        ),
        buildSteps(d),
      ),
      el('div', {}, buildRevisions(i.revisions), buildAnalysis(d.analysisRuns)),
    ),
  ];
}

function buildSteps(d: RolloutDetail): Html | null {
  if (d.steps.length === 0) return null;
  const cur = d.currentStepIndex ?? -1;
  return el(
    'section',
    { class: 'card', id: 'steps' },
    el('h3', {}, 'Steps'),
    el(
      'ol',
      { class: 'steps' },
      d.steps.map((st, n) =>
        el(
          'li',
          {
            class: n < cur ? 'done' : n === cur ? 'current' : '',
            'aria-current': n === cur ? 'step' : undefined,
          },
          st.text,
        ),
      ),
    ),
  );
}

function buildRevisions(revisions: RevisionInfo[]): Html {
  return el(
    'section',
    { class: 'card', id: 'revisions' },
    el('h3', {}, 'Revisions'),
    revisions.map((rev) =>
      el(
        'div',
        { class: 'rev' },
        el('strong', {}, `Revision ${rev.revision}`),
        rev.replicaSets.map((rs) =>
          el(
            'div',
            { class: 'rs' },
            el(
              'div',
              {},
              statusBadge(rs.icon, rs.status),
              ' ',
              el('span', { class: 'img' }, rs.name),
              (['stable', 'canary', 'active', 'preview'] as const)
                .filter((t) => rs[t])
                .map((t) => el('span', { class: `tag ${t}` }, t)),
            ),
            el(
              'div',
              { class: 'muted' },
              `${rs.available}/${rs.replicas} available · `,
              rs.images.join(', '),
            ),
            el(
              'div',
              { class: 'pods' },
              rs.pods.map((p) =>
                el('span', {
                  class: podClass(p.status, p.ready),
                  title: `${p.name}: ${p.status} ${p.ready}`,
                }),
              ),
            ),
          ),
        ),
        rev.analysisRuns.map((a) =>
          el(
            'div',
            { class: 'muted' },
            'α ',
            a.name,
            ' ',
            statusBadge(a.icon, a.status),
            ` ✔ ${a.successful} ✖ ${a.failed}`,
          ),
        ),
      ),
    ),
  );
}

/** The runs and their metrics; the charts are drawn by the script once it takes over. */
function buildAnalysis(runs: AnalysisRunView[]): Html | null {
  if (runs.length === 0) return null;
  return el(
    'section',
    { class: 'card', id: 'analysis' },
    el('h3', {}, 'Analysis runs'),
    runs.map((run) =>
      el(
        'div',
        { class: 'rev' },
        el('div', {}, el('strong', { class: 'img' }, run.name), ' ', statusBadge('', run.phase)),
        run.message ? el('div', { class: 'msg' }, run.message) : null,
        run.metrics.map((m) =>
          el(
            'div',
            { class: 'metric' },
            el(
              'div',
              {},
              m.name,
              el('span', { class: 'tag' }, m.type),
              m.dryRun ? el('span', { class: 'tag' }, 'dry-run') : null,
              ' ',
              statusBadge('', m.phase),
            ),
            m.successCondition
              ? el('div', { class: 'msg' }, `success: ${m.successCondition}`)
              : null,
            el(
              'div',
              { class: 'msg' },
              `${m.measurements.length} measurement${m.measurements.length === 1 ? '' : 's'}`,
            ),
          ),
        ),
      ),
    ),
  );
}

// The upstream Paused icon (U+0965) is missing from many fonts; U+2016 looks the same (as in the script).
const GLYPH: Record<string, string> = { '॥': '‖' };

function statusBadge(icon: string, status: string): Html {
  return el(
    'span',
    { class: `status s-${status}` },
    el('span', { 'aria-hidden': 'true' }, GLYPH[icon] ?? icon),
    status,
  );
}

function row(label: string, value: Child): Html {
  return el('div', { class: 'row' }, el('b', {}, label), el('span', {}, value));
}

function images(list: ImageInfo[]): Html[] {
  return list.map((i) =>
    el(
      'div',
      { class: 'img' },
      i.image,
      i.tags.map((t) => el('span', { class: `tag ${t}` }, t)),
    ),
  );
}

function weight(setWeight: number | undefined, actual: number | undefined): string {
  if (setWeight === undefined && actual === undefined) return '—';
  return `set ${setWeight === undefined ? '—' : `${setWeight}%`} / actual ${actual === undefined ? '—' : `${actual}%`}`;
}

function podClass(status: string, ready: string): string {
  const [r, t] = ready.split('/');
  if (status === 'Running' && r === t) return 'pod ok';
  if (/Err|BackOff|Fail|Crash/.test(status)) return 'pod bad';
  return 'pod wait';
}
