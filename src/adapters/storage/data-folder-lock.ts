import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import os from 'node:os';

/** A second process found the data folder in use. Its message is one line, meant for the operator. */
export class DataFolderInUseError extends Error {
  constructor(folder: string, pid: number, host: string) {
    super(
      `the data folder ${folder} is in use by another Policy Desk process (pid ${pid} on ${host}); ` +
        'stop it first, or set STORAGE=blob (Azure Blob Storage) to run several instances',
    );
    this.name = 'DataFolderInUseError';
  }
}

interface LockRecord {
  pid: number;
  host: string;
  since: string;
}

/** Lock files held by this process, removed when it exits however it exits (short of kill -9). */
const held = new Set<string>();
let exitHookInstalled = false;

/**
 * Takes the data folder for this process: one writer per folder, because the store's indexes
 * live in the writer's memory. The lock file names the holder; a lock whose process is gone
 * (killed, crashed) is taken over, so a crash never leaves the folder stuck. This process may
 * take its own lock again (a store reopened in the same process). Returns the earlier holder's
 * pid when a dead process's lock was taken over, for the start-up log.
 */
export async function lockDataFolder(folder: string, lockFile: string): Promise<number | undefined> {
  const me: LockRecord = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryCreate(lockFile, me)) {
      remember(lockFile);
      return undefined;
    }
    const holder = await readHolder(lockFile);
    if (!holder) {
      // Being written or removed right now, or left empty by a process killed while writing it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (attempt >= 2 && !(await readHolder(lockFile))) await unlink(lockFile).catch(() => undefined);
      continue;
    }
    if (holder.pid === process.pid && holder.host === me.host) {
      remember(lockFile);
      return undefined;
    }
    if (holder.host !== me.host || isAlive(holder.pid)) throw new DataFolderInUseError(folder, holder.pid, holder.host);
    // The holder is gone. Remove its lock only if it is still that holder's, then race for it.
    const again = await readHolder(lockFile);
    if (again?.pid === holder.pid && again.since === holder.since) await unlink(lockFile).catch(() => undefined);
    if (!(await tryCreate(lockFile, me))) continue;
    remember(lockFile);
    return holder.pid;
  }
  throw new Error(`could not take the lock ${lockFile}: it keeps changing`);
}

/** Gives the folder back (on close). */
export async function unlockDataFolder(lockFile: string): Promise<void> {
  if (!held.delete(lockFile)) return;
  const holder = await readHolder(lockFile);
  if (holder?.pid === process.pid) await unlink(lockFile).catch(() => undefined);
}

async function tryCreate(lockFile: string, me: LockRecord): Promise<boolean> {
  try {
    const handle = await open(lockFile, 'wx');
    await handle.writeFile(JSON.stringify(me));
    await handle.sync();
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readHolder(lockFile: string): Promise<LockRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(lockFile, 'utf8')) as Partial<LockRecord>;
    return typeof record.pid === 'number' && typeof record.host === 'string'
      ? { pid: record.pid, host: record.host, since: String(record.since) }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function remember(lockFile: string): void {
  held.add(lockFile);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const file of held) {
      try {
        if ((JSON.parse(readFileSync(file, 'utf8')) as LockRecord).pid === process.pid) unlinkSync(file);
      } catch {
        // Already gone.
      }
    }
  });
}
