/**
 * Reads a newline-delimited JSON stream (a Kubernetes watch body) from a web `ReadableStream`,
 * which both Node 20's fetch and Workers return, calling `onLine` for each complete line.
 * Returns when the stream ends; `onLine` returning false stops reading early.
 */
export async function readJsonLines(
  body: ReadableStream<Uint8Array>,
  onLine: (value: unknown) => boolean,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (line !== '' && !onLine(JSON.parse(line))) return;
        nl = pending.indexOf('\n');
      }
      if (done) {
        const rest = pending.trim();
        if (rest !== '') onLine(JSON.parse(rest));
        return;
      }
    }
  } finally {
    // Releases the connection when we stop early; a no-op on a finished stream.
    reader.cancel().catch(() => undefined);
  }
}
