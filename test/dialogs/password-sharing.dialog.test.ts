import assert from 'node:assert/strict';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { passwordSharing } from '../../src/kinds/password-sharing/kind.js';
import type { ApprovalRequest } from '../../src/domain/requests/request.js';
import { clicks, dialogWorld, inputIds, playTable, replyCard, says, type DialogWorld, kindDialog } from './dialog-support.js';

const flow = passwordSharing.name;
const form = (values: Record<string, unknown>) => clicks({ verb: 'flow-form', flow, step: 'form', flowAction: 'submit', ...values });
const confirm = clicks({ verb: 'flow-form', flow, step: 'summary', flowAction: 'confirm' });
const valid = {
  sharedWithPersonId: 'lynne-robbins',
  sharedWithName: '',
  system: 'Arbor',
  reason: 'Taking the register while I am on a course',
  from: '2025-03-10',
  until: '2025-03-12',
  // A forged extra field must never be stored.
  password: 'hunter2',
};

/** A policy written for this test that forbids sharing outright, with no authorisation route. */
const FORBIDDING_POLICY = `# Test Trust Information Security Policy

## 3 Passwords

3.1 Keep your password to yourself.

3.2 Passwords must never be shared with anyone, for any reason.

## 4 Software

4.2 Software may only be installed with the approval of the IT manager.
`;

describe('The request form dialog for password-sharing (dialog tables)', function () {
  let world: DialogWorld | undefined;
  afterEach(async () => world?.stop());

  it('when Alex asks to share with a colleague, then the form offers school-a colleagues and no password box, and the request goes to school-a SLT', async function () {
    world = await dialogWorld();
    const client = await playTable(kindDialog(world, passwordSharing), { personId: 'alex-wilber' }, [
      [
        says('start'),
        (reply) => {
          const card = replyCard(reply);
          const text = JSON.stringify(card);
          assert.match(text, /send this to Adele Vance or Isaiah Langer/);
          assert.match(text, /3\.4 Accounts and passwords/);
          assert.match(text, /"title":"Lynne Robbins","value":"lynne-robbins"/);
          assert.match(text, /"title":"Adele Vance"/);
          assert.doesNotMatch(text, /Grace Okafor|Tom Reed|"title":"Alex Wilber"/, 'only colleagues at Alex\'s school, not Alex');
          assert.deepEqual(inputIds(card).sort(), ['from', 'reason', 'sharedWithName', 'sharedWithPersonId', 'system', 'until']);
          assert.doesNotMatch(text, /"style":"password"/);
        },
      ],
      [form(valid), /Will be used by[\s\S]*Lynne Robbins[\s\S]*Arbor[\s\S]*10 Mar 2025[\s\S]*12 Mar 2025 \(then you must change your password\)/],
      [confirm, /Sent to Adele Vance and Isaiah Langer/, /haven't opened Policy Desk/],
    ]);
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
    const [request] = await world.services.store.list<ApprovalRequest>('requests');
    assert.equal(request.kind, 'password_sharing');
    assert.deepEqual([...request.approverIds].sort(), ['adele-vance', 'isaiah-langer']);
    assert.equal(request.kind === 'password_sharing' && request.details.sharedWithName, 'Lynne Robbins');
    assert.doesNotMatch(JSON.stringify(request), /hunter2|password"/);
  });

  it('when the dates are back to front or nobody is named, then the form lists both problems', async function () {
    world = await dialogWorld();
    await playTable(kindDialog(world, passwordSharing), { personId: 'alex-wilber' }, [
      [says('start'), /Ask to share your password/],
      [
        form({ ...valid, sharedWithPersonId: '', from: '2025-03-12', until: '2025-03-10' }),
        /Please say who will use the account\.[\s\S]*The last day of sharing must be on or after the first day\./,
      ],
    ]);
    assert.equal((await world.services.store.list('requests')).length, 0);
  });

  it('when the sharing ended before today, then the domain refuses at submit and the form says why', async function () {
    world = await dialogWorld();
    await playTable(kindDialog(world, passwordSharing), { personId: 'alex-wilber' }, [
      [says('start'), /Ask to share your password/],
      [form({ ...valid, from: '2025-02-01', until: '2025-02-02' }), /Check your password-sharing authorisation/],
      [confirm, /The last day of sharing is already in the past\./],
    ]);
    assert.equal((await world.services.store.list('requests')).length, 0);
  });

  it('when the policy forbids sharing outright, then the flow refuses, quotes the clause and offers no form', async function () {
    world = await dialogWorld({ policyText: FORBIDDING_POLICY });
    const client = await playTable(kindDialog(world, passwordSharing), { personId: 'alex-wilber' }, [
      [
        says('start'),
        (reply) => {
          const card = replyCard(reply);
          const text = JSON.stringify(card);
          assert.match(text, /Password-sharing authorisations aren't allowed/);
          assert.match(text, /Passwords must never be shared with anyone, for any reason\./);
          assert.match(text, /3\.2 Passwords/);
          assert.deepEqual(inputIds(card), [], 'no form, no request offered');
          assert.doesNotMatch(text, /Action\.Submit|Action\.Execute/);
        },
      ],
    ]);
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
  });

  it("when Alex's school turns password sharing off in the trust file, then the flow refuses quoting the trust's clause", async function () {
    world = await dialogWorld({
      trustChange: (trust) => {
        trust.schools[0].routing = { password_sharing: { enabled: false, approverRole: 'slt', policyReference: '3.4' } };
      },
    });
    await playTable(kindDialog(world, passwordSharing), { personId: 'alex-wilber' }, [
      [says('start'), /Password-sharing authorisations aren't allowed[\s\S]*3\.4 Accounts and passwords[\s\S]*Passwords must not be shared/],
    ]);
    assert.equal((await world.services.store.list('requests')).length, 0);
  });
});
