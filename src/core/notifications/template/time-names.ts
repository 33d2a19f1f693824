/** A fixed time zone: Go's `UTC`, or the unnamed offset zone RFC 3339 parsing gives. */
export interface Zone {
  readonly name: string;
  readonly offsetSeconds: number;
}

export const UTC: Zone = { name: 'UTC', offsetSeconds: 0 };

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
