// Strongly connected components (Tarjan): two files import each other, directly or through others,
// exactly when they share a component of more than one file.

/**
 * @param {Map<string, string[]>} graph
 * @returns {Map<string, number>} file → component id, only for files on a cycle
 */
export function cyclicComponents(graph) {
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {Map<string, number>} */
  const component = new Map();
  let next = 0;
  let id = 0;

  // Iterative, so a long import chain cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    /** @type {Array<{ v: string, edges: string[], i: number }>} */
    const work = [{ v: start, edges: graph.get(start) ?? [], i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = /** @type {{ v: string, edges: string[], i: number }} */ (work[work.length - 1]);
      if (top.i < top.edges.length) {
        const w = /** @type {string} */ (top.edges[top.i++]);
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, edges: graph.get(w) ?? [], i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.v, Math.min(lowOf(low, top.v), lowOf(index, w)));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(lowOf(low, parent.v), lowOf(low, top.v)));
      if (lowOf(low, top.v) !== lowOf(index, top.v)) continue;
      /** @type {string[]} */
      const members = [];
      let w;
      do {
        w = /** @type {string} */ (stack.pop());
        onStack.delete(w);
        members.push(w);
      } while (w !== top.v);
      if (members.length > 1) {
        for (const m of members) component.set(m, id);
        id++;
      }
    }
  }
  return component;
}

/** @param {Map<string, number>} map @param {string} key */
function lowOf(map, key) {
  return /** @type {number} */ (map.get(key));
}

/**
 * The shortest import path from `from` to `to` (both in one component), for the message.
 *
 * @param {Map<string, string[]>} graph
 * @param {string} from
 * @param {string} to
 * @returns {string[]}
 */
export function shortestPath(graph, from, to) {
  /** @type {Map<string, string>} */
  const cameFrom = new Map();
  const queue = [from];
  const seen = new Set(queue);
  while (queue.length) {
    const v = /** @type {string} */ (queue.shift());
    if (v === to) break;
    for (const w of graph.get(v) ?? []) {
      if (seen.has(w)) continue;
      seen.add(w);
      cameFrom.set(w, v);
      queue.push(w);
    }
  }
  const pathBack = [to];
  for (let v = to; v !== from;) {
    const prev = cameFrom.get(v);
    if (prev === undefined) return [from, to];
    pathBack.push(prev);
    v = prev;
  }
  return pathBack.reverse();
}
