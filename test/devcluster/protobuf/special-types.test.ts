import { describe, expect, it } from 'vitest';
import { formatGoDuration } from '../../../src/domain/go-duration.js';
import { decodeSpecial } from '../../../src/devcluster/protobuf/special-types.js';
import { concat, int } from './wire-encoder.js';

describe('formatGoDuration matches Go time.Duration.String()', () => {
  it.each([
    [0n, '0s'],
    [1n, '1ns'],
    [999n, '999ns'],
    [1_500n, '1.5µs'],
    [1_500_000n, '1.5ms'],
    [250_000_000n, '250ms'],
    [1_000_000_000n, '1s'],
    [1_500_000_000n, '1.5s'],
    [90_000_000_000n, '1m30s'],
    [600_000_000_000n, '10m0s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_661_500_000_000n, '1h1m1.5s'],
    [100_000_000_001n, '1m40.000000001s'],
    [-5_000_000_000n, '-5s'],
  ])('%s ns is %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });
});

describe('decodeSpecial', () => {
  it('Duration decodes metav1.Duration{duration (ns)}', () => {
    expect(decodeSpecial('Duration', concat(int(1, 90_000_000_000n)))).toBe('1m30s');
    expect(decodeSpecial('Duration', new Uint8Array(0))).toBe('0s');
  });

  it('Quantity without its string is zero', () => {
    expect(decodeSpecial('Quantity', new Uint8Array(0))).toBe('0');
  });
});
