import assert from 'node:assert/strict';
import { MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { LostDeviceDialog, LOST_DEVICE_FLOW } from '../../dialogs/lost-device.dialog.js';
import { flowCardData, isFlowInterruption } from '../../dialogs/flow-base.dialog.js';
import { cardAttachment } from '../../src/adapters/teams/card-renderer.js';
import { DialogRunner } from '../../src/adapters/teams/dialog-runner.js';
import type { Incident } from '../../src/domain/incidents/incident.js';
import { INCIDENTS } from '../../src/domain/incidents/incident.js';
import { recogniseIncidentIntent } from '../../src/domain/incidents/incident-intent.js';
import { IncidentService } from '../../src/domain/incidents/incident-service.js';
import type { Trust } from '../../src/domain/trust/trust.js';
import { assertValidTeamsCard } from '../support/card-checks.js';
import { cardText } from '../support/connector.js';
import { FakeClock } from '../support/fake-clock.js';
import { ALEX, sampleTrust, TempStore } from '../domain/requests/fixtures.js';

type Reply = Partial<Activity>;

/** What the user does in one row: types text, or taps a button (by title) on the bot's last card. */
type UserTurn = { says: string } | { taps: string; inputs?: Record<string, string> } | { sends: Record<string, unknown> };

/** What the bot must answer in that row: each regex must match one reply, in order. */
type Row = [UserTurn, RegExp[]];

/**
 * Runs the dialog as the Teams app does: flow-card submits and cancel/help go to the running flow,
 * typed incident words start it, anything else would be a policy question ("(question)" here).
 * The report is filed by the real IncidentService on lowdb in a temp dir.
 */
class Harness {
  readonly replies: Reply[] = [];
  private readonly adapter: TestAdapter;

  constructor(runner: DialogRunner) {
    this.adapter = new TestAdapter(async (context: TurnContext) => {
      const activity = context.activity;
      if (flowCardData(activity) || (isFlowInterruption(activity.text) && (await runner.activeFlow(context)))) {
        if (!(await runner.continue(context))) await context.sendActivity('(old card)');
        return;
      }
      const text = activity.text ?? '';
      const intent = recogniseIncidentIntent(text);
      if (intent || text === '(start flow)') return runner.begin(context, LOST_DEVICE_FLOW, intent ?? {});
      await context.sendActivity('(question)');
    });
  }

  /** The last card the bot sent. */
  lastCard(): Record<string, any> {
    const withCard = [...this.replies].reverse().find((r) => r.attachments?.length);
    assert.ok(withCard, 'the bot has sent no card yet');
    return withCard.attachments![0].content;
  }

  async turn(user: UserTurn): Promise<Reply[]> {
    let activity: Partial<Activity>;
    if ('says' in user) activity = { type: 'message', text: user.says };
    else if ('sends' in user) activity = { type: 'message', value: user.sends };
    else {
      const action = findSubmit(this.lastCard(), user.taps);
      activity = { type: 'message', value: { ...(user.inputs ?? {}), ...action.data } };
    }
    await this.adapter.receiveActivity({ ...activity, from: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: 'aad-alex' } });
    const replies = this.adapter.activeQueue.splice(0);
    this.replies.push(...replies);
    return replies;
  }
}

function findSubmit(card: Record<string, any>, title: string): { data: Record<string, unknown> } {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Submit' && node.title === title) found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  assert.equal(found.length, 1, `expected one "${title}" button on the card:\n${cardText(card)}`);
  return found[0];
}

function describeReply(reply: Reply): string {
  return reply.attachments?.length ? `[card] ${cardText(reply.attachments[0].content)}` : String(reply.text);
}

