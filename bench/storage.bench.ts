/**
 * Benchmark of the embedded store (issue 13): start-up (opening the store and its indexes), one
 * put, one audit append and "my requests" at 1,000 and at 100,000 stored requests (each with three
 * audit entries, plus as many stored questions), then a decision turn through the real server, all
 * in one run so the ratios compare like with like. The store is measured in its own processes
 * (bench/storage-store-process.ts): each start-up in a fresh one, the operations in one that loads
 * only the store and the request service, whose peak RSS is the store's. Writes
 * bench/storage-results.md. Run with `npm run bench:storage` (STORAGE_BENCH_SIZES=1000,10000 picks
 * other sizes).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FolderWriter } from '../src/adapters/storage/legacy-migration.js';
import { LowdbStore } from '../src/adapters/storage/lowdb-store.js';
import { composeBot, type RunningBot } from '../src/compose.js';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import type { QuestionRecord } from '../src/domain/questions/question-service.js';
import type { AuditEntry } from '../src/domain/requests/audit.js';
import { RequestService } from '../src/domain/requests/request-service.js';
import { STORE_INDEXES } from '../src/domain/store-indexes.js';
import { loadTrustFile } from '../src/adapters/trust-file/load-trust.js';
import { createLogger } from '../src/logger.js';
import { LoopbackConnector } from '../test/support/connector.js';
import { cardExecute, message, USERS } from '../test/support/teams-activities.js';
import { median, writeSection } from './results-file.js';
import { alternate, STAFF, type StoreSamples, type Templates } from './storage-bench-support.js';

const SIZES = (process.env.STORAGE_BENCH_SIZES ?? '1000,100000').split(',').map(Number);
const DECISIONS = 41;
/** Start-ups per size, each in a fresh process. */
const STARTUPS = 5;
const STORE_PROCESS = fileURLToPath(new URL('./storage-store-process.js', import.meta.url));

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

/** Runs the store's own bench process and returns what it prints. */
async function storeProcess<R>(...args: string[]): Promise<R> {
  const { stdout } = await promisify(execFile)(process.execPath, [STORE_PROCESS, ...args], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as R;
}

async function templates(): Promise<Templates> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-bench-template-'));
  const store = await LowdbStore.open(path.join(dir, 'store'));
  const trust = await loadTrustFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'));
  const service = new RequestService({ store, trust });
  const { value } = await service.submitRequest(
    { personId: 'alex-wilber', conversationId: 'a:personal-user-id-0' },
    { kind: 'software', software: 'Audacity', url: 'https://www.audacityteam.org/download/', device: 'Classroom laptop 12', reason: 'Editing podcast recordings with Year 6 for the spring term project' },
  );
  const decided = (await service.decide({ personId: 'megan-bowen', conversationId: 'a:personal-user-id-1' }, { requestId: value.id, decision: 'approve', comment: 'Fine on the classroom laptops' })).value;
  const audit = await store.readLog<AuditEntry>('audit');
  await store.close();
  await rm(dir, { recursive: true, force: true });
  const passage = 'Staff must not install software on Trust equipment without the approval of the IT manager. Requests are made through the service desk and are checked for licensing and data protection before installation.';
  const question: QuestionRecord = {
    id: '', askedAt: '', askerId: '', text: 'can I install audacity on my school laptop for a podcast project?', answered: true, topic: 'software',
    passages: [{ section: '4.2', text: passage }, { section: '4.3', text: passage }], handoffRole: 'it_manager', feedback: { helpful: true, at: '' },
  };
  return { request: decided, question, audit: [...audit, { ...audit[0], action: 'request.viewed' }] };
}

/** Fills a store folder: `size` decided requests with their audit entries and `size` questions. */
async function seed(folder: string, size: number, t: Templates): Promise<void> {
  const writer = new FolderWriter(folder);
  const start = Date.parse('2024-01-01T08:00:00Z');
  for (let i = 0; i < size; i++) {
    const id = randomUUID();
    const at = new Date(start + i * 60_000).toISOString();
    const requesterId = `staff-${String(i % STAFF).padStart(4, '0')}`;
    await writer.document('requests', id, `seed-${i}`, { ...t.request, id, requesterId, createdAt: at, closedAt: at, status: i % 5 ? 'approved' : 'rejected' });
    for (const entry of t.audit) await writer.logEntry('audit', { ...entry, id: randomUUID(), at, subjectId: id });
    const qid = randomUUID();
    await writer.document('questions', qid, `seed-q${i}`, { ...t.question, id: qid, askedAt: at, askerId: requesterId, answered: i % 10 !== 0 });
  }
  await writer.finish();
}

