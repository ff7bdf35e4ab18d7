/**
 * The long version of the suite's seeded fuzz test (test/http/fuzz.test.ts), against the real
 * server over HTTP with lowdb on disk: several seeds of hostile inputs in a row on one bot, storms
 * of concurrent taps between them, then a flood from one person while another keeps talking.
 * Prints the figures and writes bench/fuzz-soak.results.md. Run with `npm run bench:fuzz`
 * (FUZZ_SEEDS, FUZZ_PER_SEED to change the size, FUZZ_FIRST_SEED to start later in the series).
 *
 * The bot runs without MicrosoftAppId, as offline, so the fuzzer's forged senders (someone else's
 * aadObjectId under a made-up Teams id) are accepted; with credentials they get 401. Each one that
 * came last for a real person re-points that person's stored chat, so proactive cards go elsewhere:
 * the soak counts those and has everyone say hi again before the storm, which measures duplicates.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LowdbStore } from '../src/adapters/storage/lowdb-store.js';
import { PROJECT_ROOT } from '../src/config.js';
import { SeededRandom } from '../test/support/activity-fuzzer.js';
import { startBot, type BotUnderTest } from '../test/support/bot-harness.js';
import { hostileFlows, runFuzz, tapStorm } from '../test/support/fuzz-run.js';
import { message, USERS, type TeamsUser } from '../test/support/teams-activities.js';

const SEEDS = Number(process.env.FUZZ_SEEDS ?? 4);
const FIRST_SEED = Number(process.env.FUZZ_FIRST_SEED ?? 20261201);
const PER_SEED = Number(process.env.FUZZ_PER_SEED ?? 1000);
const IN_FLIGHT = 8;
const TAPS = 10;

async function soak(): Promise<string[]> {
  const t = await startBot({ RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '1000000' });
  const crashes: unknown[] = [];
  process.on('unhandledRejection', (err) => crashes.push(err));
  process.on('uncaughtException', (err) => crashes.push(err));
  const everyone = [USERS.alex, USERS.megan, USERS.adele, USERS.isaiah, USERS.patti, USERS.lynne];
  for (const user of everyone) await t.post(message(user, 'hi', t.serviceUrl));

  const totals = { tried: 0, serverErrors: 0, unanswered: 0, liveMarkup: 0, byStatus: {} as Record<number, number> };
  const storms = { rounds: 0, incidents: 0, alerts: 0, requests: 0, approvalCards: 0 };
  let redirected = 0;
  const started = Date.now();
  for (let i = 0; i < SEEDS; i++) {
    const seed = FIRST_SEED + i;
    await hostileFlows(t, new SeededRandom(seed), seed);
    const figures = await runFuzz(t, seed, PER_SEED, IN_FLIGHT);
    totals.tried += figures.tried;
    totals.serverErrors += figures.serverErrors.length;
    totals.unanswered += figures.unanswered.length;
    totals.liveMarkup += figures.liveMarkup.length;
    for (const [status, n] of Object.entries(figures.byStatus)) totals.byStatus[Number(status)] = (totals.byStatus[Number(status)] ?? 0) + n;
    for (const problem of [...figures.serverErrors, ...figures.unanswered, ...figures.liveMarkup].slice(0, 5)) console.log(`  seed ${seed}: ${problem}`);
    const lost = await chatsNotTheirOwn(t, everyone);
    redirected += lost.length;
    if (lost.length) console.log(`  seed ${seed}: forged senders re-pointed the stored chat of ${lost.join(', ')}; they say hi again`);
    for (const user of everyone) await t.post(message(user, 'hi', t.serviceUrl));
    const storm = await tapStorm(t, USERS.alex, USERS.megan, TAPS);
    storms.rounds++;
    storms.incidents += storm.incidents;
    storms.alerts += storm.alertsToItManager;
    storms.requests += storm.requests;
    storms.approvalCards += storm.approvalCards;
    t.connector.clear();
    console.log(`seed ${seed}: ${figures.tried} inputs, ${JSON.stringify(figures.byStatus)}, storm ${JSON.stringify(storm)}`);
  }
  const seconds = (Date.now() - started) / 1000;
  await t.bot.services.store.flush();
  const reopened = await LowdbStore.open(path.join(t.dataDir, 'store'));
  const intact = `${(await reopened.list('requests')).length} requests, ${(await reopened.list('incidents')).length} incidents, ${(await reopened.readLog('audit')).length} audit entries`;
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  await t.stop();

  const duplicates = storms.incidents - storms.rounds + (storms.alerts - storms.rounds) + (storms.requests - storms.rounds) + (storms.approvalCards - storms.rounds);
  return [
    '## Soak: hostile inputs and tap storms on one bot',
    '',
    `${SEEDS} seeds × ${PER_SEED} inputs (seeds ${FIRST_SEED}…${FIRST_SEED + SEEDS - 1}), ${IN_FLIGHT} in flight; before each seed, three real flows with hostile text in every field others see; after each, a storm of ${TAPS} concurrent taps on a lost-device report's Send and on a software request's Send.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| inputs tried | ${totals.tried} (+ ${storms.rounds * TAPS * 2} storm taps) |`,
    `| HTTP statuses | ${Object.entries(totals.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ')} |`,
    `| 5xx | ${totals.serverErrors} |`,
    `| crashes (unhandled errors) | ${crashes.length} |`,
    `| accepted messages never answered (messages dropped) | ${totals.unanswered} |`,
    `| user text shown live on a card | ${totals.liveMarkup} |`,
    `| storms: incidents / alerts to the IT manager / requests / approval cards (one each per storm is right) | ${storms.incidents} / ${storms.alerts} / ${storms.requests} / ${storms.approvalCards} over ${storms.rounds} storms |`,
    `| duplicates | ${duplicates} |`,
    `| real people's stored chats re-pointed by a forged sender (accepted only without MicrosoftAppId) | ${redirected} over ${SEEDS} seeds |`,
    `| store reopened from disk | ${intact} |`,
    `| duration | ${seconds.toFixed(0)} s (${((seconds * 1000) / (totals.tried || 1)).toFixed(1)} ms an input) |`,
    `| bench process RSS at the end | ${rssMb} MB |`,
  ];
}

/** Names of the people whose stored 1:1 chat is no longer their own (a forged sender came last). */
async function chatsNotTheirOwn(t: BotUnderTest, people: readonly TeamsUser[]): Promise<string[]> {
  const lost: string[] = [];
  for (const user of people) {
    const known = await t.bot.services.directory.find(user.aadObjectId);
    if (known?.teamsUserId !== user.id) lost.push(`${user.name} (now ${known?.teamsUserId ?? 'none'})`);
  }
  return lost;
}

