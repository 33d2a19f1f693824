/**
 * The object keys of a JSON text in document order, as Go's strict decoder meets them: where each
 * path first appears, and the keys an object repeats (JSON.parse keeps the last one silently; the
 * API server reports `duplicate field "data.a"`). The text has already parsed as JSON.
 */
export interface JsonKeyScan {
  /** Printed path (`spec.containers[0].name`) → its rank in document order. */
  firstSeen: Map<string, number>;
  /** Repeated keys, in the order of their repetition. */
  duplicates: RepeatedKey[];
}

/** A key an object repeats: its printed path, the key, and (for YAML bodies) the line it repeats on. */
export interface RepeatedKey {
  path: string;
  rank: number;
  key: string | number;
  /** 1-based; set when the body was YAML (or JSON read as YAML): Go's YAML decoder names lines. */
  line?: number;
  /** Repeated among a JSON patch's operations (`[0].value`), not in the object. */
  inJsonPatch?: boolean;
}

type Frame = { keys: Set<string> | undefined; index: number; path: string; key: string };

export function scanJsonKeys(text: string, asYaml = false): JsonKeyScan {
  const firstSeen = new Map<string, number>();
  const duplicates: Array<RepeatedKey & { offset: number }> = [];
  const stack: Frame[] = [];
  let rank = 0;
  let expectKey = false;
  const childPath = (f: Frame) =>
    f.keys ? (f.path ? `${f.path}.${f.key}` : f.key) : `${f.path}[${f.index}]`;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        top.key = key;
        const path = childPath(top);
        if (top.keys.has(key)) duplicates.push({ path, rank: rank++, key, offset: i });
        else {
          top.keys.add(key);
          if (!firstSeen.has(path)) firstSeen.set(path, rank++);
        }
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const parent = stack[stack.length - 1];
      const path = parent ? childPath(parent) : '';
      stack.push({ keys: c === '{' ? new Set() : undefined, index: 0, path, key: '' });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  if (!asYaml) return { firstSeen, duplicates: duplicates.map(({ offset: _o, ...d }) => d) };
  // JSON sent as YAML (kubectl's apply patches) goes through Go's YAML decoder, which names lines.
  return {
    firstSeen,
    duplicates: duplicates.map(({ offset, ...d }) => ({ ...d, line: lineAt(text, offset) })),
  };
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
