import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LowdbStore } from '../../src/adapters/storage/lowdb-store.js';
import { PROJECT_ROOT } from '../../src/config.js';
import type { AuditEntry } from '../../src/domain/requests/audit.js';
import type { ApprovalRequest } from '../../src/domain/requests/request.js';
import { STORE_INDEXES } from '../../src/domain/store-indexes.js';
import { cardOf, LoopbackConnector } from '../support/connector.js';
import { freePort, runServer, type ServerProcess } from '../support/server-process.js';
import { cardSubmit, message, USERS, type TeamsUser } from '../support/teams-activities.js';

/** Staff who raise requests at once, each in their own chat, and Megan who approves software. */
const REQUESTERS = [USERS.alex, USERS.adele, USERS.patti, USERS.lynne];
const SUBMISSIONS_EACH = 50;
/** Confirmed submissions after which the server is killed: well inside the burst. */
const KILL_AFTER = 80;

describe('The embedded store under a crash, through the real server as its own process', function () {
  this.timeout(600_000);
  let dir: string;
  let connector: LoopbackConnector;
  let serviceUrl: string;
  const servers: ServerProcess[] = [];

  const start = async (extra: Record<string, string> = {}) => {
    const port = await freePort();
    const server = runServer({
      PORT: String(port),
      DATA_DIR: dir,
      POLICY_FILES: path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md'),
      LOG_LEVEL: 'warn',
      // The burst is the point here: no "slow down" replies in the way.
      RATE_LIMIT_BURST: '100000',
      ...extra,
    });
    servers.push(server);
    return { server, port };
  };
  const post = (port: number, activity: unknown) =>
    fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-crash-'));
    connector = new LoopbackConnector();
    serviceUrl = await connector.start();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) server.child.kill('SIGKILL');
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('when a second process starts on the same data folder, then it refuses in one line; once the first is killed (-9), a new one starts', async function () {
    const first = await start();
    await first.server.listening();
    const second = await start();
    assert.equal(await second.server.exited, 1);
    const refusal = second.server.output().trim().split('\n').filter((line) => !/DeprecationWarning|trace-deprecation/.test(line));
    assert.equal(refusal.length, 1, second.server.output());
    assert.match(refusal[0], new RegExp(`data folder .* is in use by another Policy Desk process \\(pid ${first.server.child.pid} `));
    assert.match(refusal[0], /STORAGE=blob/);
    assert.doesNotMatch(second.server.output(), /\n\s+at /);

    first.server.child.kill('SIGKILL');
    await first.server.exited;
    const third = await start();
    await third.server.listening();
    assert.match(third.server.output(), new RegExp(`process ${first.server.child.pid} stopped without closing the store`));
  });

  it('when the server is killed (-9) in the middle of 200 submissions, then after a restart every submission it confirmed is stored and audited', async function () {
    const { server, port } = await start();
    await server.listening();
    for (const user of [USERS.megan, ...REQUESTERS]) assert.equal((await post(port, message(user, 'hi', serviceUrl))).status, 200);

    const confirmed = new Map<string, string>(); // request id -> software name
    let killed = false;
    const submitAs = async (user: TeamsUser) => {
      const chat = `a:personal-${user.id}`;
      for (let n = 0; n < SUBMISSIONS_EACH && !killed; n++) {
        const software = `Tool ${user.name} ${n}`;
        const steps: Record<string, unknown>[] = [
          { verb: 'start-flow', flow: 'software' },
          { verb: 'flow-form', flow: 'software-install', step: 'form', flowAction: 'submit', software, url: '', device: 'Laptop', reason: 'Lessons' },
          { verb: 'flow-form', flow: 'software-install', step: 'summary', flowAction: 'confirm' },
        ];
        try {
          for (const step of steps) await post(port, cardSubmit(user, step, serviceUrl));
        } catch {
          return; // The server is gone: this submission was never confirmed.
        }
        const confirmation = connector.calls.find(
          (c) => c.conversationId === chat && /Sent to/.test(JSON.stringify(cardOf(c) ?? {})) && JSON.stringify(cardOf(c)).includes(software),
        );
        const id = confirmation && /"requestId":"([0-9a-f-]{36})"/.exec(JSON.stringify(cardOf(confirmation)))?.[1];
        if (id) confirmed.set(id, software);
        if (confirmed.size >= KILL_AFTER && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(REQUESTERS.map(submitAs));
    // Confirmations the connector received up to the kill count too, even if the HTTP reply never came.
    for (const call of connector.calls) {
      const card = JSON.stringify(cardOf(call) ?? {});
      const id = /Sent to/.test(card) && /"requestId":"([0-9a-f-]{36})"/.exec(card)?.[1];
      const software = /Tool [A-Za-z]+ [A-Za-z]+ \d+/.exec(card)?.[0];
      if (id && software) confirmed.set(id, software);
    }
    assert.ok(killed, `the burst ended before the kill (${confirmed.size} confirmed)`);
    await server.exited;
    assert.ok(confirmed.size >= KILL_AFTER && confirmed.size < REQUESTERS.length * SUBMISSIONS_EACH, `${confirmed.size} confirmed`);

    // The restarted server opens the folder (taking over the dead process's lock) and answers.
    const restarted = await start();
    await restarted.server.listening();
    const since = connector.calls.length;
    assert.equal((await post(restarted.port, message(USERS.alex, 'hi', serviceUrl))).status, 200);
    await connector.waitFor((c) => c.conversationId === `a:personal-${USERS.alex.id}`, since, 30_000);
    restarted.server.child.kill('SIGTERM');
    assert.equal(await restarted.server.exited, 0, restarted.server.output());

    const store = await LowdbStore.open(path.join(dir, 'store'), { indexes: STORE_INDEXES });
    try {
      const submitted = new Set<string>();
      for await (const entry of store.scanLog<AuditEntry>('audit')) if (entry.action === 'request.submitted') submitted.add(entry.subjectId);
      for (const [id, software] of confirmed) {
        const stored = await store.get<ApprovalRequest>('requests', id);
        assert.ok(stored, `confirmed request ${id} (${software}) is missing after the crash`);
        assert.equal(stored.value.kind === 'software' && stored.value.details.software, software);
        assert.ok(submitted.has(id), `confirmed request ${id} has no audit entry`);
      }
    } finally {
      await store.close();
    }
  });
});
