/** `base` with `over` on top; a key `over` sets to `undefined` is removed, so a case can say "without". */
export function mergeDefined(
  base: Record<string, unknown>,
  over: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base, ...over };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}
