import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';

/** Directory syncs queued (not started yet) and running, by directory. */
const queued = new Map<string, Promise<void>>();
const running = new Map<string, Promise<void>>();

/**
 * Flushes a directory's entries to disk, so that a file created, renamed or removed in it stays
 * so after a power cut (fsync on the file covers its content, not its name). Calls for the same
 * directory share one fsync: a call joins the sync queued for that directory, which starts once
 * the running one (begun before the caller's change, perhaps) has finished.
 */
export function syncDirectory(directory: string): Promise<void> {
  const waiting = queued.get(directory);
  if (waiting) return waiting;
  const sync = (running.get(directory) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => {
      queued.delete(directory);
      running.set(directory, sync);
      return fsyncDirectory(directory);
    })
    .finally(() => {
      if (running.get(directory) === sync) running.delete(directory);
    });
  queued.set(directory, sync);
  return sync;
}

/** `mkdir -p`, then syncs the parent of every directory it created, so the new folders survive a power cut too. */
export async function makeDirectory(directory: string, fsync = true): Promise<void> {
  const first = await mkdir(directory, { recursive: true });
  if (!fsync || first === undefined) return;
  for (let made = directory; ; made = path.dirname(made)) {
    await syncDirectory(path.dirname(made));
    if (made === first || path.dirname(made) === made) return;
  }
}

async function fsyncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open or flush a directory: there the rename is as durable as the platform makes it.
    if (process.platform !== 'win32') throw error;
  } finally {
    await handle?.close();
  }
}
