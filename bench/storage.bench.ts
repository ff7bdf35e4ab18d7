/**
 * Benchmark of the embedded store (issue 13): the cost of one put, one audit append, "my
 * requests" and a decision turn through the real server, and the start-up (store + indexes), at
 * 1,000 and at 100,000 stored requests (each with three audit entries, plus as many stored
 * questions), measured in one run so the ratios compare like with like. RSS is this process's
 * peak. Writes bench/storage-results.md. Run with `npm run bench:storage` (STORAGE_BENCH_SIZES=1000,10000
 * picks other sizes).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FolderWriter } from '../src/adapters/storage/legacy-migration.js';
import { LowdbStore } from '../src/adapters/storage/lowdb-store.js';
import { composeBot, type RunningBot } from '../src/compose.js';
import { loadConfig, PROJECT_ROOT } from '../src/config.js';
import type { QuestionRecord } from '../src/domain/questions/question-service.js';
import type { AuditEntry } from '../src/domain/requests/audit.js';
import type { ApprovalRequest } from '../src/domain/requests/request.js';
import { RequestService } from '../src/domain/requests/request-service.js';
import { STORE_INDEXES } from '../src/domain/store-indexes.js';
import { loadTrustFile } from '../src/adapters/trust-file/load-trust.js';
import { createLogger } from '../src/logger.js';
import { LoopbackConnector } from '../test/support/connector.js';
import { cardExecute, message, USERS } from '../test/support/teams-activities.js';

const SIZES = (process.env.STORAGE_BENCH_SIZES ?? '1000,100000').split(',').map(Number);
/** Staff raising requests: a trust of about a thousand people. */
const STAFF = 1000;
const SAMPLES = 31;
const DECISIONS = 21;

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function timed(times: number, operation: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await operation(i);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** A request and a question as the services write them: a decided software request, an answered question. */
interface Templates {
  request: ApprovalRequest;
  question: QuestionRecord;
  audit: AuditEntry[];
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
  startup: number;
  samples: Record<'put' | 'append' | 'myRequests' | 'decision', number[]>;
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
  return { size, dataDir, folder, startup: NaN, samples: { put: [], append: [], myRequests: [], decision: [] } };
}

/** Takes one sample from each subject in turn, so a change in the machine's load hits every size alike. */
async function alternate<C>(
  subjects: Subject[],
  contexts: C[],
  times: number,
  key: keyof Subject['samples'],
  operation: (c: C, i: number) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < times; i++) {
    const order = subjects.map((_, n) => n);
    for (const n of i % 2 ? order.reverse() : order) {
      const start = performance.now();
      await operation(contexts[n], i);
      subjects[n].samples[key].push(performance.now() - start);
    }
  }
}

/** Phase 1: the store and the request service alone, as the bot's process holds them. */
async function measureStore(subjects: Subject[], t: Templates): Promise<void> {
  for (const s of subjects) s.startup = await timed(5, async () => (await LowdbStore.open(s.folder, { indexes: STORE_INDEXES })).close());
  const stores = await Promise.all(subjects.map((s) => LowdbStore.open(s.folder, { indexes: STORE_INDEXES })));
  const trust = await loadTrustFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'));
  const services = stores.map((store) => ({ store, requests: new RequestService({ store, trust }) }));
  await alternate(subjects, services, SAMPLES, 'put', (c, i) => c.store.put('requests', randomUUID(), { ...t.request, id: `bench-${i}` }, null));
  await alternate(subjects, services, SAMPLES, 'append', (c, i) => c.store.append('audit', { ...t.audit[0], id: randomUUID(), subjectId: `bench-${i}` }));
  await alternate(subjects, services, SAMPLES, 'myRequests', (c, i) => c.requests.myRequests(`staff-${String((i * 37) % STAFF).padStart(4, '0')}`));
  for (const store of stores) await store.close();
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
    await alternate(subjects, bots, DECISIONS, 'decision', (b, i) =>
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
  let storePeakRss: number;
  let seedingPeakRss: number;
  try {
    for (const size of SIZES) {
      console.log(`preparing ${size} stored requests...`);
      subjects.push(await prepare(size, t));
    }
    // Seeding is the bench's own work, not the store's: the store's memory is measured from here.
    seedingPeakRss = peakRss;
    (globalThis as { gc?: () => void }).gc?.();
    peakRss = 0;
    await measureStore(subjects, t);
    storePeakRss = peakRss;
    peakRss = 0;
    console.log('decision turns through the real server...');
    await measureDecisions(subjects);
  } finally {
    for (const s of subjects) await rm(s.dataDir, { recursive: true, force: true });
  }
  clearInterval(rssTimer);
  const rows: Row[] = subjects.map((s) => ({
    size: s.size,
    startup: s.startup,
    put: median(s.samples.put),
    append: median(s.samples.append),
    myRequests: median(s.samples.myRequests),
    decision: median(s.samples.decision),
  }));
  const [small, large] = [rows[0], rows.at(-1)!];
  const ratio = (k: 'put' | 'append' | 'decision') => (large[k] / small[k]).toFixed(2);
  const lines = [
    '# Storage benchmark (embedded store)',
    '',
    `Date: ${new Date().toISOString()}  `,
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}  `,
    `Command: \`npm run bench:storage\` (bench/storage.bench.ts). All sizes are open at once and sampled in turn, so load on the machine falls on each alike; medians of ${SAMPLES} (decisions: ${DECISIONS}; start-up: 5).`,
    '',
    'Each size holds that many decided software requests (as the service writes them) spread over',
    `${STAFF} staff, three audit entries per request, and as many answered questions. A decision turn is`,
    "Megan's Approve (an Action.Execute invoke) through the real server over HTTP, including the",
    "follow-up notification to the requester. Start-up is opening the store and its indexes. Put, append",
    "and \"my requests\" (RequestService.myRequests) run on the store alone; the decision turns after them.",
    '',
    '| stored requests | start-up | one put | one audit append | "my requests" | decision turn |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.size.toLocaleString('en-GB')} | ${fmt(r.startup)} | ${fmt(r.put)} | ${fmt(r.append)} | ${fmt(r.myRequests)} | ${fmt(r.decision)} |`),
    '',
    `| ratio ${large.size.toLocaleString('en-GB')} / ${small.size.toLocaleString('en-GB')} | | ${ratio('put')}x | ${ratio('append')}x | | ${ratio('decision')}x |`,
    '|---|---|---|---|---|---|',
    '',
    `Peak RSS of this process while opening and measuring the stores (every size open at once, after a GC once seeding was done): ${Math.round(storePeakRss / 2 ** 20)} MB.`,
    `Peak RSS while the bench wrote the seed data (the bench's own work, before the stores were opened): ${Math.round(seedingPeakRss / 2 ** 20)} MB.`,
    `Peak RSS during the decision turns, with the bots' policy and language data loaded too (one bot per size): ${Math.round(peakRss / 2 ** 20)} MB.`,
    '',
    'Targets (issue 13): put, append and decision turn at 100,000 ≤ 1.2x the same at 1,000; "my',
    'requests" at 100,000 ≤ 10 ms median; start-up with 100,000 ≤ 2 s; RSS ≤ 200 MB.',
    '',
  ];
  await writeFile(path.join(PROJECT_ROOT, 'bench', 'storage-results.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
