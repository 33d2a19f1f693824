// k8s.io/apimachinery/pkg/util/duration.HumanDuration, and the printers' translateTimestampSince.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A duration as kubectl prints ages: "45s", "5m3s", "2d4h", "3y12d"… */
export function humanDuration(ms: number): string {
  // Up to two seconds in the future passes for "now": clocks drift between machines.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an RFC 3339 timestamp; undefined when absent, NaN when malformed. */
export function parseTimestamp(timestamp: unknown): number | undefined {
  if (typeof timestamp !== 'string' || timestamp === '') return undefined;
  return RFC3339.test(timestamp) ? Date.parse(timestamp.toUpperCase()) : NaN;
}

/** translateTimestampSince: the age of a timestamp at `now`, "<unknown>" when it is not set. */
export function age(timestamp: string | undefined, now: Date): string {
  const at = parseTimestamp(timestamp);
  if (at === undefined) return '<unknown>';
  return Number.isNaN(at) ? '<invalid>' : humanDuration(now.getTime() - at);
}
