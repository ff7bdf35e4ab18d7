import { readFileSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { syncDirectory } from './directory-sync.js';

let temporaryCounter = 0;

/**
 * Replaces a file's content all at once: the text goes to a temporary file of its own (so two
 * writers never share one), is flushed to disk when `fsync` is on, then renamed over the file,
 * and the rename flushed too (the folder's entry). A crash at any point leaves either the old
 * file or the new one, never half of either. With `renameAfter`, the rename waits for it (and
 * does not happen if it fails), so the text can be flushed while something else that must come
 * first is, rather than after it.
 */
export async function replaceFile(file: string, text: string, fsync = true, renameAfter?: Promise<unknown>): Promise<void> {
  const temporary = `${file}.${process.pid}-${temporaryCounter++}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    if (fsync) await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  } finally {
    // close() twice is harmless: the first call wins.
    await handle.close().catch(() => undefined);
  }
  try {
    await renameAfter;
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await rename(temporary, file);
  if (fsync) await syncDirectory(path.dirname(file));
}

/** A small JSON file's content read at once (see `readInBatches` for why synchronously), or null if there is no such file. */
export function readJsonFileNow<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Names of the temporary files `replaceFile` leaves behind when a process dies mid-write. */
export function isTemporaryFile(name: string): boolean {
  return name.endsWith('.tmp');
}

/**
 * A lowdb adapter for one small JSON document, written with `replaceFile` (lowdb's own JSONFile
 * shares one temporary file name between writers and never fsyncs).
 */
export class DurableJsonFile<T> implements Adapter<T> {
  /** `renameAfter`: see `replaceFile`. */
  constructor(
    private readonly file: string,
    private readonly fsync = true,
    private readonly renameAfter?: Promise<unknown>,
  ) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  write(data: T): Promise<void> {
    return replaceFile(this.file, JSON.stringify(data), this.fsync, this.renameAfter);
  }
}
