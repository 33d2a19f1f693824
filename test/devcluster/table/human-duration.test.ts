import { describe, expect, it } from 'vitest';
import { age, humanDuration } from '../../../src/devcluster/table/index.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  it.each([
    [-2001, '<invalid>'],
    [-2000, '<invalid>'],
    [-1999, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * s, '1s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 1 * s, '2m1s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 30 * s, '10m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 1 * m, '3h1m'],
    [7 * h + 59 * m + 59 * s, '7h59m'],
    [8 * h, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [49 * h, '2d1h'],
    [7 * d + 23 * h + 59 * m, '7d23h'],
    [8 * d, '8d'],
    [729 * d + 23 * h, '729d'],
    [730 * d, '2y'],
    [731 * d, '2y1d'],
    [(8 * 365 - 1) * d, '7y364d'],
    [8 * 365 * d, '8y'],
    [(10 * 365 + 5) * d, '10y'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('age', () => {
  const now = new Date('2024-06-01T12:00:00Z');
  it.each([
    [undefined, '<unknown>'],
    ['', '<unknown>'],
    ['yesterday', '<invalid>'],
    ['2024-06-01T11:58:30Z', '90s'],
    ['2024-06-01T11:58:30.123456Z', '89s'],
    ['2024-06-01T13:58:30+02:00', '90s'],
    ['2024-06-01T12:00:05Z', '<invalid>'],
    ['2024-05-30T12:00:00Z', '2d'],
  ])('%j is %s', (timestamp, text) => {
    expect(age(timestamp, now)).toBe(text);
  });
});
