/** The Rollout view and its measurement charts. Part of the dashboard's one ES module (page-script.ts joins the parts). */
export const SCRIPT_ROLLOUT = String.raw`
// ---- rollout view -----------------------------------------------------------------------------
function showRollout(ns, name) {
  const view = { info: null, detail: null };
  state.view = view;
  $('ns').hidden = true;
  const base = '/rollouts/' + enc(ns) + '/' + enc(name);
  const root = h('div', { id: 'rollout' }, serverView('rollout:' + ns + '/' + name, 'rollout') || h('p', { class: 'muted' }, 'Loading…'));
  fill($('main'), h('p', {}, h('a', { href: '#/' }, '← All Rollouts')), root);

  const busy = new Set();
  // Each click is bound to the step and pod hash on the page (a stale click gets 409 and changes
  // nothing) and carries its own Idempotency-Key, so a resent request is not applied twice.
  function bound(path) {
    const d = view.detail;
    const q = [];
    if (d && d.currentStepIndex !== undefined) q.push('stepIndex=' + d.currentStepIndex);
    if (d && d.currentPodHash) q.push('podHash=' + enc(d.currentPodHash));
    return q.length ? path + (path.includes('?') ? '&' : '?') + q.join('&') : path;
  }
  async function act(label, method, path, body) {
    busy.add(label);
    draw();
    try {
      const done = await api(method, base + bound(path), body, { 'idempotency-key': clickKey() });
      // Abort or retry with nothing to act on are written as the plugin writes them, with a warning.
      banner(label + ': ' + (done && done.warning ? done.warning : 'done'), 'info');
    } catch (e) {
      if (e.message !== 'unauthorized') banner(label + ' failed: ' + e.message);
    } finally {
      busy.delete(label);
      draw();
      refreshDetail(); // the state the next click is bound to
    }
  }
  // The Step row comes from the live info, the step list and pod hash from the detail fetched after
  // it: the buttons wait until both show the same step, so a click is bound to what is on screen.
  function synced() {
    const i = view.info, d = view.detail;
    if (!i || !d) return false;
    return (i.step ? Number(i.step.split('/')[0]) : undefined) === (d.steps.length ? d.currentStepIndex : undefined);
  }
  const off = (label) => busy.has(label) || !synced();
  const button = (label, cls, method, path, body) => h('button', { class: 'btn ' + cls, type: 'button', disabled: off(label), 'data-action': label, onclick: () => act(label, method, path, body) }, label);

  function setImageForm() {
    const containers = (view.detail && view.detail.containers) || [];
    const sel = h('select', { 'aria-label': 'Container', name: 'container' }, containers.map((c) => h('option', { value: c.name }, c.name)));
    const img = h('input', { type: 'text', name: 'image', placeholder: 'image, e.g. nginx:1.27', 'aria-label': 'Image', required: true });
    if (containers[0]) img.value = containers[0].image;
    sel.onchange = () => { const c = containers.find((x) => x.name === sel.value); if (c) img.value = c.image; };
    return h('form', { class: 'setimg', id: 'set-image', onsubmit: (e) => { e.preventDefault(); act('Set image', 'PUT', '/set', { container: sel.value, image: img.value.trim() }); } },
      sel, img, h('button', { class: 'btn', type: 'submit', disabled: off('Set image') }, 'Set image'));
  }

  let form = null;
  function draw() {
    const i = view.info;
    if (!i) return;
    const d = view.detail;
    // The set-image form keeps what the user typed across live redraws.
    if (!form || form.dataset.for !== JSON.stringify(d && d.containers)) { form = setImageForm(); form.dataset.for = JSON.stringify(d && d.containers); }
    form.querySelectorAll('button').forEach((b) => { b.disabled = off('Set image'); });
    fill(root, 
      h('div', { class: 'head' }, h('h1', {}, i.name), statusBadge(i.icon, i.status), h('span', { class: 'muted' }, i.namespace)),
      i.message ? h('div', { class: 'msg', id: 'message' }, i.message) : null,
      i.errors && i.errors.length ? h('div', { class: 'banner' }, h('span', {}, i.errors.join('; '))) : null,
      h('div', { class: 'actions' },
        button('Promote', 'primary', 'PUT', '/promote'),
        button('Promote full', '', 'PUT', '/promote?full=true'),
        button('Abort', 'danger', 'PUT', '/abort'),
        button('Retry', '', 'PUT', '/retry'),
        button('Restart', '', 'PUT', '/restart')),
      h('div', { class: 'cols' },
        h('div', {},
          h('section', { class: 'card', id: 'summary' }, h('h3', {}, 'Summary'),
            row('Strategy', i.strategy),
            row('Step', i.step || '—'),
            row('Pod hash', (d && d.currentPodHash) || '—'),
            row('Set weight', i.setWeight === undefined ? '—' : i.setWeight + '%'),
            row('Actual weight', i.actualWeight === undefined ? '—' : i.actualWeight + '%'),
            row('Replicas', i.desired + ' desired · ' + i.current + ' current · ' + i.updated + ' updated · ' + i.ready + ' ready · ' + i.available + ' available'),
            h('div', { class: 'row' }, h('b', {}, 'Images'), h('span', {}, images(i.images))),
            form),
          steps(d)),
        h('div', {}, revisions(i), analysis(d))));
  }
  function steps(d) {
    if (!d || d.steps.length === 0) return null;
    const cur = d.currentStepIndex === undefined ? -1 : d.currentStepIndex;
    return h('section', { class: 'card', id: 'steps' }, h('h3', {}, 'Steps'),
      h('ol', { class: 'steps' }, d.steps.map((st, n) => h('li', { class: n < cur ? 'done' : n === cur ? 'current' : '', 'aria-current': n === cur ? 'step' : undefined }, st.text))));
  }
  function podClass(p) {
    const [r, t] = p.ready.split('/');
    if (p.status === 'Running' && r === t) return 'pod ok';
    if (/Err|BackOff|Fail|Crash/.test(p.status)) return 'pod bad';
    return 'pod wait';
  }
  function revisions(i) {
    return h('section', { class: 'card', id: 'revisions' }, h('h3', {}, 'Revisions'),
      i.revisions.map((rev) => h('div', { class: 'rev' }, h('strong', {}, 'Revision ' + rev.revision),
        rev.replicaSets.length > 0 && rev.revision < Math.max(...i.revisions.map((x) => x.revision)) ? h('button', { class: 'btn small', type: 'button', 'data-action': 'Rollback', disabled: off('Rollback to ' + rev.revision), onclick: () => act('Rollback to ' + rev.revision, 'PUT', '/undo/' + rev.revision) }, 'Rollback') : null,
        rev.replicaSets.map((rs) => h('div', { class: 'rs' },
          h('div', {}, statusBadge(rs.icon, rs.status), ' ', h('span', { class: 'img' }, rs.name),
            ['stable', 'canary', 'active', 'preview'].filter((t) => rs[t]).map((t) => h('span', { class: 'tag ' + t }, t))),
          h('div', { class: 'muted' }, rs.available + '/' + rs.replicas + ' available · ', rs.images.join(', ')),
          h('div', { class: 'pods' }, rs.pods.map((p) => h('span', { class: podClass(p), title: p.name + ': ' + p.status + ' ' + p.ready }))))),
        rev.analysisRuns.map((a) => h('div', { class: 'muted' }, 'α ', a.name, ' ', statusBadge(a.icon, a.status), ' ✔ ' + a.successful + ' ✖ ' + a.failed))))
    );
  }
  function analysis(d) {
    if (!d || d.analysisRuns.length === 0) return null;
    return h('section', { class: 'card', id: 'analysis' }, h('h3', {}, 'Analysis runs'),
      d.analysisRuns.map((run) => h('div', { class: 'rev' },
        h('div', {}, h('strong', { class: 'img' }, run.name), ' ', statusBadge('', run.phase)),
        run.message ? h('div', { class: 'msg' }, run.message) : null,
        run.metrics.map((m) => h('div', { class: 'metric' },
          h('div', {}, m.name, h('span', { class: 'tag' }, m.type), m.dryRun ? h('span', { class: 'tag' }, 'dry-run') : null, ' ', statusBadge('', m.phase)),
          m.successCondition ? h('div', { class: 'msg' }, 'success: ' + m.successCondition) : null,
          chart(m.measurements))))));
  }

  let detailBusy = false;
  let detailAgain = false;
  const refreshDetail = () => {
    if (detailBusy) { detailAgain = true; return; }
    detailBusy = true;
    api('GET', base + '/detail').then((d) => { if (state.view === view) { view.detail = d; draw(); } })
      .catch((e) => { if (e.message !== 'unauthorized') banner(e.message); })
      .finally(() => { detailBusy = false; if (detailAgain) { detailAgain = false; refreshDetail(); } });
  };
  watch(base + '/info/watch', (info) => {
    if (state.view !== view) return;
    view.info = info;
    draw();
    refreshDetail();
  }, () => api('GET', base + '/info'));
}

// ---- chart ------------------------------------------------------------------------------------
// A measurement's value as a number: a plain number or the first number of a JSON array ("[0.97]").
function numeric(v) {
  if (v === undefined || v === null || v === '') return undefined;
  let x = Number(v);
  if (Number.isFinite(x)) return x;
  try {
    const j = JSON.parse(v);
    x = Array.isArray(j) ? Number(j[0]) : Number(j);
    return Number.isFinite(x) ? x : undefined;
  } catch { return undefined; }
}
function chart(measurements) {
  const pts = measurements.filter((m) => m.at).map((m) => ({ t: Date.parse(m.at), v: numeric(m.value), m }));
  if (pts.length === 0) return h('div', { class: 'muted' }, 'No measurements yet.');
  const W = 320, H = 90, L = 34, R = 8, T = 8, B = 16;
  const ts = pts.map((p) => p.t), vs = pts.filter((p) => p.v !== undefined).map((p) => p.v);
  const t0 = Math.min(...ts), t1 = Math.max(...ts);
  let v0 = vs.length ? Math.min(...vs) : 0, v1 = vs.length ? Math.max(...vs) : 1;
  if (v0 === v1) { v0 -= 1; v1 += 1; }
  const x = (t) => L + (t1 === t0 ? (W - L - R) / 2 : ((t - t0) / (t1 - t0)) * (W - L - R));
  const y = (v) => T + (1 - (v - v0) / (v1 - v0)) * (H - T - B);
  const fmt = (v) => (Math.abs(v) >= 1000 || Number.isInteger(v) ? String(Math.round(v)) : v.toPrecision(3));
  const time = (t) => new Date(t).toLocaleTimeString();
  const numericPts = pts.filter((p) => p.v !== undefined);
  const svg = s('svg', { class: 'chart', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': pts.length + ' measurements' },
    s('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }),
    s('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }),
    s('text', { x: 2, y: T + 6 }, vs.length ? fmt(v1) : ''),
    s('text', { x: 2, y: H - B }, vs.length ? fmt(v0) : ''),
    s('text', { x: L, y: H - 3 }, time(t0)),
    t1 !== t0 ? s('text', { x: W - R, y: H - 3, 'text-anchor': 'end' }, time(t1)) : null,
    numericPts.length > 1 ? s('polyline', { class: 'line', points: numericPts.map((p) => x(p.t).toFixed(1) + ',' + y(p.v).toFixed(1)).join(' ') }) : null,
    pts.map((p) => s('circle', { class: p.m.phase, cx: x(p.t).toFixed(1), cy: (p.v === undefined ? (T + H - B) / 2 : y(p.v)).toFixed(1), r: 3 },
      s('title', {}, time(p.t) + ' ' + p.m.phase + (p.m.value !== undefined ? ': ' + p.m.value : '') + (p.m.message ? ' — ' + p.m.message : '')))));
  const last = pts[pts.length - 1].m;
  return h('div', {}, svg, h('div', { class: 'msg' }, pts.length + ' measurement' + (pts.length === 1 ? '' : 's') + ' · last: ' + last.phase + (last.value !== undefined ? ' ' + last.value : '')));
}
`;
