import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, PROJECT_ROOT } from '../src/config.js';
import { loadTrustFile } from '../src/adapters/trust-file/load-trust.js';

describe('Configuration', function () {
  it('when nothing is set, then the embedded defaults run locally on loopback port 3978 with the sample trust', function () {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.botCredentials, undefined);
    assert.equal(config.trustFile, path.join(PROJECT_ROOT, 'samples', 'trust.json'));
    assert.deepEqual(config.storage, {
      kind: 'lowdb',
      folder: path.join(PROJECT_ROOT, 'data', 'store'),
      legacyFile: path.join(PROJECT_ROOT, 'data', 'policy-desk.json'),
    });
  });

  it('when credentials are set, then all interfaces are served and the credentials are kept', function () {
    const config = loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'pw', PORT: '8080' });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.port, 8080);
    assert.equal(config.botCredentials?.appId, 'abc');
  });

  const broken: Array<[string, Record<string, string>, RegExp]> = [
    ['PORT is not a number', { PORT: 'eighty' }, /PORT \(environment variable\)/],
    ['PORT is out of range', { PORT: '70000' }, /PORT \(environment variable\)/],
    ['only the app id is set', { MicrosoftAppId: 'abc' }, /MicrosoftAppPassword \(environment variable\) is required when MicrosoftAppId is set/],
    ['only the password is set', { MicrosoftAppPassword: 'pw' }, /MicrosoftAppId \(environment variable\) is required/],
    ['single tenant lacks a tenant id', { MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId/],
    ['blob storage lacks a connection string', { STORAGE: 'blob' }, /AZURE_STORAGE_CONNECTION_STRING \(environment variable\) is required when STORAGE=blob/],
    ['the storage kind is unknown', { STORAGE: 'mongodb' }, /STORAGE \(environment variable\)/],
    ['the container name is invalid', { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'x', AZURE_STORAGE_CONTAINER: 'Bad_Name' }, /AZURE_STORAGE_CONTAINER/],
  ];
  for (const [when, env, message] of broken) {
    it(`when ${when}, then start-up stops with an error naming the key`, function () {
      assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && message.test(err.message));
    });
  }
});

describe('Trust file', function () {
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-trust-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  const sample = async () => JSON.parse(await readFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'), 'utf8'));
  const write = async (name: string, content: string) => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  };

  it('when the sample trust is loaded, then its two schools and the Playground users are there with their roles', async function () {
    const trust = await loadTrustFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'));
    assert.deepEqual(trust.data.schools.map((s) => s.name), ['Oakfield Primary School', 'Riverside Academy']);
    const alex = trust.findByAadObjectId('00000000-0000-0000-0000-0000000000020')!;
    assert.equal(alex.name, 'Alex Wilber');
    assert.deepEqual(trust.peopleWithRole('it_manager').map((p) => p.name), ['Megan Bowen']);
    assert.deepEqual(trust.peopleWithRole('slt', 'school-a').map((p) => p.name), ['Adele Vance', 'Isaiah Langer']);
    assert.deepEqual(trust.peopleWithRole('dpc').map((p) => p.name), ['Patti Fernandez']);
    assert.ok(!trust.peopleWithRole('slt', 'school-b').some((p) => p.name === 'Adele Vance'));
  });

  it('when the trust file is missing, then the error names TRUST_FILE and the path', async function () {
    const file = path.join(dir, 'nope.json');
    await assert.rejects(loadTrustFile(file), (err: Error) => err instanceof ConfigError && err.message.includes('TRUST_FILE') && err.message.includes(file));
  });

  it('when the trust file is not JSON, then the error says so with the file', async function () {
    const file = await write('broken.json', '{ "trust": ');
    await assert.rejects(loadTrustFile(file), (err: Error) => /TRUST_FILE \(.*broken.json\) is not valid JSON/.test(err.message));
  });

  it('when a person has a bad email and an unknown school, then each problem is named by its key', async function () {
    const data = await sample();
    data.people[1].email = 'not-an-email';
    data.people[2].roles[0].school = 'school-z';
    const file = await write('bad.json', JSON.stringify(data));
    await assert.rejects(loadTrustFile(file), (err: Error) => {
      assert.match(err.message, /people\[1\]\.email/);
      assert.match(err.message, /bad\.json/);
      assert.match(err.message, /people\[2\]\.roles\[0\]\.school: unknown school "school-z"/);
      return true;
    });
  });

  it('when two people share an Entra object id, then the duplicate is reported', async function () {
    const data = await sample();
    data.people[1].aadObjectId = data.people[0].aadObjectId;
    const file = await write('dup.json', JSON.stringify(data));
    await assert.rejects(loadTrustFile(file), /people\[1\]\.aadObjectId.*duplicate aadObjectId/);
  });

  it('when a role is not one of the known roles, then the error lists the key', async function () {
    const data = await sample();
    data.people[0].roles[0].role = 'janitor';
    const file = await write('role.json', JSON.stringify(data));
    await assert.rejects(loadTrustFile(file), /people\[0\]\.roles\[0\]\.role/);
  });
});
