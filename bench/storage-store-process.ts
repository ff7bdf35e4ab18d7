/**
 * The store's own bench process (started by bench/storage.bench.ts, not run by hand): only the
 * store and the request service are loaded, so its RSS is the store's. Two modes:
 * - `open <folder>`: one start-up (opening the store and its indexes) in this fresh process;
 * - `measure <templates.json> <folder>...`: opens every folder at once and times one put, one
 *   audit append and "my requests" on each in turn.
 * Prints its figures as one JSON line on stdout.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LowdbStore } from '../src/adapters/storage/lowdb-store.js';
import { loadTrustFile } from '../src/adapters/trust-file/load-trust.js';
import { PROJECT_ROOT } from '../src/config.js';
import { RequestService } from '../src/domain/requests/request-service.js';
import { STORE_INDEXES } from '../src/domain/store-indexes.js';
import { alternate, STAFF, type StoreSamples, type Templates } from './storage-bench-support.js';

/** Samples of each operation per folder. */
const SAMPLES = 61;

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const rssTimer = setInterval(sampleRss, 10);

async function openOnce(folder: string): Promise<object> {
  const start = performance.now();
  const store = await LowdbStore.open(folder, { indexes: STORE_INDEXES });
  const ms = performance.now() - start;
  sampleRss();
  await store.close();
  return { ms, rss: peakRss };
}

async function measure(templatesFile: string, folders: string[]): Promise<object> {
  const t = JSON.parse(await readFile(templatesFile, 'utf8')) as Templates;
  const stores = await Promise.all(folders.map((folder) => LowdbStore.open(folder, { indexes: STORE_INDEXES })));
  const trust = await loadTrustFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'));
  const subjects = stores.map((store) => ({ store, requests: new RequestService({ store, trust }) }));
  const samples: StoreSamples[] = folders.map(() => ({ put: [], append: [], myRequests: [] }));
  const take = (key: keyof StoreSamples) => (n: number, ms: number) => samples[n][key].push(ms);
  await alternate(subjects, SAMPLES, take('put'), (s, i) => s.store.put('requests', randomUUID(), { ...t.request, id: `bench-${i}` }, null));
  await alternate(subjects, SAMPLES, take('append'), (s, i) => s.store.append('audit', { ...t.audit[0], id: randomUUID(), subjectId: `bench-${i}` }));
  await alternate(subjects, SAMPLES, take('myRequests'), (s, i) => s.requests.myRequests(`staff-${String((i * 37) % STAFF).padStart(4, '0')}`));
  for (const store of stores) await store.close();
  sampleRss();
  return { samples, peakRss };
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  const result = mode === 'open' ? await openOnce(args[0]) : await measure(args[0], args.slice(1));
  clearInterval(rssTimer);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
