/**
 * Five-field cron schedules (minute hour day-of-month month day-of-week) as Vixie cron reads them:
 * lists, ranges, steps, month and weekday names, 0 or 7 for Sunday, the `@daily`-style macros, and
 * its day rule: when both day fields are restricted, a day matches if EITHER does; a field written
 * starting with `*` (even `*∕2`) counts as unrestricted, so then both must match (crontab(5)).
 * `a/n` is read as `a-<max>/n`, as Kubernetes CronJobs (robfig/cron) read it.
 */
export interface CronSchedule {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: ReadonlySet<number>;
  domStar: boolean;
  dowStar: boolean;
}

export type ParsedCron = { ok: true; cron: CronSchedule } | { ok: false; error: string };

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: readonly FieldDef[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 7 is Sunday too; folded to 0 below.
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS },
];

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export function parseCron(text: string): ParsedCron {
  const trimmed = text.trim();
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5)
    return { ok: false, error: `"${text}" must have 5 fields (minute hour day month weekday)` };
  const sets: Set<number>[] = [];
  for (const [i, def] of FIELDS.entries()) {
    const set = parseField(parts[i] ?? '', def);
    if (typeof set === 'string') return { ok: false, error: `"${text}": ${set}` };
    sets.push(set);
  }
  const [minutes, hours, daysOfMonth, months, rawWeekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  const daysOfWeek = new Set([...rawWeekdays].map((d) => d % 7));
  return {
    ok: true,
    cron: {
      minutes,
      hours,
      daysOfMonth,
      months,
      daysOfWeek,
      domStar: parts[2]?.startsWith('*') ?? false,
      dowStar: parts[4]?.startsWith('*') ?? false,
    },
  };
}

/** Whether a calendar day (month 1-12, day 1-31, weekday 0-6) is one the schedule runs on. */
export function isCronDay(
  cron: CronSchedule,
  month: number,
  day: number,
  weekday: number,
): boolean {
  if (!cron.months.has(month)) return false;
  const dom = cron.daysOfMonth.has(day);
  const dow = cron.daysOfWeek.has(weekday);
  return cron.domStar || cron.dowStar ? dom && dow : dom || dow;
}

function parseField(text: string, def: FieldDef): Set<number> | string {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/i.exec(item);
    if (!m) return `${def.name} "${item}" is not a value, range or step`;
    const [, range = '', stepText] = m;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return `${def.name} step must be at least 1`;
    let from = def.min;
    let to = def.max;
    if (range !== '*') {
      const [a = '', b] = range.split('-');
      const start = valueOf(a, def);
      const end = b === undefined ? (stepText === undefined ? start : def.max) : valueOf(b, def);
      if (typeof start === 'string') return start;
      if (typeof end === 'string') return end;
      if (start > end) return `${def.name} range ${range} runs backwards`;
      from = start;
      to = end;
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function valueOf(text: string, def: FieldDef): number | string {
  const byName = def.names?.indexOf(text.toLowerCase()) ?? -1;
  if (byName >= 0) return byName + (def.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(text)) return `${def.name} "${text}" is not a number or a name`;
  const n = Number(text);
  if (n < def.min || n > def.max) return `${def.name} ${n} is outside ${def.min}-${def.max}`;
  return n;
}
