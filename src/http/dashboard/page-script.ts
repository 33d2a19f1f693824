/**
 * The dashboard's one ES module, hand-written and served as is (no bundler, no framework). It builds
 * the DOM with `h()` and text nodes only (never innerHTML), so names and messages from the cluster
 * cannot inject markup. Data: `api/v1` with the bearer token kept in localStorage; live updates from
 * the `…/info/watch` streams, which take the token as `?token=` because EventSource sends no headers.
 * Written without template literals so it can live in this TypeScript string.
 */
import { SCRIPT_BASE } from './script-base.js';
import { SCRIPT_LIST } from './script-list.js';
import { SCRIPT_RELEASES } from './script-releases.js';
import { SCRIPT_ROLLOUT } from './script-rollout.js';

export const PAGE_SCRIPT = [
  SCRIPT_BASE,
  SCRIPT_LIST,
  SCRIPT_ROLLOUT,
  SCRIPT_RELEASES,
  String.raw`
// ---- routing ----------------------------------------------------------------------------------
function route() {
  clearBanner();
  if (!state.token) return showLogin();
  if (location.hash === '#/releases') return showReleases();
  const m = /^#\/ro\/([^/]+)\/([^/]+)$/.exec(location.hash);
  if (m) return showRollout(decodeURIComponent(m[1]), decodeURIComponent(m[2]));
  // ?rollout=<ns>/<name>: the route a server sees (hashes never reach it), for links and captures.
  const q = /^([^/]+)\/([^/]+)$/.exec(new URLSearchParams(location.search).get('rollout') || '');
  if (q && (location.hash === '' || location.hash === '#')) return showRollout(q[1], q[2]);
  return showList();
}
async function start() {
  state.token = localStorage.getItem(KEY);
  if (!state.token) return showLogin();
  $('signout').hidden = false;
  try {
    await loadNamespaces();
    // A token from localStorage or a #token= link: the cookie lets the next load render on the server.
    if (document.body.dataset.session !== 'view' && await startSession(state.token) === 204) document.body.dataset.session = 'view';
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
window.addEventListener('hashchange', () => {
  // Following a #/ link leaves a ?rollout= route behind, so a reload shows what the hash says.
  if (location.search) history.replaceState(null, '', location.pathname + location.hash);
  takeTokenFromHash(); if (state.token || localStorage.getItem(KEY)) { if (!state.token) start(); else route(); } });
$('signout').addEventListener('click', () => signOut());
start();
`,
].join('\n');
