/**
 * The fleet releases view (issue 21 §6): `#/releases`, from `GET api/v1/releases` polled every few
 * seconds (releases move in minutes; no watch stream needed). Each release shows its phase, its
 * waves with their clusters as chips coloured by state, what holds it until when, and where and
 * why it failed; the delivery figures head the list. Part of the dashboard's one ES module
 * (page-script.ts joins the parts).
 */
export const SCRIPT_RELEASES = String.raw`
// ---- releases view ----------------------------------------------------------------------------
const RELEASES_POLL_MS = 5000;
function showReleases() {
  closeStream();
  delete $('main').dataset.view; // the server rendered another view: nothing of it is kept
  const ns = state.namespace;
  const view = {};
  state.view = view;
  $('ns').hidden = false;
  const figures = h('section', { class: 'card figures', id: 'figures' }, h('p', { class: 'muted' }, 'Loading…'));
  const list = h('div', { class: 'releases', id: 'releases' });
  fill($('main'), h('p', {}, h('a', { href: '#/' }, '← All Rollouts')), figures, list);
  const path = '/releases' + (ns === '_all' ? '' : '?namespace=' + enc(ns));
  // Polls while this view is on screen and signed in; any other view (or sign-out) ends it.
  const current = () => state.view === view && state.token;
  const load = () => api('GET', path)
    .then((d) => { if (current()) draw(d); })
    .catch((e) => { if (e.message !== 'unauthorized') banner(e.message); })
    .finally(() => { if (current()) setTimeout(() => { if (current()) load(); }, RELEASES_POLL_MS); });
  load();
  function draw(d) {
    fill(figures, h('h3', {}, 'Delivery, last ' + duration(d.figures.periodDays * 86400)), figureRows(d.figures));
    if (d.note) figures.append(h('p', { class: 'muted', id: 'releases-note' }, d.note));
    if (d.releases.length === 0) { fill(list, h('p', { class: 'muted' }, 'No releases in ' + (ns === '_all' ? 'any namespace' : 'namespace ' + ns) + '.')); return; }
    fill(list, ...d.releases.map(releaseCard));
  }
}
function releaseCard(r) {
  const hold = r.heldBy;
  const f = r.failure;
  return h('section', { class: 'card release', 'data-name': r.name },
    h('h2', {}, r.name),
    h('div', { class: 'head' }, h('span', { class: 'status s-' + r.phase }, r.phase), h('span', { class: 'muted' }, r.namespace + ' · ' + r.source + ' @ ' + r.commit.slice(0, 7))),
    h('ol', { class: 'waves' }, r.waves.map((w) => h('li', { class: 'wave w-' + w.state },
      h('span', { class: 'wave-label' }, 'Wave ' + (w.index + 1) + ' · ' + w.state + (w.soakUntil ? ' until ' + w.soakUntil : '')),
      w.clusters.map((c) => h('span', { class: 'chip c-' + c.state, title: c.name + ': ' + c.state }, c.name, h('small', {}, c.state)))))),
    hold ? h('div', { class: 'msg held' }, 'Held by ' + hold.kind + ': ' + hold.reason + (hold.until ? ', until ' + hold.until : ', until cleared')) : null,
    f ? h('div', { class: 'msg failure' }, 'Failed in ' + f.cluster + ', ' + f.namespace + '/' + f.name + ': ' + f.reason + ' (' + f.at + ')') : null,
    r.supersededBy ? row('Superseded by', r.supersededBy) : null,
    row('Committed', r.committedAt),
    r.finishedAt ? row('Finished', r.finishedAt) : null);
}
function figureRows(f) {
  const median = (s) => (s === undefined ? '—' : duration(s));
  return [
    row('Deployments', f.deployments + ' (' + f.deploymentsPerDay.toFixed(2) + '/day)'),
    row('Lead time', median(f.leadTime.medianSeconds) + ' (median of ' + f.leadTime.count + ')'),
    row('Change failure rate', f.changeFailureRate === undefined ? '—' : Math.round(f.changeFailureRate * 100) + '% (' + f.failedChanges + ' of ' + (f.deployments + f.failedChanges) + ')'),
    row('Time to restore', median(f.timeToRestore.medianSeconds) + ' (' + f.timeToRestore.restored + ' restored, ' + f.timeToRestore.unrestored + ' unrestored)'),
  ];
}
// 45s, 80m, 5h3m, 30d: as the CLI prints ages, coarser as they grow.
function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return s + 's';
  if (s < 3 * 3600) return Math.floor(s / 60) + 'm';
  if (s < 48 * 3600) return Math.floor(s / 3600) + 'h' + (Math.floor(s / 60) % 60 ? Math.floor(s / 60) % 60 + 'm' : '');
  return Math.floor(s / 86400) + 'd';
}
`;
