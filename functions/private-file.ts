import { chmod, writeFile } from 'node:fs/promises';

/**
 * Writes a file only its owner can read or write (0600). `writeFile`'s `mode` applies only when
 * it creates the file, so a file that already existed (say 0644, or a read-only 0400) would keep
 * its mode: it is made 0600 first, then written.
 */
export async function writePrivateFile(path: string, content: string): Promise<void> {
  try {
    await chmod(path, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await writeFile(path, content, { mode: 0o600 });
}
