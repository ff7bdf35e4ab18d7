import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LowdbStore } from '../src/adapters/storage/lowdb-store.js';
import { PROJECT_ROOT } from '../src/config.js';
import { LoopbackConnector } from './support/connector.js';
import { freePort, runServer } from './support/server-process.js';
import { message, USERS } from './support/teams-activities.js';

const run = runServer;

describe('npm start (the built entry point as a process)', function () {
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-start-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  it('when the trust file is missing, then it exits 1 with one line naming TRUST_FILE and no stack trace', async function () {
    const proc = run({ TRUST_FILE: path.join(dir, 'missing.json'), DATA_DIR: dir });
    assert.equal(await proc.exited, 1);
    assert.match(proc.output(), /Configuration error: TRUST_FILE \(.*missing\.json\) does not exist/);
    assert.doesNotMatch(proc.output(), /\n\s+at /);
  });

  it('when the trust file lists a policy that is not there, then it exits 1 naming the policies key, the trust file and the policy', async function () {
    const trust = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'), 'utf8'));
    trust.policies = ['missing-policy.docx'];
    const trustFile = path.join(dir, 'trust.json');
    await writeFile(trustFile, JSON.stringify(trust));
    const proc = run({ TRUST_FILE: trustFile, DATA_DIR: dir });
    assert.equal(await proc.exited, 1);
    assert.match(proc.output(), /Configuration error: policies \(.*trust\.json\) lists a policy Policy Desk cannot use: .*missing-policy\.docx/);
    assert.doesNotMatch(proc.output(), /\n\s+at /);
  });

  it('when POLICY_FILES names an empty file, then it exits 1 naming POLICY_FILES', async function () {
    const empty = path.join(dir, 'empty.md');
    await writeFile(empty, '\n');
    const proc = run({ POLICY_FILES: empty, DATA_DIR: dir });
    assert.equal(await proc.exited, 1);
    assert.match(proc.output(), /POLICY_FILES \(environment variable\) lists a policy Policy Desk cannot use: .*empty\.md/);
  });

  it('when PORT is invalid, then it exits 1 naming PORT', async function () {
    const proc = run({ PORT: 'abc', DATA_DIR: dir });
    assert.equal(await proc.exited, 1);
    assert.match(proc.output(), /PORT \(environment variable\)/);
  });

  it('when started with defaults, it serves on loopback, and on SIGTERM it stops cleanly with storage on disk', async function () {
    // Start-up loads the language data; on a busy CI machine that can take a while.
    this.timeout(120_000);
    const connector = new LoopbackConnector();
    const serviceUrl = await connector.start();
    const port = await freePort();
    const proc = run({ PORT: String(port), DATA_DIR: dir, LOG_LEVEL: 'info' });
    try {
      await proc.listening();
      assert.match(proc.output(), /LOCAL DEVELOPMENT mode/);
      assert.match(proc.output(), /"host":"127\.0\.0\.1"/);
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message(USERS.alex, 'hi', serviceUrl)),
      });
      assert.equal(res.status, 200);
      await connector.waitFor(() => true);
      proc.child.kill('SIGTERM');
      assert.equal(await proc.exited, 0);
      assert.match(proc.output(), /stopped/);
      const store = await LowdbStore.open(path.join(dir, 'store'));
      assert.ok(await store.get('conversation-references', USERS.alex.aadObjectId!), "Alex's conversation reference was not saved");
      await store.close();
    } finally {
      proc.child.kill('SIGKILL');
      await connector.stop();
    }
  });
});
