import { DAYS, MONTHS, type Zone } from './time-names.js';

/** Layout elements of Go's reference time, longest first so that `2006` wins over `2`. */
const ELEMENTS = [
  'January',
  'Monday',
  'Jan',
  'Mon',
  'MST',
  '2006',
  'Z07:00:00',
  '-07:00:00',
  'Z07:00',
  '-07:00',
  'Z0700',
  '-0700',
  'Z07',
  '-07',
  '002',
  '__2',
  '_2',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '15',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Go's `Time.Format(layout)`, given the wall clock in `zone` (as a UTC `Date`). */
export function formatGoTime(wall: Date, zone: Zone, layout: string): string {
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth();
  const hour = wall.getUTCHours();
  const ms = wall.getUTCMilliseconds();
  const offset = zone.offsetSeconds;
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const fraction = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (fraction) {
      out += formatFraction(layout[i] ?? '.', fraction[1] ?? '', ms);
      i += fraction[0].length;
      continue;
    }
    const element = ELEMENTS.find((e) => layout.startsWith(e, i));
    if (element === undefined) {
      out += layout[i];
      i += 1;
      continue;
    }
    out += formatElement(element, wall, { year, month, hour, offset, zone: zone.name });
    i += element.length;
  }
  return out;
}

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly hour: number;
  readonly offset: number;
  readonly zone: string;
}

function formatElement(element: string, wall: Date, p: Parts): string {
  switch (element) {
    case 'January':
      return MONTHS[p.month] ?? '';
    case 'Jan':
      return (MONTHS[p.month] ?? '').slice(0, 3);
    case 'Monday':
      return DAYS[wall.getUTCDay()] ?? '';
    case 'Mon':
      return (DAYS[wall.getUTCDay()] ?? '').slice(0, 3);
    case 'MST':
      return p.zone !== '' ? p.zone : formatOffset(p.offset, false, false, false);
    case '2006':
      return pad(p.year, 4);
    case '06':
      return pad(p.year % 100, 2);
    case '01':
      return pad(p.month + 1, 2);
    case '1':
      return String(p.month + 1);
    case '02':
      return pad(wall.getUTCDate(), 2);
    case '2':
      return String(wall.getUTCDate());
    case '_2':
      return String(wall.getUTCDate()).padStart(2, ' ');
    case '002':
    case '__2': {
      const start = new Date(0).setUTCFullYear(p.year, 0, 1);
      const day = Math.floor((wall.getTime() - start) / 86_400_000) + 1;
      return element === '002' ? pad(day, 3) : String(day).padStart(3, ' ');
    }
    case '15':
      return pad(p.hour, 2);
    case '03':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, 2);
    case '3':
      return String(p.hour % 12 === 0 ? 12 : p.hour % 12);
    case '04':
      return pad(wall.getUTCMinutes(), 2);
    case '4':
      return String(wall.getUTCMinutes());
    case '05':
      return pad(wall.getUTCSeconds(), 2);
    case '5':
      return String(wall.getUTCSeconds());
    case 'PM':
      return p.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return p.hour >= 12 ? 'pm' : 'am';
    default:
      return formatZoneElement(element, p.offset);
  }
}

function formatZoneElement(element: string, offset: number): string {
  if (element.startsWith('Z') && offset === 0) return 'Z';
  const colon = element.includes(':');
  const seconds = element.endsWith(':00:00');
  const hoursOnly = element.endsWith('07');
  return formatOffset(offset, colon, hoursOnly, seconds);
}

function formatOffset(
  offset: number,
  colon: boolean,
  hoursOnly: boolean,
  seconds: boolean,
): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const h = pad(Math.floor(abs / 3600), 2);
  const m = pad(Math.floor((abs % 3600) / 60), 2);
  const s = pad(abs % 60, 2);
  if (hoursOnly) return `${sign}${h}`;
  const sep = colon ? ':' : '';
  return `${sign}${h}${sep}${m}${seconds ? `${sep}${s}` : ''}`;
}

/** `.000` prints exactly that many digits; `.999` trims trailing zeros and the dot when all are. */
function formatFraction(separator: string, digits: string, ms: number): string {
  const full = pad(ms, 3).padEnd(9, '0').slice(0, digits.length);
  if (digits.startsWith('0')) return separator + full;
  const trimmed = full.replace(/0+$/, '');
  return trimmed === '' ? '' : separator + trimmed;
}