interface Row {
  size: number;
  startup: number;
  startupMax: number;
  put: number;
  append: number;
  myRequests: number;
  decision: number;
}

/** One seeded data folder, measured first through the store and its services, then through the real bot. */
interface Subject {
  size: number;
  dataDir: string;
  folder: string;
  startup: number[];
  samples: StoreSamples & { decision: number[] };
}

async function prepare(size: number, t: Templates): Promise<Subject> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `policy-desk-bench-${size}-`));
  const folder = path.join(dataDir, 'store');
  let mark = performance.now();
  await seed(folder, size, t);
  console.log(`  ${size}: seeded in ${((performance.now() - mark) / 1000).toFixed(1)} s`);
  mark = performance.now();
  await (await LowdbStore.open(folder, { indexes: STORE_INDEXES })).close(); // builds the index journals once
  console.log(`  ${size}: indexes built from the documents in ${((performance.now() - mark) / 1000).toFixed(1)} s`);
  return { size, dataDir, folder, startup: [], samples: { put: [], append: [], myRequests: [], decision: [] } };
}

/**
 * Phase 1: the store alone, in its own processes. Start-ups alternate between the sizes, each in a
 * fresh process; then one process opens every size and times the operations. Returns that
 * process's peak RSS and the start-up processes' highest.
 */
async function measureStore(subjects: Subject[], t: Templates): Promise<{ measuring: number; startup: number }> {
  let startupRss = 0;
  for (let i = 0; i < STARTUPS; i++) {
    for (const s of i % 2 ? [...subjects].reverse() : subjects) {
      const { ms, rss } = await storeProcess<{ ms: number; rss: number }>('open', s.folder);
      s.startup.push(ms);
      startupRss = Math.max(startupRss, rss);
    }
  }
  const templatesFile = path.join(subjects[0].dataDir, 'templates.json');
  await writeFile(templatesFile, JSON.stringify(t));
  const measured = await storeProcess<{ samples: StoreSamples[]; peakRss: number }>('measure', templatesFile, ...subjects.map((s) => s.folder));
  subjects.forEach((s, n) => Object.assign(s.samples, measured.samples[n]));
  return { measuring: measured.peakRss, startup: startupRss };
}