describe('lost-device dialog (phone-first report, as a table of user turns and bot replies)', function () {
  let temp: TempStore;
  let trust: Trust;
  let incidents: IncidentService;
  let harness: Harness;
  let reported: Incident[];

  beforeEach(async () => {
    temp = await TempStore.create();
    trust = await sampleTrust();
    incidents = new IncidentService({ store: temp.store, trust, clock: new FakeClock('2025-03-03T09:00:00.000Z') });
    reported = [];
    const dialog = new LostDeviceDialog({
      trust,
      card: cardAttachment,
      report: async (context, input) => {
        const { value, notifications } = await incidents.reportIncident({ personId: ALEX, conversationId: 'conv-alex' }, input);
        reported.push(value);
        await context.sendActivity(`(reported ${value.item} ${value.circumstance} data=${value.dataInvolved}; alerts to ${notifications.map((n) => n.to).sort().join(', ')})`);
      },
    });
    harness = new Harness(new DialogRunner(new MemoryStorage()).add(dialog));
  });
  afterEach(() => temp.dispose());

  async function play(rows: Row[]): Promise<void> {
    for (const [i, [user, expected]] of rows.entries()) {
      const replies = await harness.turn(user);
      const said = replies.map(describeReply);
      assert.equal(replies.length, expected.length, `row ${i + 1} ${JSON.stringify(user)}: expected ${expected.length} replies, got:\n${said.join('\n---\n')}`);
      expected.forEach((pattern, j) => assert.match(said[j], pattern, `row ${i + 1} ${JSON.stringify(user)}, reply ${j + 1}`));
      for (const reply of replies) if (reply.attachments?.length) assertValidTeamsCard(reply.attachments[0].content);
    }
  }

  it('when Alex taps Laptop, Stolen, Yes and Send, then a stolen laptop with data is reported in four taps', async () => {
    await play([
      [{ says: '(start flow)' }, [/What's missing\? Tap one\.[\s\S]*Laptop[\s\S]*Phone[\s\S]*Tablet[\s\S]*USB stick[\s\S]*ID badge[\s\S]*Other device[\s\S]*Step 1 of 4/]],
      [{ taps: 'Laptop' }, [/Was your laptop lost, or stolen\?[\s\S]*Lost or can't find it[\s\S]*Stolen[\s\S]*Step 2 of 4/]],
      [{ taps: 'Stolen' }, [/Stolen laptop[\s\S]*Could personal or confidential data be on it, or reachable from it\?[\s\S]*Yes[\s\S]*No[\s\S]*Not sure[\s\S]*Step 3 of 4/]],
      [{ taps: 'Yes' }, [/Check and send[\s\S]*Laptop[\s\S]*Stolen[\s\S]*the IT manager straight away and, because personal data may be involved, the Data Protection Champion and the headteacher[\s\S]*Police crime reference[\s\S]*Send report/]],
      [{ taps: 'Send report' }, [/^\(reported laptop stolen data=yes; alerts to isaiah-langer, megan-bowen, patti-fernandez\)$/]],
    ]);
    assert.equal(reported.length, 1);
    assert.equal((await temp.store.list(INCIDENTS)).length, 1);
  });

  it('when Alex fills in where and when and a crime reference, then both are stored with the report', async () => {
    await play([
      [{ says: '(start flow)' }, [/What's missing/]],
      [{ taps: 'Phone' }, [/Was your phone lost, or stolen/]],
      [{ taps: 'Stolen' }, [/Could personal or confidential data/]],
      [{ taps: 'Not sure' }, [/Not sure \(treated as yes\)/]],
      [{ taps: 'Send report', inputs: { location: 'Bus stop outside school, 8am', crimeReference: 'WY/12345/25' } }, [/reported phone stolen data=unsure/]],
    ]);
    assert.equal(reported[0].location, 'Bus stop outside school, 8am');
    assert.equal(reported[0].crimeReference, 'WY/12345/25');
  });

  it('when Alex types "lost my laptop", then the first two cards are skipped and the data question comes first', async () => {
    await play([
      [{ says: 'lost my laptop' }, [/Lost laptop[\s\S]*Could personal or confidential data[\s\S]*Step 1 of 2/]],
      [{ taps: 'No' }, [/Check and send[\s\S]*Lost or stolen\nLost[\s\S]*Personal data\nNo[\s\S]*tell the IT manager straight away\. You'll get a checklist/]],
      [{ taps: 'Send report' }, [/reported laptop lost data=no; alerts to megan-bowen\)$/]],
    ]);
    const confirm = cardText(harness.lastCard());
    assert.doesNotMatch(confirm, /crime reference/i, 'a lost item does not ask for a crime reference');
  });

  it('when Alex types "I can\'t find my ID badge" and says no data, then the IT manager and the operations manager are told', async () => {
    await play([
      [{ says: "I can't find my ID badge" }, [/Lost ID badge[\s\S]*Could it let someone reach personal or confidential data/]],
      [{ taps: 'No' }, [/the IT manager and the School Operations Manager straight away\./]],
      [{ taps: 'Send report' }, [/reported id_badge lost data=no; alerts to lynne-robbins, megan-bowen\)$/]],
    ]);
  });

  it('when Alex types "my phone was stolen", then only the data question and the summary remain', async () => {
    await play([
      [{ says: 'my phone was stolen' }, [/Stolen phone[\s\S]*Step 1 of 2/]],
      [{ taps: 'Yes' }, [/Police crime reference/]],
    ]);
  });

  it('when Alex types "I lost my device", then the item is asked but not lost-or-stolen again', async () => {
    await play([
      [{ says: 'I lost my device' }, [/What's missing\?[\s\S]*Step 1 of 3/]],
      [{ taps: 'Other device' }, [/Lost device[\s\S]*Could personal or confidential data[\s\S]*Step 2 of 3/]],
    ]);
  });

  it('when Alex types cancel or taps Cancel at any step, then the flow stops and nothing is reported', async () => {
    await play([
      [{ says: '(start flow)' }, [/What's missing/]],
      [{ says: 'cancel' }, [/I've stopped\. Nothing was sent/]],
      [{ taps: 'Laptop' }, [/^\(old card\)$/]],
      [{ says: 'left my USB stick on the train' }, [/Lost USB stick or memory card[\s\S]*Could personal/]],
      [{ taps: 'Not sure' }, [/Check and send/]],
      [{ taps: 'Cancel' }, [/I've stopped\. Nothing was sent/]],
    ]);
    assert.deepEqual(await temp.store.list(INCIDENTS), []);
  });

  it('when Alex types help mid-flow, then the flow explains itself and carries on from the same card', async () => {
    await play([
      [{ says: '(start flow)' }, [/What's missing/]],
      [{ says: 'help' }, [/tap the buttons on the card\. Nothing is sent until you press \*\*Send report\*\*\. Type \*\*cancel\*\* to stop\./]],
      [{ taps: 'Tablet' }, [/Was your tablet lost, or stolen/]],
    ]);
  });

  it('when a button from an earlier card or a forged answer arrives, then it is refused and the current question still stands', async () => {
    await play([
      [{ says: '(start flow)' }, [/What's missing/]],
      [{ taps: 'Laptop' }, [/Was your laptop lost/]],
    ]);
    const itemCard = harness.replies.find((r) => r.attachments?.length)!.attachments![0].content;
    const phone = findSubmit(itemCard, 'Phone').data;
    await play([
      [{ sends: phone }, [/That button is on an earlier card/]],
      [{ sends: { ...findSubmit(harness.lastCard(), 'Stolen').data, answer: 'burgled' } }, [/Please tap one of the buttons/]],
      [{ sends: { ...findSubmit(harness.lastCard(), 'Stolen').data, flow: 'software' } }, [/That card is from something you started earlier/]],
      [{ taps: 'Stolen' }, [/Stolen laptop[\s\S]*Could personal/]],
    ]);
  });

  it('when the crime reference is not a valid reference, then the summary comes back with the problem and nothing is reported', async () => {
    await play([
      [{ says: 'my laptop was stolen' }, [/Could personal/]],
      [{ taps: 'No' }, [/Check and send/]],
      [{ taps: 'Send report', inputs: { crimeReference: '=HYPERLINK("x")', location: 'Car park' } }, [/Please check: A crime reference has only letters, numbers, spaces, slashes and dashes/]],
    ]);
    assert.deepEqual(await temp.store.list(INCIDENTS), []);
    const card = harness.lastCard();
    assert.match(JSON.stringify(card), /"value":"Car park"/, 'what Alex typed is kept');
    await play([[{ taps: 'Send report', inputs: { crimeReference: 'WY/1/25', location: 'Car park' } }, [/reported laptop stolen data=no/]]]);
  });

  it('when someone asks a question about losing things, then the flow does not start', async () => {
    await play([
      [{ says: 'what should I do if my laptop is stolen?' }, [/^\(question\)$/]],
      [{ says: 'can I take my laptop home?' }, [/^\(question\)$/]],
    ]);
  });
});
