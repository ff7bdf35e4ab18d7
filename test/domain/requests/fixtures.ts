import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LowdbStore } from '../../../src/adapters/storage/lowdb-store.js';
import type { DocumentStore, IndexMatch, StoreIndex } from '../../../src/domain/ports.js';
import { VersionConflictError } from '../../../src/domain/ports.js';
import { STORE_INDEXES } from '../../../src/domain/store-indexes.js';
import type { TrustFile } from '../../../src/domain/trust/trust.js';
import { parseTrust, Trust } from '../../../src/domain/trust/trust.js';

/** The project root, from dist/test/domain/requests. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The bundled sample trust, optionally changed first (the JSON is a fresh copy each time). */
export async function sampleTrust(change?: (json: TrustFile) => void): Promise<Trust> {
  const json = JSON.parse(await readFile(path.join(projectRoot, 'samples/trust.json'), 'utf8'));
  change?.(json);
  return parseTrust(json);
}

/** A software install request as Alex would send it. */
export const softwareRequest = { kind: 'software', software: 'Audacity', reason: 'Editing podcast recordings with Year 6' };

/** A second IT manager, at School B only, for delegation tests (so not an approver for School A). */
export function withSecondItManager(json: TrustFile): void {
  json.people.push({
    id: 'kai-moore',
    name: 'Kai Moore',
    email: 'kai.moore@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000040',
    roles: [{ role: 'it_manager', school: 'school-b' }],
  });
}

/** A real LowdbStore (with the services' indexes) in a fresh temp directory; `reopen` simulates a restart on the same folder. */
export class TempStore {
  private constructor(
    readonly dir: string,
    readonly folder: string,
    public store: LowdbStore,
  ) {}

  static async create(): Promise<TempStore> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-requests-'));
    const folder = path.join(dir, 'store');
    return new TempStore(dir, folder, await LowdbStore.open(folder, { indexes: STORE_INDEXES }));
  }

  async reopen(): Promise<LowdbStore> {
    await this.store.flush();
    this.store = await LowdbStore.open(this.folder, { indexes: STORE_INDEXES });
    return this.store;
  }

  /** Every file the store wrote, as one text: to show what is (and is not) kept on disk. */
  async onDiskText(): Promise<string> {
    await this.store.flush();
    const files = (await readdir(this.folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    const texts = await Promise.all(files.map((entry) => readFile(path.join(entry.parentPath, entry.name), 'utf8')));
    return texts.join('\n');
  }

  async dispose(): Promise<void> {
    await this.store.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * The real store, counting the version conflicts it reports: lets a test show that two writers
 * really collided rather than happened to run one after the other.
 */
export class ConflictCountingStore implements DocumentStore {
  conflicts = 0;
  constructor(private readonly inner: DocumentStore) {}
  get<T>(collection: string, id: string) {
    return this.inner.get<T>(collection, id);
  }
  async put<T>(collection: string, id: string, value: T, expectedVersion?: string | null) {
    try {
      return await this.inner.put(collection, id, value, expectedVersion);
    } catch (error) {
      if (error instanceof VersionConflictError) this.conflicts++;
      throw error;
    }
  }
  delete(collection: string, id: string) {
    return this.inner.delete(collection, id);
  }
  list<T>(collection: string) {
    return this.inner.list<T>(collection);
  }
  find<T>(index: StoreIndex<T>, match: IndexMatch) {
    return this.inner.find<T>(index, match);
  }
  scan<T>(collection: string) {
    return this.inner.scan<T>(collection);
  }
  count(collection: string) {
    return this.inner.count(collection);
  }
  scanLog<T>(log: string) {
    return this.inner.scanLog<T>(log);
  }
  append<T>(log: string, entry: T) {
    return this.inner.append(log, entry);
  }
  readLog<T>(log: string) {
    return this.inner.readLog<T>(log);
  }
  flush() {
    return this.inner.flush();
  }
}

/** Awaits a promise that must reject, returning the error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** A minimal RFC 4180 parser, to read back exported CSV. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export const ALEX = 'alex-wilber';
export const MEGAN = 'megan-bowen';
export const ADELE = 'adele-vance';
export const ISAIAH = 'isaiah-langer';
export const PATTI = 'patti-fernandez';
export const LYNNE = 'lynne-robbins';
export const GRACE = 'grace-okafor';
export const TOM = 'tom-reed';
export const PRIYA = 'priya-shah';
export const JORDAN = 'jordan-ellis';