/** Latency of one person's plain messages, alone (`connections` 0) or while someone else floods. */
async function flood(limited: boolean, connections = 16): Promise<{ p50: number; p95: number; flood: Record<number, number>; slowDown: number }> {
  const env: Record<string, string> = limited ? {} : { RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_MINUTE: '1000000' };
  const t = await startBot(env);
  for (const user of [USERS.alex, USERS.adele]) await t.post(message(user, 'hi', t.serviceUrl));
  const flooder: TeamsUser = USERS.adele;
  const statuses: Record<number, number> = {};
  let flooding = true;
  const floodLoop = async () => {
    while (flooding) {
      const res = await t.post(message(flooder, 'what is the password policy?', t.serviceUrl), { followUp: false });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  };
  const floods = Array.from({ length: connections }, floodLoop);
  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    const res = await t.post(message(USERS.alex, 'can I install Audacity on my laptop?', t.serviceUrl), { followUp: false });
    if (res.status !== 200) throw new Error(`the quiet person got ${res.status}`);
    latencies.push(performance.now() - started);
  }
  flooding = false;
  await Promise.all(floods);
  const slowDown = t.connector.calls.filter((c) => c.conversationId === `a:personal-${flooder.id}` && /faster than I can keep up/.test(c.body.text ?? '')).length;
  await t.stop();
  latencies.sort((a, b) => a - b);
  return { p50: latencies[Math.floor(latencies.length * 0.5)], p95: latencies[Math.floor(latencies.length * 0.95)], flood: statuses, slowDown };
}

async function main(): Promise<void> {
  const lines = [
    '# Hostile input: fuzz soak and flood',
    '',
    `Date: ${new Date().toISOString()}  `,
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the start (shared with other work), Node ${process.version}`,
    '',
    ...(await soak()),
    '',
  ];
  const alone = await flood(true, 0);
  const quiet = await flood(false);
  const limited = await flood(true);
  lines.push(
    '## Flood: one person sends as fast as 16 connections allow while another asks 40 questions',
    '',
    '| rate limit | quiet person p50 | p95 | flooder\'s statuses | "slow down" replies to the flooder |',
    '|---|---|---|---|---|',
    `| nobody flooding | ${alone.p50.toFixed(0)} ms | ${alone.p95.toFixed(0)} ms | | |`,
    `| off | ${quiet.p50.toFixed(0)} ms | ${quiet.p95.toFixed(0)} ms | ${JSON.stringify(quiet.flood)} | ${quiet.slowDown} |`,
    `| on (default: burst 60, 120 a minute) | ${limited.p50.toFixed(0)} ms | ${limited.p95.toFixed(0)} ms | ${JSON.stringify(limited.flood)} | ${limited.slowDown} |`,
    '',
    'Past the limit a message gets 429 with Retry-After and is not taken (not acknowledged, so nothing acknowledged is lost); the flooder is told once until allowed again.',
    '',
  );
  const text = lines.join('\n');
  console.log(text);
  writeFileSync(path.join(PROJECT_ROOT, 'bench', 'fuzz-soak.results.md'), text);
  process.exit(0);
}

// The soak installs crash counters on uncaughtException, which would also swallow a failure of
// main() itself and leave the server holding the process open: report it and stop instead.
main().catch((err) => {
  console.error('fuzz soak failed:', err);
  process.exit(1);
});
