import { createReadStream } from 'node:fs';
import { open, stat, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from './directory-sync.js';
import { replaceFile } from './durable-json-file.js';

interface Waiting {
  /** A line to append, or a whole new content for the file. */
  text: string;
  replace?: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

/** Told about a damaged line (a write cut short by a crash); never stops a read. */
export type DamageReport = (message: string) => void;

/**
 * A JSON Lines file that only ever grows. Appends made while a write is under way are written
 * together and flushed to disk with one fsync (group commit), so each append costs the same
 * however long the file is, and an append resolves only once its line is on disk.
 */
export class AppendOnlyFile {
  private handle?: FileHandle;
  private waiting: Waiting[] = [];
  private writing?: Promise<void>;

  constructor(
    readonly file: string,
    private readonly fsync = true,
  ) {}

  /** Appends one line (the caller's JSON, without a line break). */
  append(line: string): Promise<void> {
    return this.enqueue(`${line}\n`, false);
  }

  /** Waits until every append made so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Replaces the whole file (compaction), after the appends already waiting; later appends follow it. */
  replace(lines: Iterable<string>): Promise<void> {
    let text = '';
    for (const line of lines) text += `${line}\n`;
    return this.enqueue(text, true);
  }

  async close(): Promise<void> {
    await this.flush();
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  private enqueue(text: string, replace: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ text, replace, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Writes what is waiting, in order: runs of appends as one write, a replacement on its own. */
  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const replacing = this.waiting[0].replace;
      const end = replacing ? 1 : this.waiting.findIndex((w) => w.replace);
      const batch = this.waiting.splice(0, end < 0 ? this.waiting.length : end);
      try {
        if (replacing) {
          const handle = this.handle;
          this.handle = undefined;
          await handle?.close();
          await replaceFile(this.file, batch[0].text, this.fsync);
        } else {
          if (!this.handle) {
            this.handle = await open(this.file, 'a');
            // The file may have just been created: its name must reach the disk as well as its lines.
            if (this.fsync) await syncDirectory(path.dirname(this.file));
          }
          await this.handle.writeFile(batch.map((w) => w.text).join(''), 'utf8');
          if (this.fsync) await this.handle.datasync();
        }
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.writing = undefined;
  }
}

/**
 * Cuts a last line that a crash left without its line break (it was never acknowledged: an
 * append resolves only after its whole line is on disk), keeping the cut bytes beside the file
 * for inspection. Returns what was done, for the start-up log; undefined when the file was whole.
 */
export async function repairTornTail(file: string): Promise<string | undefined> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (size === 0) return undefined;
  const handle = await open(file, 'r');
  try {
    const tailLength = Math.min(size, 64 * 1024);
    let buffer = Buffer.alloc(tailLength);
    await handle.read(buffer, 0, tailLength, size - tailLength);
    if (buffer[tailLength - 1] === 0x0a) return undefined;
    let lastBreak = buffer.lastIndexOf(0x0a);
    // A torn line longer than the window: read the whole file to find the last line break.
    if (lastBreak < 0 && tailLength < size) {
      buffer = Buffer.alloc(size);
      await handle.read(buffer, 0, size, 0);
      lastBreak = buffer.lastIndexOf(0x0a);
    }
    const keep = lastBreak < 0 ? 0 : size - buffer.length + lastBreak + 1;
    await writeFile(`${file}.torn-${Date.now()}`, buffer.subarray(buffer.length - (size - keep)));
    await truncate(file, keep);
    return `${file}: the last line was cut short by a crash (${size - keep} bytes, never acknowledged); set aside and removed`;
  } finally {
    await handle.close();
  }
}

/**
 * The parsed lines of a JSON Lines file, oldest first, read as a stream in large chunks. A line
 * that is not valid JSON is reported and skipped, never fatal. A missing file has no lines.
 */
export async function* readJsonLines<T>(file: string, report?: DamageReport): AsyncGenerator<T> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let number = 0;
  const parse = (line: string): T | undefined => {
    number++;
    if (line === '') return undefined;
    try {
      return JSON.parse(line) as T;
    } catch {
      report?.(`${file}: line ${number} is damaged and was skipped`);
      return undefined;
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const value = parse(line);
        if (value !== undefined) yield value;
      }
    }
    const last = parse(rest);
    if (last !== undefined) yield last;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    stream.destroy();
  }
}
