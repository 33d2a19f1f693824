import { describe, expect, it } from 'vitest';
import {
  runScript,
  type ScriptContext,
} from '../../../../src/devcluster/simulator/shell/run-script.js';

const START = Date.UTC(2026, 0, 1, 0, 0, 10); // an even second: 1767225610

function aContext(overrides: Partial<ScriptContext> = {}): ScriptContext {
  return { env: {}, positional: [], startedAt: START, randomSeed: 'default/job-a', ...overrides };
}

const exitOf = (script: string, overrides: Partial<ScriptContext> = {}) => {
  const outcome = runScript(script, aContext(overrides));
  return outcome.decided ? outcome.exitCode : `undecided: ${outcome.reason}`;
};

describe('runScript decides what sh -c would exit with', () => {
  it.each([
    ['exit 0', 0],
    ['exit 3', 3],
    ['exit 256', 0],
    ['exit 257', 1],
    ['exit', 0],
    ['false; exit', 1],
    ['exit abc', 2],
    ['true', 0],
    ['false', 1],
    [':', 0],
    ['', 0],
    ['# just a comment', 0],
    ['echo measuring && true', 0],
    ['echo measuring && false', 1],
    ['false || echo recovered', 0],
    ['true && false || exit 4', 4],
    ['false; true', 0],
    ['true; false', 1],
    ['! false', 0],
    ['! true', 1],
    ['exit $(( 7 % 4 ))', 3],
    ['exit $(( (2 + 3) * 4 - 20 / 5 ))', 16],
    ['exit $(( 3 > 2 && 1 != 1 ))', 0],
    ['exit $(( 5 >= 5 ? 9 : 8 ))', 9],
    ['exit $(( -1 ))', 2], // dash: exit: Illegal number: -1
    ['exit $(( 1 / 0 ))', 2],
    ['exit $(( 0 && 1 / 0 ))', 0], // the skipped branch is never evaluated
    ['exit $(( 1 || 1 / 0 ))', 1],
    ['exit $(( 1 ? 3 : 1 / 0 ))', 3],
    ['exit $(( 0 || 5 ))', 1],
    ['test 1 -eq 1', 0],
    ['test 1 -eq 2', 1],
    ['[ 3 -gt 2 ]', 0],
    ['[ 3 -gt 2', 2],
    ['[ a = a ] && [ b != c ]', 0],
    ['[ -z "" ]', 0],
    ['[ -n "" ]', 1],
    ['[ abc -lt 3 ]', 2],
    ['test', 1],
    ['test ! x', 1],
    ['[ "$(( 4 % 2 ))" -eq 0 ] || exit 1', 0],
    ['X=5; exit $X', 5],
    ['export X=6; exit ${X}', 6],
    ['exit ${MISSING:-7}', 7],
    ['exit $(( X + 1 ))', 1 + 41, { env: { X: '41' } }],
    ['exit "$CODE"', 9, { env: { CODE: '9' } }],
    ['exit $1', 5, { positional: ['sh', '5'] }],
    ['false\nexit 0', 0],
    ['set -e; false; exit 3', 1],
    ['set -e; false || true; exit 3', 3],
    ['echo hi > /dev/null 2>&1 && exit 6', 6],
    ['test $(( $(date +%s) % 2 )) -eq 0', 0],
    ['test $(( $(date +%s) % 2 )) -eq 0', 1, { startedAt: START + 1000 }],
    ['sleep 1; test $(( $(date +%s) % 2 )) -eq 0', 1],
  ] as Array<[string, number, Partial<ScriptContext>?]>)(
    '%j exits %s',
    (script, code, overrides) => {
      expect(exitOf(script, overrides)).toBe(code);
    },
  );

  it.each([
    ['curl -sf http://svc/health', 'command curl'],
    ['exit $FLIP', 'variable FLIP'],
    ['exit $(cat /tmp/code)', 'command substitution'],
    ['echo a | grep a', 'unsupported operator |'],
    ['if true; then exit 1; fi', 'compound command if'],
    ['sleep 5 &', 'unsupported operator &'],
    ['[ -f /tmp/ready ]', 'test -f'],
    ['exit `echo 1`', 'unsupported operator `'],
    ['ls *.txt', 'pathname expansion'],
  ])('%j is undecidable (%s)', (script, reason) => {
    expect(exitOf(script)).toContain(reason);
  });

  it('sums sleeps into the run time and advances date +%s by them', () => {
    expect(runScript('sleep 2; sleep 1.5s && exit 0', aContext())).toEqual({
      decided: true,
      exitCode: 0,
      runSeconds: 3.5,
    });
    expect(runScript('sleep 1m', aContext())).toMatchObject({ runSeconds: 60 });
  });

  it('draws $RANDOM from a sequence seeded by the Job: reproducible per name, varying across names', () => {
    const draw = (seed: string) =>
      exitOf('exit $(( ($RANDOM + $RANDOM * 3 + RANDOM * 7) % 256 ))', { randomSeed: seed });
    expect(draw('default/job-a')).toBe(draw('default/job-a'));
    expect(draw('default/job-a')).not.toBe(draw('default/job-b'));
    const outcomes = new Set(
      Array.from({ length: 20 }, (_, i) =>
        exitOf('exit $(( RANDOM % 2 ))', { randomSeed: `default/job-${i}` }),
      ),
    );
    expect(outcomes).toEqual(new Set([0, 1]));
    expect(exitOf('exit $(( $RANDOM < 32768 ))')).toBe(1);
  });
});
