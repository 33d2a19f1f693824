/** Go's time.Duration.String() (the JSON form of metav1.Duration): "1h0m0s", "1m30s", "1.5s", "250ms", "0s". */
export function formatGoDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return '0s';
  const negative = nanoseconds < 0n;
  const u = negative ? -nanoseconds : nanoseconds;
  let text: string;
  if (u < 1_000n) text = `${u}ns`;
  else if (u < 1_000_000n) text = `${withFraction(u, 1_000n)}µs`;
  else if (u < 1_000_000_000n) text = `${withFraction(u, 1_000_000n)}ms`;
  else {
    const secs = u / 1_000_000_000n;
    const s = `${withFraction((secs % 60n) * 1_000_000_000n + (u % 1_000_000_000n), 1_000_000_000n)}s`;
    const minutes = (secs / 60n) % 60n;
    const hours = secs / 3600n;
    text = hours > 0n ? `${hours}h${minutes}m${s}` : minutes > 0n ? `${minutes}m${s}` : s;
  }
  return negative ? `-${text}` : text;
}

function withFraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const rest = value % scale;
  if (rest === 0n) return `${whole}`;
  const digits = scale.toString().length - 1;
  return `${whole}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
