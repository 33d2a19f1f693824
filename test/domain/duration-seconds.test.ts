import { describe, expect, it } from 'vitest';
import { parseDurationSeconds } from '../../src/domain/go-duration.js';

describe('parseDurationSeconds', () => {
  it.each<[number | string, number]>([
    [30, 30],
    [0, 0],
    [-5, -5],
    ['30', 30],
    ['+30', 30],
    ['-30', -30],
    ['30s', 30],
    ['1m', 60],
    ['1m30s', 90],
    ['1h', 3600],
    ['1.5h', 5400],
    ['.5m', 30],
    ['2h45m10s', 9910],
    ['500ms', 0], // truncated to whole seconds, as upstream's int32(d.Seconds())
    ['1500ms', 1],
    ['90000000us', 90],
    ['-5s', -5],
    ['0', 0],
  ])('%j is %i seconds', (input, seconds) => {
    expect(parseDurationSeconds(input)).toBe(seconds);
  });

  it.each<unknown>([
    '',
    'abc',
    '10x',
    '5 s',
    '1.5',
    's',
    '.s',
    '1d',
    '2147483648',
    1.5,
    Number.NaN,
    Infinity,
    2 ** 31,
    null,
    {},
    [],
    true,
  ])('%j cannot be read', (input) => {
    expect(parseDurationSeconds(input as string)).toBeUndefined();
  });
});
