/** The Rollout list view. Part of the dashboard's one ES module (page-script.ts joins the parts). */
export const SCRIPT_LIST = String.raw`
// ---- list view --------------------------------------------------------------------------------
function showList() {
  const ns = state.namespace;
  const view = { summaries: null, extras: {}, filter: '' };
  state.view = view;
  $('ns').hidden = false;
  const filter = h('input', { type: 'search', placeholder: 'Filter by name or status', 'aria-label': 'Filter', oninput: () => { view.filter = filter.value.toLowerCase(); draw(); } });
  const grid = h('div', { class: 'grid', id: 'rollouts' }, serverView('list:' + ns, 'rollouts') || h('p', { class: 'muted' }, 'Loading…'));
  fill($('main'), h('div', { class: 'toolbar' }, filter), grid);
  function draw() {
    if (!view.summaries) return; // the server's first view, or "Loading…", until the stream's first event
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
`;
