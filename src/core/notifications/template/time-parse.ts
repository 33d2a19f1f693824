import { MONTHS, UTC, type Zone } from './time-names.js';
import { GoTime } from './time.js';

const RFC3339 = '2006-01-02T15:04:05Z07:00';

/** Layout elements `parseGoTime` reads, each with the pattern of its value. */
const PARSE_ELEMENTS: readonly (readonly [string, string])[] = [
  ['January', `(${MONTHS.join('|')})`],
  ['Jan', `(${MONTHS.map((m) => m.slice(0, 3)).join('|')})`],
  ['Monday', '(?:[A-Z][a-z]+day)'],
  ['Mon', '(?:[A-Z][a-z]{2})'],
  ['MST', '([A-Z]{3,4}|[+-]\\d{4})'],
  ['2006', '(\\d{4})'],
  ['Z07:00', '(Z|[+-]\\d{2}:\\d{2})'],
  ['-07:00', '([+-]\\d{2}:\\d{2})'],
  ['Z0700', '(Z|[+-]\\d{4})'],
  ['-0700', '([+-]\\d{4})'],
  ['01', '(\\d{2})'],
  ['02', '(\\d{2})'],
  ['15', '(\\d{2})'],
  ['04', '(\\d{2})'],
  ['05', '(\\d{2})'],
  ['06', '(\\d{2})'],
  ['03', '(\\d{2})'],
  ['PM', '(AM|PM)'],
  ['1', '(\\d{1,2})'],
  ['2', '(\\d{1,2})'],
  ['3', '(\\d{1,2})'],
  ['4', '(\\d{1,2})'],
  ['5', '(\\d{1,2})'],
];

/**
 * Go's `time.Parse(layout, text)` for numeric layouts (the ones `.time.Parse` and sprig's `toDate`
 * meet: RFC 3339 and date/time patterns). Returns Go's error text for input that does not match.
 */
export function parseGoTime(layout: string, text: string): GoTime | { error: string } {
  const { fields, pattern } = compileLayout(layout);
  const match = pattern.exec(text);
  if (!match) return { error: parseError(layout, text) };
  return buildTime(new Map(fields.map((f, i) => [f, match[i + 1] ?? ''])), text);
}

interface CompiledLayout {
  readonly fields: readonly string[];
  readonly pattern: RegExp;
}

/** Layouts are few (RFC 3339 and a handful in templates); compiling each once keeps parsing cheap. */
const compiled = new Map<string, CompiledLayout>();

function compileLayout(layout: string): CompiledLayout {
  const cached = compiled.get(layout);
  if (cached) return cached;
  const fields: string[] = [];
  let pattern = '';
  for (let i = 0; i < layout.length;) {
    const element = PARSE_ELEMENTS.find(([e]) => layout.startsWith(e, i));
    if (element) {
      fields.push(element[0]);
      pattern += element[1];
      // A seconds element may carry a fraction even when the layout does not show one.
      if (element[0] === '05') pattern += '(\\.\\d+)?';
      if (element[0] === '05') fields.push('.frac');
      i += element[0].length;
    } else {
      pattern += (layout[i] ?? '').replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
      i += 1;
    }
  }
  const result = { fields, pattern: new RegExp(`^${pattern}$`) };
  if (compiled.size < 64) compiled.set(layout, result);
  return result;
}

function buildTime(values: ReadonlyMap<string, string>, text: string): GoTime | { error: string } {
  const num = (key: string, fallback: number): number =>
    values.has(key) && values.get(key) !== '' ? Number(values.get(key)) : fallback;
  const year = values.has('06')
    ? 2000 + num('06', 0) - (num('06', 0) >= 69 ? 100 : 0)
    : num('2006', 0);
  const monthName = values.get('January') ?? values.get('Jan');
  const month =
    monthName !== undefined
      ? MONTHS.findIndex((m) => m.startsWith(monthName)) + 1
      : num('01', num('1', 1));
  const day = num('02', num('2', 1));
  let hour = num('15', num('03', num('3', 0)));
  if (values.get('PM') === 'PM' && hour < 12) hour += 12;
  if (values.get('PM') === 'AM' && hour === 12) hour = 0;
  const minute = num('04', num('4', 0));
  const second = num('05', num('5', 0));
  const ms = Math.floor(Number(`0${values.get('.frac') ?? ''}`) * 1000);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return { error: `parsing time ${JSON.stringify(text)}: day out of range` };
  const zone = zoneOf(
    values.get('Z07:00') ?? values.get('-07:00') ?? values.get('Z0700') ?? values.get('-0700'),
  );
  const utc =
    new Date(0).setUTCFullYear(year, month - 1, day) +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    ms;
  return new GoTime(utc - zone.offsetSeconds * 1000, zone);
}

/** `.time.Parse`: RFC 3339, as argo-rollouts' notification vars define it. */
export function parseRfc3339(text: string): GoTime | { error: string } {
  return parseGoTime(RFC3339, text);
}

function zoneOf(offset: string | undefined): Zone {
  if (offset === undefined || offset === '' || offset === 'Z') return UTC;
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  const seconds = sign * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5)) * 60);
  return seconds === 0 ? UTC : { name: '', offsetSeconds: seconds };
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2) return leap ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Go's message names the first layout element the text failed at; this names the layout's first. */
function parseError(layout: string, text: string): string {
  const first = PARSE_ELEMENTS.find(([e]) => layout.startsWith(e))?.[0] ?? layout;
  return `parsing time ${JSON.stringify(text)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(text)} as ${JSON.stringify(first)}`;
}
