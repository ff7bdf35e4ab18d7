import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { syncDirectory } from './directory-sync.js';
import { LAYOUT } from './store-layout.js';

/** One value of the old single-file store: a document of a collection, or an entry of a log. */
type LegacyItem = { kind: 'document'; collection: string; id: string; version: string; value: unknown } | { kind: 'log'; log: string; entry: unknown };

/** Written last into a migrated folder: which old file it came from. */
const MARKER = 'migrated-from.json';
/** Files written at once while migrating. */
const WRITE_CONCURRENCY = 32;

/**
 * Moves today's single-file store (`policy-desk.json`: every collection and log in one JSON
 * document) into the folder layout, once, at start-up. It reads the old file as a stream, writes
 * into a staging folder that replaces the store folder only when complete (a crash midway starts
 * again), keeps versions (so open cards and turn state stay valid), reports progress, and keeps
 * the old file as a backup beside it. Does nothing when there is no old file.
 */
export async function migrateLegacyFile(legacyFile: string, folder: string, report: (message: string) => void): Promise<void> {
  const legacy = await stat(legacyFile).catch(() => undefined);
  if (!legacy) return;
  const fingerprint = { file: legacyFile, size: legacy.size, modified: legacy.mtimeMs };
  const done = await readFile(path.join(folder, MARKER), 'utf8').then((text) => JSON.parse(text) as typeof fingerprint, () => undefined);
  if (done?.size !== fingerprint.size || done.modified !== fingerprint.modified) {
    if (await stat(folder).catch(() => undefined)) {
      throw new Error(`both the old store file ${legacyFile} and the store folder ${folder} exist; move one of them away`);
    }
    await copyInto(legacyFile, legacy.size, `${folder}.migrating`, report);
    await writeFile(path.join(`${folder}.migrating`, MARKER), JSON.stringify(fingerprint));
    flushFileSystem();
    await rename(`${folder}.migrating`, folder);
    await syncDirectory(path.dirname(folder));
  }
  const backup = `${legacyFile}.pre-migration-${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
  await rename(legacyFile, backup);
  report(`the old store file was migrated and kept as ${backup}`);
}

/** Bulk writes into a folder nobody reads yet: no temporary files, one flush at the end. */
export class FolderWriter {
  private readonly pending = new Set<Promise<void>>();
  private readonly made = new Set<string>();
  private readonly logLines = new Map<string, string[]>();

  constructor(private readonly folder: string) {}

  async document(collection: string, id: string, version: string, value: unknown): Promise<void> {
    const dir = path.join(this.folder, LAYOUT.documents, encodeURIComponent(collection), LAYOUT.shard(id));
    if (!this.made.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.made.add(dir);
    }
    if (this.pending.size >= WRITE_CONCURRENCY) await Promise.race(this.pending);
    const write = writeFile(path.join(dir, LAYOUT.documentFile(id)), JSON.stringify({ id, version, value })).finally(() =>
      this.pending.delete(write),
    );
    this.pending.add(write);
  }

  /** Log entries are gathered per log in order, and written by `finish`, 10,000 lines at a time. */
  async logEntry(log: string, entry: unknown): Promise<void> {
    let lines = this.logLines.get(log);
    if (!lines) this.logLines.set(log, (lines = []));
    lines.push(JSON.stringify(entry));
    if (lines.length >= 10_000) await this.writeLog(log);
  }

  async finish(): Promise<void> {
    await Promise.all(this.pending);
    for (const log of this.logLines.keys()) await this.writeLog(log);
  }

  private async writeLog(log: string): Promise<void> {
    const lines = this.logLines.get(log) ?? [];
    this.logLines.set(log, []);
    await mkdir(path.join(this.folder, LAYOUT.logs), { recursive: true });
    await writeFile(path.join(this.folder, LAYOUT.logs, `${encodeURIComponent(log)}.jsonl`), lines.map((l) => `${l}\n`).join(''), { flag: 'a' });
  }
}

async function copyInto(legacyFile: string, size: number, staging: string, report: (message: string) => void): Promise<void> {
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  report(`migrating the old store file ${legacyFile} (${Math.round(size / 1024)} KB) into ${path.dirname(staging)}`);
  const writer = new FolderWriter(staging);
  let items = 0;
  let nextReport = 0.1;
  const progress = (bytesRead: number) => {
    if (size > 0 && bytesRead / size >= nextReport) {
      report(`migrating: ${Math.floor((bytesRead / size) * 100)}% read, ${items} documents and log entries written`);
      nextReport += 0.1;
    }
  };
  for await (const item of legacyItems(legacyFile, progress)) {
    items++;
    if (item.kind === 'document') await writer.document(item.collection, item.id, item.version, item.value);
    else await writer.logEntry(item.log, item.entry);
  }
  await writer.finish();
  report(`migration: ${items} documents and log entries written`);
}

/**
 * The old file's documents and log entries. lowdb wrote it indented by two spaces, where every
 * document and log entry starts and ends on a line indented by six, so it is read line by line
 * and only one value is held at a time. A file in any other shape is parsed whole.
 */
async function* legacyItems(file: string, progress: (bytesRead: number) => void): AsyncGenerator<LegacyItem> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let first = true;
  let section = '';
  let container = '';
  let buffer: string[] = [];
  let key: string | undefined;
  for await (const line of lines) {
    progress(stream.bytesRead);
    if (first) {
      first = false;
      if (line !== '{') {
        lines.close();
        stream.destroy();
        yield* wholeFileItems(file);
        return;
      }
      continue;
    }
    if (buffer.length > 0) {
      buffer.push(line);
      if (/^ {6}[\]}]/.test(line)) {
        yield toItem(section, container, key, JSON.parse(buffer.join('\n').replace(/,$/, '')));
        buffer = [];
      }
      continue;
    }
    const opening = /^ {2}"(collections|logs)": [{[]/.exec(line);
    if (opening) section = opening[1];
    const named = /^ {4}("(?:[^"\\]|\\.)*"): /.exec(line);
    if (named) container = JSON.parse(named[1]) as string;
    const entry = /^ {6}(?:("(?:[^"\\]|\\.)*"): )?(.*)$/.exec(line);
    if (!entry || /^ /.test(entry[2])) continue;
    key = entry[1] === undefined ? undefined : (JSON.parse(entry[1]) as string);
    const text = entry[2].replace(/,$/, '');
    if (/^[{[]$/.test(text)) buffer = [text];
    else yield toItem(section, container, key, JSON.parse(text));
  }
}

async function* wholeFileItems(file: string): AsyncGenerator<LegacyItem> {
  const data = JSON.parse(await readFile(file, 'utf8')) as {
    collections?: Record<string, Record<string, { value: unknown; version: string }>>;
    logs?: Record<string, unknown[]>;
  };
  for (const [collection, documents] of Object.entries(data.collections ?? {})) {
    for (const [id, document] of Object.entries(documents)) yield toItem('collections', collection, id, document);
  }
  for (const [log, entries] of Object.entries(data.logs ?? {})) for (const entry of entries) yield toItem('logs', log, undefined, entry);
}

function toItem(section: string, container: string, key: string | undefined, parsed: unknown): LegacyItem {
  if (section === 'logs') return { kind: 'log', log: container, entry: parsed };
  const document = parsed as { value: unknown; version: unknown };
  return { kind: 'document', collection: container, id: key!, version: String(document.version), value: document.value };
}

/** Everything written so far reaches the disk before the staging folder takes the store's place. */
function flushFileSystem(): void {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No `sync` command (Windows): the rename below is still atomic; only a power cut could undo it.
  }
}
