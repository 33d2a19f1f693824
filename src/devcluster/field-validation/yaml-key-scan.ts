import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { JsonKeyScan, RepeatedKey } from './json-key-scan.js';

/**
 * The mapping keys of a YAML body in document order, as `scanJsonKeys` gives them for JSON: where
 * each path first appears, and the keys a mapping repeats with the line of the repetition (Go's
 * YAML decoder reports `line 7: key "h" already set in map`; the last value is the one kept).
 * The text has already parsed as one YAML document.
 */
export function scanYamlKeys(text: string): JsonKeyScan {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter });
  const firstSeen = new Map<string, number>();
  const duplicates: RepeatedKey[] = [];
  let rank = 0;
  const walk = (node: unknown, path: string): void => {
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? keyNode.value : keyNode;
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        const name = String(key);
        const child = path ? `${path}.${name}` : name;
        if (keys.has(name)) {
          const line = lineCounter.linePos(keyNode?.range?.[0] ?? 0).line;
          duplicates.push({ path: child, rank: rank++, key, line });
        } else {
          keys.add(name);
          if (!firstSeen.has(child)) firstSeen.set(child, rank++);
        }
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${path}[${i}]`));
    }
  };
  walk(doc.contents, '');
  return { firstSeen, duplicates };
}
