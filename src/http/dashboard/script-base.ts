/** The helpers every view uses: DOM building, the token, the API, live streams, small views, login and namespaces. Part of the dashboard's one ES module (page-script.ts joins the parts). */
export const SCRIPT_BASE = String.raw`
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
  endSession();
  showLogin(message);
}

// ---- session: the cookie that lets the server render the first view (issue 19) -----------------
// It is a digest of the token, HttpOnly, and read by GET / only; the API still takes the bearer token.
async function startSession(token) {
  try {
    const res = await fetch('session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    return res.status;
  } catch { return 0; }
}
function endSession() { fetch('session', { method: 'DELETE' }).catch(() => undefined); }
// The server's first view stays on screen until live data for the same view replaces it: the
// nodes of element #id when the server rendered view key, else null.
function serverView(key, id) {
  const main = $('main');
  const same = main.dataset.view === key;
  delete main.dataset.view;
  const el = same ? $(id) : null;
  return el ? Array.from(el.childNodes) : null;
}

// ---- API --------------------------------------------------------------------------------------
class ApiError extends Error {}
async function api(method, path, body, extraHeaders) {
  const headers = { ...extraHeaders, authorization: 'Bearer ' + state.token };
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

// randomUUID needs a secure context; getRandomValues does not (a dashboard on plain http).
function clickKey() {
  if (crypto.randomUUID) return 'dashboard-' + crypto.randomUUID();
  return 'dashboard-' + Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
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
  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    const token = input.value.trim();
    const session = await startSession(token);
    if (session === 401) return banner('The API refused the token (401). Enter a valid token.');
    if (session === 204) document.body.dataset.session = 'view';
    state.token = token;
    localStorage.setItem(KEY, token);
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
  const asked = new URLSearchParams(location.search).get('namespace');
  const saved = asked || localStorage.getItem(NS_KEY);
  state.namespace = saved && (saved === '_all' || state.namespaces.includes(saved)) ? saved : data.namespace;
  const sel = $('ns');
  fill(sel, h('option', { value: '_all' }, 'All namespaces'), state.namespaces.map((n) => h('option', { value: n }, n)));
  sel.value = state.namespace;
  sel.onchange = () => {
    state.namespace = sel.value;
    localStorage.setItem(NS_KEY, sel.value);
    if (['#/', '', '#/releases'].includes(location.hash)) route(); else location.hash = '#/';
  };
}
`;
