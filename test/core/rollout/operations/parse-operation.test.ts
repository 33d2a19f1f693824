import { describe, expect, it } from 'vitest';
import { parseOperation } from '../../../../src/core/rollout/operations/index.js';

describe('parseOperation', () => {
  it.each([
    ['promote', 'promote'],
    ['Promote', 'promote'],
    ['  promote  ', 'promote'],
    ['promote --full', 'promoteFull'],
    ['PROMOTE   --FULL', 'promoteFull'],
    ['promote-full', 'promoteFull'],
    ['promoteFull', 'promoteFull'],
    ['abort', 'abort'],
    ['Retry', 'retry'],
    ['pause', 'pause'],
    ['resume', 'resume'],
    ['restart', 'restart'],
  ] as const)('%j is %s', (text, op) => {
    expect(parseOperation(text)).toBe(op);
  });

  it.each([
    '',
    'promote --fast',
    'promote full',
    'abort now',
    'restart --in 30s',
    'undo',
    'toString',
    'constructor',
    '--full',
  ])('%j is no operation', (text) => {
    expect(parseOperation(text)).toBeUndefined();
  });
});
