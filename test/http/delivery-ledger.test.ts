import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../src/http/hooks/index.js';

const WINDOW = 300;
const T = 1_750_000_000;

describe('DeliveryLedger', () => {
  it('admits an id once, then calls it seen', () => {
    const ledger = new DeliveryLedger(WINDOW, 10);
    expect(ledger.admit('a', T, T)).toBe('new');
    expect(ledger.admit('a', T, T + 10)).toBe('seen');
  });

  it('forgets a released id', () => {
    const ledger = new DeliveryLedger(WINDOW, 10);
    ledger.admit('a', T, T);
    ledger.release('a');
    expect(ledger.admit('a', T, T)).toBe('new');
  });

  it('drops ids that left the window before forgetting live ones', () => {
    const ledger = new DeliveryLedger(WINDOW, 2);
    ledger.admit('old', T, T);
    ledger.admit('live', T + 200, T + 200);
    expect(ledger.admit('next', T + 301, T + 301)).toBe('new');
    expect(ledger.admit('live', T + 200, T + 301)).toBe('seen');
    expect(ledger.size).toBe(2);
  });

  it('at capacity forgets the oldest and refuses anything stamped at or before it', () => {
    const ledger = new DeliveryLedger(WINDOW, 2);
    ledger.admit('a', T, T);
    ledger.admit('b', T + 1, T + 1);
    expect(ledger.admit('c', T + 2, T + 2)).toBe('new');
    expect(ledger.admit('a', T, T + 2)).toBe('crowded');
    expect(ledger.admit('d', T, T + 2)).toBe('crowded');
    expect(ledger.admit('e', T + 3, T + 3)).toBe('new');
  });

  // A replay repeats the signed timestamp with the id; only the secret holder can pair an id with a new
  // timestamp, so past capacity the guarantee is about (id, timestamp) pairs.
  it('never holds more than its capacity and never admits a replay within the window', () => {
    const op = fc.record({
      id: fc.constantFrom(...'abcdefghijklmnop'),
      age: fc.integer({ min: 0, max: WINDOW }),
      tick: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(op, { maxLength: 200 }),
        (capacity, ops) => {
          const ledger = new DeliveryLedger(WINDOW, capacity);
          const admitted = new Set<string>();
          let now = T;
          for (const { id, age, tick } of ops) {
            now += tick;
            const ts = now - age;
            const verdict = ledger.admit(id, ts, now);
            expect(ledger.size).toBeLessThanOrEqual(capacity);
            // The hook refuses timestamps outside the window before asking the ledger, so every admit here is in it.
            if (verdict === 'new') expect(admitted.has(`${id}@${ts}`)).toBe(false);
            if (verdict === 'new') admitted.add(`${id}@${ts}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
