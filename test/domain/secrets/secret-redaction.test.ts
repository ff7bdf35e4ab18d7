import assert from 'node:assert/strict';
import { REDACTION_MARK, redactSecrets, redactSecretsDeep } from '../../../src/domain/secrets/secret-redaction.js';

// [what a person types, the secret that must go]
const SECRETS: Array<[string, string]> = [
  ['my password is Tr0ub4dor&3, can my TA use it?', 'Tr0ub4dor&3'],
  ['my password is fluffy can adele use it tomorrow', 'fluffy'],
  ['The password for SIMS is sunflower7', 'sunflower7'],
  ['pw: hunter2', 'hunter2'],
  ['pwd=Kestrel', 'Kestrel'],
  ["my login is jsmith and the password's 'blue horse'", 'blue horse'],
  ['I changed my password to Summer2024! yesterday', 'Summer2024!'],
  ['can you reset it, password Qwerty123', 'Qwerty123'],
  ['the wifi key is GreenTree88', 'GreenTree88'],
  ['my pin is 4821', '4821'],
  ['door code 7390 for the server room', '7390'],
  ['card 4111 1111 1111 1111 was in the bag', '4111 1111 1111 1111'],
  ['the api key AKia9XbQ2mZ7pLr4TtYw3sVd8N is in the doc', 'AKia9XbQ2mZ7pLr4TtYw3sVd8N'],
  ['use P@ssw0rd!23 for the lab machines', 'P@ssw0rd!23'],
];

// Messages about passwords that hold no secret: they must reach the answerer unchanged.
const CLEAN = [
  'can i use my dogs name as my password',
  'my password is expired what do i do',
  'my password is not working',
  'my password is the same as my home one, is that ok?',
  'how long does my password need to be? is 8 characters enough',
  'do I need a password to access SIMS',
  'can my TA use my login to take the register tomorrow?',
  'password rules for the MIS',
  'lost my laptop on the train at 10:30am, year7/8 books in it',
  'I need Office365 and Python 3.12 installed, version v2.3.1',
  'email me at alex.wilber@oakfield.example.org',
  'ring me on 07700 900123',
  'request 6f1c2b9e-0000-4000-8000-000000000099 status',
  'the crime reference is CR-2026-0042',
];

describe('Secret redaction (what staff type, before anything keeps it)', function () {
  for (const [text, secret] of SECRETS) {
    it(`when someone types "${text}", then "${secret}" is replaced and reported`, function () {
      const r = redactSecrets(text);
      assert.ok(!r.text.includes(secret), r.text);
      assert.ok(r.text.includes(REDACTION_MARK), r.text);
      assert.ok(r.found.length >= 1);
    });
  }

  for (const text of CLEAN) {
    it(`when someone types "${text}", then nothing is removed`, function () {
      const r = redactSecrets(text);
      assert.equal(r.text, text);
      assert.deepEqual(r.found, []);
    });
  }

  it('when a password-sharing form holds a lone letters-and-digits word, then it is taken for the password', function () {
    assert.equal(redactSecrets('Hunter22', { credentialContext: true }).text, REDACTION_MARK);
    assert.equal(redactSecrets('Hunter22').text, 'Hunter22');
    assert.equal(redactSecrets('Cover for year 6 trip', { credentialContext: true }).text, 'Cover for year 6 trip');
  });

  it('when a card payload is redacted deeply, then only its strings change and skipped keys stay', function () {
    const { value, found } = redactSecretsDeep(
      { verb: 'flowForm', requestId: 'r-1', reason: 'my password is Tr0ub4dor&3', nested: [{ note: 'pin: 1234' }], count: 3 },
      {},
      new Set(['verb', 'requestId']),
    );
    assert.deepEqual(value, { verb: 'flowForm', requestId: 'r-1', reason: `my password is ${REDACTION_MARK}`, nested: [{ note: `pin: ${REDACTION_MARK}` }], count: 3 });
    assert.deepEqual(found, ['password', 'pin']);
  });
});
