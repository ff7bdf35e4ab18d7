import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { cardOf, cardText, type ConnectorCall } from '../support/connector.js';
import { cardExecute, cardSubmit, message, USERS, type TeamsUser } from '../support/teams-activities.js';

// Each secret is planted once, in a different place user text goes.
const SECRETS = {
  question: 'Tr0ub4dor&3',
  unanswered: 'Kestrel42',
  handoffReply: '864209',
  feedback: 'hunter2',
  softwareReason: 'Gr3at!Pass',
  sharingReason: 'Hunter22x',
  approverComment: 'Adm1n#2025',
};

/** Every Action (Execute or Submit) in a card, with its data. */
function actionsIn(card: unknown): Array<{ type: string; verb?: string; title?: string; data?: Record<string, unknown> }> {
  const found: Array<{ type: string; verb?: string; title?: string; data?: Record<string, unknown> }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, any>;
      if (typeof n.type === 'string' && n.type.startsWith('Action.')) found.push(n as any);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

describe('Planted secrets, through the real server over HTTP: none stays in any sink', function () {
  let t: BotUnderTest;
  const logLines: string[] = [];

  before(async function () {
    const capture = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await startBot({}, undefined, pino({ level: 'debug' }, capture));
    for (const user of [USERS.alex, USERS.megan, USERS.isaiah, USERS.lynne]) await t.post(message(user, 'hi', t.serviceUrl));
    await t.connector.waitFor(() => t.connector.sent.length >= 4);
  });
  after(async () => t?.stop());

  const chatOf = (user: TeamsUser) => `a:personal-${user.id}`;
  const mark = () => t.connector.calls.length;

  async function cardTo(user: TeamsUser, since: number, match: RegExp): Promise<Record<string, any>> {
    const call = await t.connector.waitFor((c) => c.conversationId === chatOf(user) && Boolean(cardOf(c)) && match.test(JSON.stringify(cardOf(c))), since);
    return cardOf(call)!;
  }

  async function textTo(user: TeamsUser, since: number, match: RegExp): Promise<string> {
    const call = await t.connector.waitFor((c) => c.conversationId === chatOf(user) && typeof c.body.text === 'string' && match.test(c.body.text), since);
    return call.body.text;
  }

  async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
    const res = await t.post(cardExecute(user, verb, data, t.serviceUrl));
    assert.equal(res.status, 200);
    return res.body;
  }

  /** Fills the form card a typed request opened, confirms the summary, and returns the request id. */
  async function raiseFromChat(user: TeamsUser, text: string, values: Record<string, unknown>): Promise<void> {
    let since = mark();
    await t.post(message(user, text, t.serviceUrl));
    const form = await cardTo(user, since, /"flowAction":"submit"/);
    const submit = actionsIn(form).find((a) => a.data?.flowAction === 'submit')!;
    since = mark();
    await t.post(cardSubmit(user, { ...submit.data, ...values }, t.serviceUrl));
    const summary = await cardTo(user, since, /"flowAction":"confirm"/);
    const confirm = actionsIn(summary).find((a) => a.data?.flowAction === 'confirm')!;
    since = mark();
    await t.post(cardSubmit(user, { ...confirm.data }, t.serviceUrl));
    await cardTo(user, since, /Sent to/);
  }

  it('when staff type secrets into questions, hand-offs, replies, feedback, forms and comments, then each is removed, the person is told, and the rest still works', async function () {
    // A question with a password in it: answered, and Alex is told to delete the message and change the password.
    let since = mark();
    await t.post(message(USERS.alex, `my password is ${SECRETS.question}, can my TA use it?`, t.serviceUrl));
    const notice = await textTo(USERS.alex, since, /removed it before saving/);
    assert.match(notice, /delete it now/);
    assert.match(notice, /change that password/);

    // An unanswered question, handed to the IT manager, whose reply carries a PIN.
    since = mark();
    await t.post(message(USERS.alex, `what time does the school office open on Saturdays? pw: ${SECRETS.unanswered}`, t.serviceUrl));
    const answer = await cardTo(USERS.alex, since, /ask-person/);
    const handoff = actionsIn(answer).find((a) => a.verb === 'ask-person' && a.data?.role === 'it_manager')!;
    since = mark();
    await execute(USERS.alex, 'ask-person', handoff.data!);
    const meganCard = await cardTo(USERS.megan, since, /handoff-reply/);
    assert.match(cardText(meganCard), /school office open on Saturdays/);
    const reply = actionsIn(meganCard).find((a) => a.verb === 'handoff-reply')!;
    since = mark();
    await execute(USERS.megan, 'handoff-reply', { ...reply.data, reply: `Closed; the alarm code is ${SECRETS.handoffReply}` });
    await cardTo(USERS.alex, since, /answered your question/);

    // Feedback on an answer whose question held a password.
    since = mark();
    await t.post(message(USERS.alex, `can I write my password down? my password's ${SECRETS.feedback}`, t.serviceUrl));
    const answered = await cardTo(USERS.alex, since, /answer-feedback/);
    const unhelpful = actionsIn(answered).find((a) => a.verb === 'answer-feedback' && a.data?.helpful === false)!;
    await execute(USERS.alex, 'answer-feedback', unhelpful.data!);

    // Request forms: a login in a software request's reason, a lone password in a password-sharing form.
    await raiseFromChat(USERS.alex, 'I need Audacity installed', {
      software: 'Audacity',
      url: '',
      device: 'Classroom laptop',
      reason: `Podcasts. My login is alexw / ${SECRETS.softwareReason}`,
    });
    await raiseFromChat(USERS.alex, 'share a password', {
      sharedWithPersonId: 'lynne-robbins',
      sharedWithName: '',
      system: 'Arbor',
      reason: `Register cover ${SECRETS.sharingReason}`,
      from: daysFromNow(1),
      until: daysFromNow(3),
    });

    // The approver's comment.
    const pending = (await t.bot.services.store.list<{ id: string; kind: string; status: string }>('requests')).find((r) => r.status === 'pending' && /software/.test(r.kind))!;
    await execute(USERS.megan, 'request-decide', { requestId: pending.id, decision: 'approve', comment: `Done. Admin pwd=${SECRETS.approverComment}` });
    await t.bot.services.followUp.idle();
  });

  it('when the store, the logs, every message and card sent, the questions report and every CSV register are read, then none holds a planted secret', async function () {
    const csv: string[] = [];
    for (const command of ['report', 'registers']) {
      const since = mark();
      await t.post(message(USERS.megan, command, t.serviceUrl));
      const card = await cardTo(USERS.megan, since, /\/exports\//);
      for (const [, token] of JSON.stringify(card).matchAll(/\/exports\/([A-Za-z0-9_-]+)/g)) {
        const res = await fetch(`${t.url}/exports/${token}`);
        assert.equal(res.status, 200);
        csv.push(await res.text());
      }
    }
    await t.bot.stop();
    const stored = await Promise.all((await filesUnder(t.dataDir)).map((f) => readFile(f, 'utf8')));
    const sent = t.connector.calls.map((c: ConnectorCall) => JSON.stringify(c.body));

    const sinks: Record<string, string> = { store: stored.join('\n'), logs: logLines.join(''), sent: sent.join('\n'), csv: csv.join('\n') };
    // The sinks were really written: the rest of each planted message is there.
    assert.match(sinks.store, /can my TA use it/);
    assert.match(sinks.store, /Register cover/);
    assert.match(sinks.csv, /school office open on Saturdays/);
    assert.match(sinks.csv, /Podcasts\. My login is/);
    assert.match(sinks.store, /Admin pwd=\[secret removed\]/);
    assert.ok(sinks.logs.length > 0, 'the bot logged nothing');
    for (const [sink, text] of Object.entries(sinks)) {
      for (const [where, secret] of Object.entries(SECRETS)) {
        assert.ok(!text.includes(secret), `the ${where} secret "${secret}" is in the ${sink}`);
      }
    }
  });
});