/** Phase 2: decision turns through the real server over HTTP, every size's bot running at once. */
async function measureDecisions(subjects: Subject[]): Promise<void> {
  const bots: { bot: RunningBot; connector: LoopbackConnector; serviceUrl: string; pending: string[]; post(a: object): Promise<void> }[] = [];
  try {
    for (const s of subjects) {
      const connector = new LoopbackConnector();
      const serviceUrl = await connector.start();
      const config = loadConfig({ DATA_DIR: s.dataDir, PORT: '1', LOG_LEVEL: 'silent', POLICY_FILES: path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md') });
      const bot = await composeBot(config, createLogger(config.logLevel));
      const { port } = await bot.http.listen(0, '127.0.0.1');
      const post = async (activity: object) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        await res.text();
        await bot.services.followUp.idle();
      };
      bots.push({ bot, connector, serviceUrl, pending: [], post });
      for (const user of [USERS.alex, USERS.megan]) await post(message(user, 'hi', serviceUrl));
      for (let i = 0; i < DECISIONS; i++) {
        const { value } = await bot.services.requests.submitRequest({ personId: 'alex-wilber' }, { kind: 'software', software: `Tool ${i}`, reason: 'Lessons' });
        bots.at(-1)!.pending.push(value.id);
      }
    }
    await alternate(bots, DECISIONS, (n, ms) => subjects[n].samples.decision.push(ms), (b, i) =>
      b.post(cardExecute(USERS.megan, 'request-decide', { requestId: b.pending[i], decision: 'approve' }, b.serviceUrl)),
    );
    for (const b of bots) {
      const decided = await Promise.all(b.pending.map((id) => b.bot.services.requests.getRequest(id)));
      if (decided.some((r) => r.status !== 'approved')) throw new Error('a decision turn did not approve its request');
    }
  } finally {
    for (const b of bots) {
      await b.bot.stop();
      await b.connector.stop();
      await (b.bot.services.store as LowdbStore).close();
    }
  }
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

async function main(): Promise<void> {
  const t = await templates();
  const subjects: Subject[] = [];
  let storeRss: { measuring: number; startup: number };
  let seedingPeakRss: number;
  try {
    for (const size of SIZES) {
      console.log(`preparing ${size} stored requests...`);
      subjects.push(await prepare(size, t));
    }
    seedingPeakRss = peakRss;
    console.log('the store in its own processes...');
    storeRss = await measureStore(subjects, t);
    peakRss = 0;
    console.log('decision turns through the real server...');
    await measureDecisions(subjects);
  } finally {
    for (const s of subjects) await rm(s.dataDir, { recursive: true, force: true });
  }
  clearInterval(rssTimer);
  const rows: Row[] = subjects.map((s) => ({
    size: s.size,
    startup: median(s.startup),
    startupMax: Math.max(...s.startup),
    put: median(s.samples.put),
    append: median(s.samples.append),
    myRequests: median(s.samples.myRequests),
    decision: median(s.samples.decision),
  }));
  const [small, large] = [rows[0], rows.at(-1)!];
  const ratio = (k: 'put' | 'append' | 'decision') => (large[k] / small[k]).toFixed(2);
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
  const lines = [
    '# Storage benchmark (embedded store)',
    '',
    `Date: ${new Date().toISOString()}  `,
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}  `,
    `Command: \`npm run bench:storage\` (bench/storage.bench.ts and bench/storage-store-process.ts). All sizes are sampled in turn, so load on the machine falls on each alike; medians of ${subjects[0].samples.put.length} (decisions: ${DECISIONS}; start-ups: ${STARTUPS}).`,
    '',
    'Each size holds that many decided software requests (as the service writes them) spread over',
    `${STAFF} staff, three audit entries per request, and as many answered questions. Start-up is`,
    'opening the store and its indexes in a fresh process (files in the page cache, as after a restart).',
    'Put, append and "my requests" (RequestService.myRequests, every request of one person: about 100',
    "at 100,000) run in one process holding only the store and the request service, every size open at",
    "once. A decision turn is Megan's Approve (an Action.Execute invoke) through the real server over",
    'HTTP, including the follow-up notification to the requester, with every size\'s bot running.',
    '',
    '| stored requests | start-up (slowest) | one put | one audit append | "my requests" | decision turn |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en-GB')} | ${fmt(r.startup)} (${fmt(r.startupMax)}) | ${fmt(r.put)} | ${fmt(r.append)} | ${fmt(r.myRequests)} | ${fmt(r.decision)} |`,
    ),
    `| ratio ${large.size.toLocaleString('en-GB')} / ${small.size.toLocaleString('en-GB')} | | ${ratio('put')}x | ${ratio('append')}x | | ${ratio('decision')}x |`,
    '',
    `Peak RSS of the store's own bench process, every size open at once while it measured: ${mb(storeRss.measuring)}.`,
    `Highest peak RSS of a start-up process (one size opened in a fresh process): ${mb(storeRss.startup)}.`,
    `For comparison, not the store's: peak RSS of the bench process while it wrote the seed data, ${mb(seedingPeakRss)}; during the decision turns, with every size's bot and its policy and language data loaded, ${mb(peakRss)}.`,
    '',
    'Targets (issue 13): put, append and decision turn at 100,000 ≤ 1.2x the same at 1,000; "my',
    'requests" at 100,000 ≤ 10 ms median; start-up with 100,000 ≤ 2 s; RSS ≤ 200 MB.',
    '',
  ];
  await writeFile(path.join(PROJECT_ROOT, 'bench', 'storage-results.md'), lines.join('\n'));
  console.log(lines.join('\n'));
  recordSummary(large, storeRss.measuring);
}

/** A short section in bench/results.md pointing at the full results. */
function recordSummary(large: Row, rss: number): void {
  writeSection('storage', [
    '## Storage (`npm run bench:storage`)',
    '',
    `At ${large.size.toLocaleString('en-GB')} stored requests (with their audit entries and as many questions): start-up ${fmt(large.startup)}, one put ${fmt(large.put)}, "my requests" ${fmt(large.myRequests)}, peak RSS of the store's process ${Math.round(rss / 2 ** 20)} MB.`,
    'Every figure, the ratios to 1,000 and the machine: [storage-results.md](storage-results.md).',
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
