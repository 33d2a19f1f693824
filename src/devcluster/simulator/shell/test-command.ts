import { ShellExit, Undecidable } from './undecidable.js';

const INTEGER_OPS: Record<string, (a: bigint, b: bigint) => boolean> = {
  '-eq': (a, b) => a === b,
  '-ne': (a, b) => a !== b,
  '-lt': (a, b) => a < b,
  '-le': (a, b) => a <= b,
  '-gt': (a, b) => a > b,
  '-ge': (a, b) => a >= b,
};

const STRING_OPS: Record<string, (a: string, b: string) => boolean> = {
  '=': (a, b) => a === b,
  '==': (a, b) => a === b, // busybox and bash; analysis images are mostly busybox
  '!=': (a, b) => a !== b,
};

/** File tests need a filesystem the devcluster does not have. */
const FILE_OPS = new Set([
  '-b',
  '-c',
  '-d',
  '-e',
  '-f',
  '-g',
  '-h',
  '-L',
  '-p',
  '-r',
  '-S',
  '-s',
  '-t',
  '-u',
  '-w',
  '-x',
  '-nt',
  '-ot',
  '-ef',
]);

const status = (b: boolean) => (b ? 0 : 1);

function integer(text: string): bigint {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new ShellExit(2, `test: ${text}: bad number`);
  return BigInt(text.trim());
}

/**
 * `test` / `[ … ]` by POSIX's rules for 0–4 arguments (status 0 true, 1 false, 2 error): string
 * and integer comparisons, -n/-z, `!` and `( … )`. -a/-o and file tests are undecidable.
 */
export function evaluateTest(args: readonly string[]): number {
  try {
    return decide(args);
  } catch (e) {
    if (e instanceof ShellExit) return e.status;
    throw e;
  }
}

function decide(args: readonly string[]): number {
  if (args.some((a) => a === '-a' || a === '-o')) throw new Undecidable('test -a/-o');
  const [a = '', b = '', c = ''] = args;
  switch (args.length) {
    case 0:
      return 1;
    case 1:
      return status(a !== '');
    case 2:
      if (a === '!') return status(b === '');
      if (a === '-n') return status(b !== '');
      if (a === '-z') return status(b === '');
      if (FILE_OPS.has(a)) throw new Undecidable(`test ${a}`);
      return 2;
    case 3: {
      const str = STRING_OPS[b];
      if (str) return status(str(a, c));
      const int = INTEGER_OPS[b];
      if (int) return status(int(integer(a), integer(c)));
      if (FILE_OPS.has(b)) throw new Undecidable(`test ${b}`);
      if (a === '!') return negate(decide(args.slice(1)));
      if (a === '(' && c === ')') return decide([b]);
      return 2;
    }
    case 4:
      if (a === '!') return negate(decide(args.slice(1)));
      if (a === '(' && args[3] === ')') return decide(args.slice(1, 3));
      return 2;
    default:
      throw new Undecidable('test with more than 4 arguments');
  }
}

function negate(s: number): number {
  return s === 2 ? 2 : s === 0 ? 1 : 0;
}
