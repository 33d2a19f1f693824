/**
 * The dashboard's one ES module, hand-written and served as is (no bundler, no framework). It builds
 * the DOM with `h()` and text nodes only (never innerHTML), so names and messages from the cluster
 * cannot inject markup. Data: `api/v1` with the bearer token kept in localStorage; live updates from
 * the `…/info/watch` streams, which take the token as `?token=` because EventSource sends no headers.
 * Written without template literals so it can live in this TypeScript string.
 */
export const PAGE_SCRIPT = String.raw`
const KEY = 'rollouts.token';
const NS_KEY = 'rollouts.namespace';
const state = { token: null, namespace: null, namespaces: null, stream: null, retry: null, view: null };
const $ = (id) => document.getElementById(id);

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, kids);
  return el;
}
function append(el, kids) {
  for (const k of kids.flat(Infinity)) if (k !== null && k !== undefined && k !== false) el.append(k instanceof Node ? k : document.createTextNode(String(k)));
}
// replaceChildren() would print null and arrays as text: clear, then append what is there.
function fill(el, ...kids) {
  el.replaceChildren();
  append(el, kids);
  return el;
}
const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  append(el, kids);
  return el;
}
const enc = encodeURIComponent;

// ---- token ----------------------------------------------------------------------------------
function takeTokenFromHash() {
  const m = /^#token=([^&]+)/.exec(location.hash);
  if (!m) return;
  localStorage.setItem(KEY, decodeURIComponent(m[1]));
  // Out of the address bar and the history at once.
  history.replaceState(null, '', location.pathname + location.search + '#/');
}
function signOut(message) {
  localStorage.removeItem(KEY);
  state.token = null;
  closeStream();
  showLogin(message);
}

// ---- API --------------------------------------------------------------------------------------
class ApiError extends Error {}
async function api(method, path, body) {
  const headers = { authorization: 'Bearer ' + state.token };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch('api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError('The server is unreachable: ' + e.message);
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (res.status === 401) {
    signOut('The API refused the token (401). Enter a valid token.');
    throw new ApiError('unauthorized');
  }
  if (!res.ok) throw new ApiError((data && data.message) || (res.status + ' ' + res.statusText));
  return data;
}

function banner(text, kind) {
  const b = $('banner');
  fill(b, h('span', {}, text), h('button', { type: 'button', 'aria-label': 'Dismiss', onclick: () => { b.hidden = true; } }, '×'));
  b.className = 'banner' + (kind === 'info' ? ' info' : '');
  b.hidden = false;
  if (kind === 'info') setTimeout(() => { if (b.textContent.startsWith(text)) b.hidden = true; }, 4000);
}
function clearBanner() { $('banner').hidden = true; }

// ---- live updates -----------------------------------------------------------------------------
function closeStream() {
  if (state.stream) state.stream.close();
  state.stream = null;
  clearTimeout(state.retry);
  $('live').className = 'live';
}
function watch(path, onInfo, probe) {
  closeStream();
  const es = new EventSource('api/v1' + path + '?token=' + enc(state.token));
  state.stream = es;
  es.addEventListener('open', () => { $('live').className = 'live on'; });
  es.addEventListener('info', (e) => { $('live').className = 'live on'; onInfo(JSON.parse(e.data)); });
  es.addEventListener('error', (e) => {
    if (state.stream !== es) return;
    if (e.data) {
      // An error event the server sent: a failed poll, or the Rollout is gone.
      try { banner(JSON.parse(e.data).message); } catch { banner(String(e.data)); }
      return;
    }
    $('live').className = 'live';
    if (es.readyState === EventSource.CLOSED) {
      // Refused (401, 404…) or unreachable: ask the plain route why, then try again later.
      probe().catch((err) => { if (err.message !== 'unauthorized') banner(err.message); });
      state.retry = setTimeout(() => { if (state.stream === es && state.token) watch(path, onInfo, probe); }, 5000);
    }
  });
}

// ---- small views ------------------------------------------------------------------------------
// The upstream Paused icon (U+0965) is missing from many fonts; U+2016 looks the same and is everywhere.
const GLYPH = { '॥': '‖' };
function statusBadge(icon, status) {
  return h('span', { class: 'status s-' + status }, h('span', { 'aria-hidden': 'true' }, GLYPH[icon] || icon || ''), status);
}
function row(label, value) { return h('div', { class: 'row' }, h('b', {}, label), h('span', {}, value)); }
function images(list) {
  return (list || []).map((i) => h('div', { class: 'img' }, i.image, (i.tags || []).map((t) => h('span', { class: 'tag ' + t }, t))));
}
function weight(setWeight, actual) {
  if (setWeight === undefined && actual === undefined) return '—';
  return 'set ' + (setWeight === undefined ? '—' : setWeight + '%') + ' / actual ' + (actual === undefined ? '—' : actual + '%');
}

// ---- login ------------------------------------------------------------------------------------
function showLogin(message) {
  closeStream();
  $('signout').hidden = true;
  $('ns').hidden = true;
  const input = h('input', { type: 'password', id: 'token-input', autocomplete: 'current-password', placeholder: 'API token', required: true });
  const form = h('form', { onsubmit: (e) => {
    e.preventDefault();
    state.token = input.value.trim();
    localStorage.setItem(KEY, state.token);
    clearBanner();
    start();
  } },
    h('label', { for: 'token-input' }, 'API token'), input,
    h('button', { class: 'btn primary', type: 'submit' }, 'Sign in'),
    h('p', { class: 'muted' }, 'The API takes a bearer token (API_TOKEN; npm start writes one to .rollouts/api-token). It stays in this browser.'));
  fill($('main'), h('section', { class: 'login card' }, h('h2', {}, 'Sign in'), form));
  if (message) banner(message);
  input.focus();
}

// ---- namespaces -------------------------------------------------------------------------------
async function loadNamespaces() {
  if (state.namespaces) return;
  const data = await api('GET', '/namespace');
  state.namespaces = data.availableNamespaces || [data.namespace];
  const saved = localStorage.getItem(NS_KEY);
  state.namespace = saved && (saved === '_all' || state.namespaces.includes(saved)) ? saved : data.namespace;
  const sel = $('ns');
  fill(sel, h('option', { value: '_all' }, 'All namespaces'), state.namespaces.map((n) => h('option', { value: n }, n)));
  sel.value = state.namespace;
  sel.onchange = () => {
    state.namespace = sel.value;
    localStorage.setItem(NS_KEY, sel.value);
    if (location.hash === '#/' || location.hash === '') route(); else location.hash = '#/';
  };
}

// ---- list view --------------------------------------------------------------------------------
function showList() {
  const ns = state.namespace;
  const view = { summaries: null, extras: {}, filter: '' };
  state.view = view;
  $('ns').hidden = false;
  const filter = h('input', { type: 'search', placeholder: 'Filter by name or status', 'aria-label': 'Filter', oninput: () => { view.filter = filter.value.toLowerCase(); draw(); } });
  const grid = h('div', { class: 'grid', id: 'rollouts' });
  fill($('main'), h('div', { class: 'toolbar' }, filter), grid);
  function draw() {
    if (!view.summaries) { fill(grid, h('p', { class: 'muted' }, 'Loading…')); return; }
    const shown = view.summaries.filter((r) => !view.filter || (r.name + ' ' + r.status + ' ' + r.namespace).toLowerCase().includes(view.filter));
    if (shown.length === 0) { fill(grid, h('p', { class: 'muted' }, view.summaries.length ? 'No Rollout matches the filter.' : 'No Rollouts in ' + (ns === '_all' ? 'any namespace' : 'namespace ' + ns) + '.')); return; }
    fill(grid, ...shown.map((r) => {
      const x = view.extras[r.namespace + '/' + r.name] || {};
      return h('a', { class: 'card rollout', href: '#/ro/' + enc(r.namespace) + '/' + enc(r.name), 'data-name': r.name },
        h('h2', {}, r.name),
        h('div', { class: 'head' }, statusBadge(r.icon, r.status), h('span', { class: 'muted' }, r.namespace)),
        row('Strategy', r.strategy),
        row('Step', r.step || '—'),
        row('Weight', weight(r.setWeight, x.actualWeight)),
        row('Ready', r.ready + ' / ' + r.desired),
        x.images && x.images.length ? h('div', { class: 'row' }, h('b', {}, 'Images'), h('span', {}, images(x.images))) : null,
        r.message ? h('div', { class: 'msg' }, r.message) : null);
    }));
  }
  draw();
  let cardsBusy = false;
  const refreshCards = () => {
    if (cardsBusy) return;
    cardsBusy = true;
    api('GET', '/rollouts/' + enc(ns) + '/cards').then((d) => {
      if (state.view !== view) return;
      view.extras = {};
      for (const c of d.rollouts) view.extras[c.namespace + '/' + c.name] = c;
      draw();
    }).catch((e) => { if (e.message !== 'unauthorized') banner(e.message); }).finally(() => { cardsBusy = false; });
  };
  watch('/rollouts/' + enc(ns) + '/info/watch', (d) => {
    if (state.view !== view) return;
    view.summaries = d.rollouts;
    draw();
    refreshCards();
  }, () => api('GET', '/rollouts/' + enc(ns) + '/info'));
}

// ---- rollout view -----------------------------------------------------------------------------
function showRollout(ns, name) {
  const view = { info: null, detail: null };
  state.view = view;
  $('ns').hidden = true;
  const base = '/rollouts/' + enc(ns) + '/' + enc(name);
  const root = h('div', { id: 'rollout' }, h('p', { class: 'muted' }, 'Loading…'));
  fill($('main'), h('p', {}, h('a', { href: '#/' }, '← All Rollouts')), root);

  const busy = new Set();
  async function act(label, method, path, body) {
    busy.add(label);
    draw();
    try {
      await api(method, base + path, body);
      banner(label + ': done', 'info');
    } catch (e) {
      if (e.message !== 'unauthorized') banner(label + ' failed: ' + e.message);
    } finally {
      busy.delete(label);
      draw();
    }
  }
  const button = (label, cls, method, path, body) => h('button', { class: 'btn ' + cls, type: 'button', disabled: busy.has(label), 'data-action': label, onclick: () => act(label, method, path, body) }, label);

  function setImageForm() {
    const containers = (view.detail && view.detail.containers) || [];
    const sel = h('select', { 'aria-label': 'Container', name: 'container' }, containers.map((c) => h('option', { value: c.name }, c.name)));
    const img = h('input', { type: 'text', name: 'image', placeholder: 'image, e.g. nginx:1.27', 'aria-label': 'Image', required: true });
    if (containers[0]) img.value = containers[0].image;
    sel.onchange = () => { const c = containers.find((x) => x.name === sel.value); if (c) img.value = c.image; };
    return h('form', { class: 'setimg', id: 'set-image', onsubmit: (e) => { e.preventDefault(); act('Set image', 'PUT', '/set', { container: sel.value, image: img.value.trim() }); } },
      sel, img, h('button', { class: 'btn', type: 'submit', disabled: busy.has('Set image') }, 'Set image'));
  }

  let form = null;
  function draw() {
    const i = view.info;
    if (!i) return;
    const d = view.detail;
    // The set-image form keeps what the user typed across live redraws.
    if (!form || form.dataset.for !== JSON.stringify(d && d.containers)) { form = setImageForm(); form.dataset.for = JSON.stringify(d && d.containers); }
    form.querySelectorAll('button').forEach((b) => { b.disabled = busy.has('Set image'); });
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
        rev.replicaSets.length > 0 && rev.revision < Math.max(...i.revisions.map((x) => x.revision)) ? h('button', { class: 'btn small', type: 'button', 'data-action': 'Rollback', disabled: busy.has('Rollback to ' + rev.revision), onclick: () => act('Rollback to ' + rev.revision, 'PUT', '/undo/' + rev.revision) }, 'Rollback') : null,
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

// ---- routing ----------------------------------------------------------------------------------
function route() {
  clearBanner();
  if (!state.token) return showLogin();
  const m = /^#\/ro\/([^/]+)\/([^/]+)$/.exec(location.hash);
  if (m) return showRollout(decodeURIComponent(m[1]), decodeURIComponent(m[2]));
  return showList();
}
async function start() {
  state.token = localStorage.getItem(KEY);
  if (!state.token) return showLogin();
  $('signout').hidden = false;
  try {
    await loadNamespaces();
    const v = await api('GET', '/version');
    $('foot').textContent = 'serverless-rollouts ' + v.rolloutsVersion + ' (' + v.runtime + ')';
  } catch (e) {
    if (e.message !== 'unauthorized') banner(e.message);
    if (!state.token) return;
  }
  state.namespace = state.namespace || 'default';
  route();
}

takeTokenFromHash();
window.addEventListener('hashchange', () => { takeTokenFromHash(); if (state.token || localStorage.getItem(KEY)) { if (!state.token) start(); else route(); } });
$('signout').addEventListener('click', () => signOut());
start();
`;
