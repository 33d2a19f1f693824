/** Where rendered links point: the emulator's own base for both API and HTML links. */
export interface Urls {
  api: string;
  html: string;
}

/** GitHub's global node ids are opaque base64; ours encode the kind and id. */
export function nodeId(prefix: string, id: number | string): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}
