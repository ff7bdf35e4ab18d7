import assert from 'node:assert/strict';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { softwareInstall } from '../../src/kinds/software-install/kind.js';
import type { ApprovalRequest } from '../../src/domain/requests/request.js';
import { clicks, dialogWorld, playTable, replyCard, says, type DialogWorld, kindDialog } from './dialog-support.js';

const flow = softwareInstall.name;
const form = (values: Record<string, unknown>) => clicks({ verb: 'flow-form', flow, step: 'form', flowAction: 'submit', ...values });
const summary = (flowAction: string) => clicks({ verb: 'flow-form', flow, step: 'summary', flowAction });
const valid = { software: 'Audacity', url: 'https://www.audacityteam.org', device: 'Classroom laptop', reason: 'Recording Year 9 podcasts' };

describe('The request form dialog for software-install (dialog tables)', function () {
  let world: DialogWorld;
  beforeEach(async () => (world = await dialogWorld()));
  afterEach(async () => world.stop());

  const stored = () => world.services.store.list<ApprovalRequest>('requests');

  it('when Alex fills in the form and confirms, then the request is stored for Megan and Alex sees its card with the policy clause', async function () {
    const client = await playTable(kindDialog(world, softwareInstall), { personId: 'alex-wilber', values: { software: 'Audacity' } }, [
      [
        says('start'),
        (reply) => {
          const card = replyCard(reply);
          const text = JSON.stringify(card);
          assert.match(text, /Request a software install/);
          assert.match(text, /send this to Megan Bowen/);
          assert.match(text, /4\.2 Software, hardware and removable media/);
          assert.match(text, /may only be installed on Trust equipment with the authorisation of the IT manager/);
          assert.match(text, /"value":"Audacity"/, 'the software named in chat is filled in');
        },
      ],
      [form(valid), /Check your software install request[\s\S]*Audacity[\s\S]*Recording Year 9 podcasts[\s\S]*It will go to Megan Bowen/],
      [
        summary('confirm'),
        /Sent to Megan Bowen[\s\S]*Software install request[\s\S]*Waiting for a decision from Megan Bowen[\s\S]*Why this needs approval: 4\.2[\s\S]*Cancel request/,
        /Megan Bowen \(meganb@example\.com\) hasn't opened Policy Desk in Teams yet/,
      ],
    ]);
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
    const [request] = await stored();
    assert.equal(request.kind, 'software');
    assert.equal(request.requesterId, 'alex-wilber');
    assert.deepEqual(request.approverIds, ['megan-bowen']);
    assert.equal(request.kind === 'software' && request.details.reason, 'Recording Year 9 podcasts');
    assert.equal(request.policyReference, '4.2');
  });

  it('when the form has problems, then it comes back with every problem listed and the typed values kept, and nothing is stored', async function () {
    const client = await playTable(kindDialog(world, softwareInstall), { personId: 'alex-wilber' }, [
      [says('start'), /Request a software install/],
      [
        form({ software: 'Audacity', url: 'audacity dot org', reason: '   ' }),
        (reply) => {
          const text = JSON.stringify(replyCard(reply));
          assert.match(text, /Please check:/);
          assert.match(text, /Please fill in why you need it\./);
          assert.match(text, /Please give the link as a full web address/);
          assert.match(text, /"value":"audacity dot org"/);
        },
      ],
    ]);
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.waiting);
    assert.equal((await stored()).length, 0);
  });

  it('when Alex asks to change the summary, then the form comes back filled in, and the second submission is what is stored', async function () {
    await playTable(kindDialog(world, softwareInstall), { personId: 'alex-wilber' }, [
      [says('start'), /Request a software install/],
      [form(valid), /Check your software install request/],
      [summary('change'), (reply) => assert.match(JSON.stringify(replyCard(reply)), /"value":"Recording Year 9 podcasts"/)],
      [form({ ...valid, software: 'Audacity 3.4' }), /Audacity 3\.4/],
      [summary('confirm'), /Sent to Megan Bowen/, /hasn't opened Policy Desk/],
    ]);
    const requests = await stored();
    assert.equal(requests.length, 1);
    assert.equal(requests[0].kind === 'software' && requests[0].details.software, 'Audacity 3.4');
  });

  it('when Alex types cancel at the form or presses Cancel on the summary, then the flow stops and nothing is stored', async function () {
    const typed = await playTable(kindDialog(world, softwareInstall), { personId: 'alex-wilber' }, [
      [says('start'), /Request a software install/],
      [says('cancel'), /OK, I've stopped\. Nothing was sent/],
    ]);
    assert.equal(typed.dialogTurnResult.status, DialogTurnStatus.complete);
    const pressed = await playTable(kindDialog(world, softwareInstall), { personId: 'alex-wilber' }, [
      [says('start'), /Request a software install/],
      [form(valid), /Check your software install request/],
      [summary('cancel'), /OK, I've stopped/],
    ]);
    assert.equal(pressed.dialogTurnResult.status, DialogTurnStatus.complete);
    assert.equal((await stored()).length, 0);
  });

  it('when Alex types help or something else mid-flow, or presses a card from another flow, then the flow explains and keeps waiting', async function () {
    const client = await playTable(kindDialog(world, softwareInstall), { personId: 'alex-wilber' }, [
      [says('start'), /Request a software install/],
      [says('help'), /Say which software you need and why[\s\S]*Type \*\*cancel\*\* to stop/],
      [says('what about Scratch?'), /Please fill in the card above and press its button, or type \*\*cancel\*\*/],
      [clicks({ verb: 'flow-form', flow: 'personal-device', step: 'form', flowAction: 'submit', device: 'x' }), /That card is from something you started earlier/],
      [form(valid), /Check your software install request/],
    ]);
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.waiting);
  });

  it('when someone not in the trust file starts the flow, then they are told and nothing is asked', async function () {
    const client = await playTable(kindDialog(world, softwareInstall), { personId: 'nobody' }, [
      [says('start'), /not in your trust's staff list/],
    ]);
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
  });
});
