import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writePrivateFile } from '../../functions/private-file.js';

// `npm start` writes .rollouts/api-token with this (issue 15: a 0644 token file stayed 0644).
const dir = mkdtempSync(join(tmpdir(), 'private-file-'));
afterEach(() => rmSync(join(dir, 'token'), { force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;

describe('writePrivateFile', () => {
  it('creates the file 0600', async () => {
    await writePrivateFile(join(dir, 'token'), 'secret\n');
    expect(mode(join(dir, 'token'))).toBe(0o600);
    expect(readFileSync(join(dir, 'token'), 'utf8')).toBe('secret\n');
  });

  it.each([0o644, 0o666, 0o755, 0o400])(
    'makes an existing %o file 0600 and replaces its content',
    async (before) => {
      writeFileSync(join(dir, 'token'), 'an old, longer token\n', { mode: before });
      expect(mode(join(dir, 'token'))).toBe(before & ~process.umask());
      await writePrivateFile(join(dir, 'token'), 'new\n');
      expect(mode(join(dir, 'token'))).toBe(0o600);
      expect(readFileSync(join(dir, 'token'), 'utf8')).toBe('new\n');
    },
  );
});
