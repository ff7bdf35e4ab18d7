import assert from 'node:assert/strict';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { personalDevice } from '../../src/kinds/personal-device/kind.js';
import type { ApprovalRequest } from '../../src/domain/requests/request.js';
import { clicks, dialogWorld, playTable, replyCard, says, type DialogWorld, kindDialog } from './dialog-support.js';

const flow = personalDevice.name;
const form = (values: Record<string, unknown>) => clicks({ verb: 'flow-form', flow, step: 'form', flowAction: 'submit', ...values });
const confirm = clicks({ verb: 'flow-form', flow, step: 'summary', flowAction: 'confirm' });
const valid = { device: 'My iPhone 13', accesses: 'School email and Teams', screenLock: 'true', encryption: 'true', updates: 'true' };

describe('The request form dialog for personal-device (dialog tables)', function () {
  let world: DialogWorld;
  beforeEach(async () => (world = await dialogWorld()));
  afterEach(async () => world.stop());

  it('when Alex declares a phone with all three confirmations, then the declaration goes to Megan quoting 6.2', async function () {
    const client = await playTable(kindDialog(world, personalDevice), { personId: 'alex-wilber', values: { device: 'My phone' } }, [
      [
        says('start'),
        (reply) => {
          const text = JSON.stringify(replyCard(reply));
          assert.match(text, /Declare a personal device/);
          assert.match(text, /6\.2 Personal devices/);
          assert.match(text, /"id":"screenLock"[\s\S]*"id":"encryption"[\s\S]*"id":"updates"/);
          assert.match(text, /"value":"My phone"/);
        },
      ],
      [form(valid), /My iPhone 13[\s\S]*School email and Teams[\s\S]*Screen lock and password or PIN[\s\S]*Confirmed/],
      [confirm, /Sent to Megan Bowen[\s\S]*Personal device declaration/, /hasn't opened Policy Desk/],
    ]);
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
    const [request] = await world.services.store.list<ApprovalRequest>('requests');
    assert.equal(request.kind, 'personal_device');
    assert.deepEqual(request.approverIds, ['megan-bowen']);
  });

  it('when a confirmation is not ticked, then the form names each missing one and nothing is stored', async function () {
    await playTable(kindDialog(world, personalDevice), { personId: 'alex-wilber' }, [
      [says('start'), /Declare a personal device/],
      [
        form({ ...valid, encryption: 'false', updates: undefined }),
        (reply) => {
          const text = JSON.stringify(replyCard(reply));
          assert.match(text, /Please confirm the device's storage is encrypted\./);
          assert.match(text, /Please confirm the device gets security updates/);
          assert.doesNotMatch(text, /Please confirm the device locks/);
        },
      ],
    ]);
    assert.equal((await world.services.store.list('requests')).length, 0);
  });
});
