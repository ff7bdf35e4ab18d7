import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import type { QuestionRecord } from '../../src/domain/questions/question-service.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { assertValidTeamsCard } from '../support/card-checks.js';
import { cardOf, cardText, type ConnectorCall } from '../support/connector.js';
import { cardExecute, message, USERS, type TeamsUser } from '../support/teams-activities.js';

/** Finds the Action.Execute in a card with this verb (and role, for hand-off buttons). */
function executeData(card: any, verb: string, match: Record<string, unknown> = {}): Record<string, unknown> {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute' && node.verb === verb) found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  const action = found.find((a) => Object.entries(match).every(([k, v]) => a.data?.[k] === v));
  assert.ok(action, `no ${verb} action matching ${JSON.stringify(match)} in card`);
  return action.data;
}

describe('Policy questions in Teams, through the real server over HTTP', function () {
  let t: BotUnderTest;
  let policyDir: string;

  before(async () => {
    // The sample policy is copied so the reload test can edit it.
    policyDir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-policy-'));
    await copyFile(path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md'), path.join(policyDir, 'policy.md'));
    t = await startBot({ POLICY_FILES: path.join(policyDir, 'policy.md') });
    // Everyone the tests notify has talked to the bot once, as Teams requires for proactive messages.
    for (const user of [USERS.alex, USERS.megan, USERS.patti, USERS.isaiah]) {
      await t.post(message(user, 'hi', t.serviceUrl));
    }
    await t.connector.waitFor(() => t.connector.sent.length >= 4);
  });
  after(async () => {
    await t.stop();
    await rm(policyDir, { recursive: true, force: true });
  });
  beforeEach(() => t.connector.clear());

  async function ask(user: TeamsUser, text: string): Promise<Record<string, any>> {
    await t.post(message(user, text, t.serviceUrl));
    const call = await t.connector.waitFor((c) => Boolean(cardOf(c)));
    const card = cardOf(call)!;
    assertValidTeamsCard(card);
    return card;
  }

  async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
    const res = await t.post(cardExecute(user, verb, data, t.serviceUrl));
    assert.equal(res.status, 200);
    return res.body as { statusCode: number; type: string; value: any };
  }

  async function storedQuestion(id: unknown): Promise<QuestionRecord> {
    return t.bot.services.questions.get(id);
  }

  it('when Alex asks about installing software, then the card quotes the clause verbatim with its section and offers the software request', async function () {
    const card = await ask(USERS.alex, 'am I allowed to install software on my school laptop?');
    const text = cardText(card);
    const policy = await readFile(path.join(policyDir, 'policy.md'), 'utf8');
    const quote = /Software, apps and browser extensions may only be installed[^\n]*/.exec(policy)![0].trim();
    assert.ok(text.includes(quote), `the answer does not quote the clause verbatim:\n${text}`);
    assert.match(text, /4\.2 Software/);
    assert.match(text, /Request a software install/);
    assert.match(text, /Was this helpful\?/);
  });

  it('when the question is outside the policy, then the card says so plainly, quotes nothing and offers the IT manager and DPC', async function () {
    const card = await ask(USERS.alex, "what's the wifi password for the staff network?");
    const text = cardText(card);
    assert.match(text, /The policy doesn't cover this/);
    assert.match(text, /won't guess/);
    assert.doesNotMatch(text, /Here's what/);
    assert.match(text, /Ask the IT manager \(Megan Bowen\)/);
    assert.match(text, /Ask the Data Protection Champion \(Patti Fernandez\)/);
  });

  /** The card declines: says the policy doesn't cover it, quotes no sentence of the policy and offers the IT manager. */
  async function assertDeclined(card: unknown): Promise<void> {
    const text = cardText(card);
    const policy = await readFile(path.join(policyDir, 'policy.md'), 'utf8');
    assert.match(text, /The policy doesn't cover this/);
    assert.doesNotMatch(text, /Here's what/);
    // No sentence of the policy is quoted as if it answered: the card offers people, not a clause.
    const clauses = policy.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.replace(/^[\s>*-]*(?:\d+(?:\.\d+)*\s*)?/, '').trim()).filter((l) => l.length > 40);
    assert.ok(clauses.length > 10 && clauses.every((l) => !text.includes(l)), `a clause was quoted for a question the policy does not answer:\n${text}`);
    assert.ok(executeData(card, 'ask-person', { role: 'it_manager' }).questionId, 'no hand-off to the IT manager');
  }

  for (const question of ['how do i book annual leave?', 'is there staff parking on site?']) {
    it(`when Alex asks an everyday question the policy leaves to others ("${question}"), then the card says the policy does not cover it, quotes no clause and offers the hand-off`, async function () {
      await assertDeclined(await ask(USERS.alex, question));
    });
  }

  it('when Alex asks how often to change a password, which the policy speaks of but sets no schedule for, then the card says the policy does not cover it, quotes no clause and offers the hand-off', async function () {
    const policy = await readFile(path.join(policyDir, 'policy.md'), 'utf8');
    // The subject is in the policy (when to change a password), the thing asked (how often) is not.
    const passwordClauses = policy.split('\n').filter((l) => /password/i.test(l));
    assert.ok(passwordClauses.some((l) => /change your password at once/.test(l)));
    assert.ok(passwordClauses.every((l) => !/\b(?:daily|weekly|monthly|termly|annually|yearly|every (?:\d+ )?(?:days?|weeks?|months?|terms?|years?))\b/i.test(l)));
    await assertDeclined(await ask(USERS.alex, 'how often am I meant to change my password?'));
  });

  it('when Alex passes an unanswered question to the IT manager, then Megan gets it with a reply box, and her reply reaches Alex', async function () {
    const card = await ask(USERS.alex, 'what time does the school office open on Saturdays?');
    const handoff = executeData(card, 'ask-person', { role: 'it_manager' });
    const since = t.connector.calls.length;

    const response = await execute(USERS.alex, 'ask-person', handoff);
    assert.match(cardText(response.value), /Sent to Megan Bowen \(IT manager\)/);

    const toMegan = await t.connector.waitFor((c) => c.conversationId === `a:personal-${USERS.megan.id}` && Boolean(cardOf(c)), since);
    const meganCard = cardOf(toMegan)!;
    assertValidTeamsCard(meganCard);
    assert.match(cardText(meganCard), /Alex Wilber \(Staff at Oakfield Primary School\) asked/);
    assert.match(cardText(meganCard), /school office open on Saturdays/);

    const replyData = { ...executeData(meganCard, 'handoff-reply'), reply: 'The office is closed at weekends: email me instead.' };
    const sinceReply = t.connector.calls.length;
    const replied = await execute(USERS.megan, 'handoff-reply', replyData);
    assert.match(cardText(replied.value), /Replied by Megan Bowen/);

    const toAlex = await t.connector.waitFor((c) => c.conversationId === `a:personal-${USERS.alex.id}` && Boolean(cardOf(c)), sinceReply);
    assert.match(cardText(cardOf(toAlex)), /Megan Bowen answered your question/);
    assert.match(cardText(cardOf(toAlex)), /closed at weekends: email me instead/);

    const stored = await storedQuestion(handoff.questionId);
    assert.equal(stored.handoff?.toPersonId, 'megan-bowen');
    assert.equal(stored.handoff?.reply?.text, 'The office is closed at weekends: email me instead.');
  });

  it('when a data-protection question is not covered, then the DPC is offered first and receives the hand-off', async function () {
    const card = await ask(USERS.alex, 'how long do we keep CCTV footage of the car park for?');
    const contacts = cardText(card).split('\n').filter((line) => line.startsWith('Ask the'));
    assert.ok(contacts.length >= 1);
    const handoff = executeData(card, 'ask-person', { role: 'dpc' });
    const since = t.connector.calls.length;
    await execute(USERS.alex, 'ask-person', handoff);
    await t.connector.waitFor((c) => c.conversationId === `a:personal-${USERS.patti.id}` && Boolean(cardOf(c)), since);
  });

  it('when someone other than the asker presses the hand-off or feedback buttons, then it is refused and nothing changes', async function () {
    const card = await ask(USERS.alex, "what's the wifi password for the staff network?");
    const handoff = executeData(card, 'ask-person', { role: 'it_manager' });
    const refused = await execute(USERS.isaiah, 'ask-person', handoff);
    assert.match(JSON.stringify(refused), /Only the person who asked can pass this question on/);
    const feedback = await execute(USERS.isaiah, 'answer-feedback', { questionId: handoff.questionId, helpful: false });
    assert.match(JSON.stringify(feedback), /Only the person who asked can rate this answer/);
    const stored = await storedQuestion(handoff.questionId);
    assert.equal(stored.handoff, undefined);
    assert.equal(stored.feedback, undefined);
  });

  it('when a question is handed off twice, or someone else replies, then the second action is refused', async function () {
    const card = await ask(USERS.alex, 'can I bring my dog into school?');
    const handoff = executeData(card, 'ask-person', { role: 'it_manager' });
    await execute(USERS.alex, 'ask-person', handoff);
    // Another button of the card: its own tap, not a repeat of the first.
    const { tapKey: _tapKey, ...otherButton } = handoff;
    const again = await execute(USERS.alex, 'ask-person', { ...otherButton, role: 'dpc' });
    assert.match(JSON.stringify(again), /already sent this question to Megan Bowen/);
    const intruder = await execute(USERS.isaiah, 'handoff-reply', { questionId: handoff.questionId, reply: 'Sure, bring the dog' });
    assert.match(JSON.stringify(intruder), /only they can reply/);
    assert.equal((await storedQuestion(handoff.questionId)).handoff?.reply, undefined);
  });

  it('when card data is forged (unknown id, wrong types), then a friendly refusal comes back and nothing is stored', async function () {
    const before = (await t.bot.services.store.list('questions')).length;
    for (const data of [{ questionId: 'not-a-question', helpful: true }, { questionId: { $ne: null }, helpful: true }, {}]) {
      const res = await execute(USERS.alex, 'answer-feedback', data);
      assert.match(JSON.stringify(res), /couldn't find that question/);
    }
    const card = await ask(USERS.alex, 'am I allowed to install software on my school laptop?');
    const { questionId } = executeData(card, 'answer-feedback', { helpful: true });
    const res = await execute(USERS.alex, 'answer-feedback', { questionId, helpful: 'yes please' });
    assert.match(JSON.stringify(res), /not one of mine/);
    assert.equal((await t.bot.services.store.list('questions')).length, before + 1);
  });

  it('when Alex marks an answer not helpful, then it is stored and the card thanks Alex in place', async function () {
    const card = await ask(USERS.alex, 'am I allowed to install software on my school laptop?');
    const data = executeData(card, 'answer-feedback', { helpful: false });
    const res = await execute(USERS.alex, 'answer-feedback', data);
    assert.match(cardText(res.value), /noted this didn't help/);
    assert.doesNotMatch(cardText(res.value), /Was this helpful/);
    assert.equal((await storedQuestion(data.questionId)).feedback?.helpful, false);
  });

  it('when the IT manager asks for the report, then unanswered and unhelpful questions are listed with a CSV link that downloads them', async function () {
    await ask(USERS.alex, 'when is the next INSET day?');
    t.connector.clear();
    const card = await ask(USERS.megan, 'report');
    const text = cardText(card);
    assert.match(text, /Questions the policy didn't answer well/);
    assert.match(text, /next INSET day/);
    const url = JSON.stringify(card).match(/http:\/\/localhost:\d+\/exports\/([A-Za-z0-9_-]+)/)!;
    const download = await fetch(`${t.url}/exports/${url[1]}`);
    assert.match(download.headers.get('content-disposition') ?? '', /attachment; filename="policy-questions.csv"/);
    const bytes = Buffer.from(await download.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV should start with a byte-order mark for Excel');
    const csv = bytes.subarray(3).toString('utf8');
    assert.match(csv, /^Asked at,Asked by,Question,Outcome/);
    assert.match(csv, /Alex Wilber,when is the next INSET day\?,Not covered/);
    assert.match(csv, /Not helpful/);
    assert.equal((await fetch(`${t.url}/exports/${'x'.repeat(43)}`)).status, 404);
  });

  it('when a teacher asks for the report, then it is refused', async function () {
    await t.post(message(USERS.alex, 'report', t.serviceUrl));
    const call: ConnectorCall = await t.connector.waitFor((c) => typeof c.body.text === 'string');
    assert.match(call.body.text, /report is for the IT manager/);
  });

  it('when the IT manager edits the policy and says "reload policy", then new answers come from the new text without a restart', async function () {
    const file = path.join(policyDir, 'policy.md');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}\n\n## 12. Drones\n\n12.1 Staff must not fly drones over school grounds without written permission from the headteacher.\n`);
    t.connector.clear();
    await t.post(message(USERS.alex, 'reload policy', t.serviceUrl));
    assert.match((await t.connector.waitFor((c) => typeof c.body.text === 'string')).body.text, /for the IT manager/);
    t.connector.clear();
    await t.post(message(USERS.megan, 'reload policy', t.serviceUrl));
    const reply = (await t.connector.waitFor((c) => typeof c.body.text === 'string')).body.text as string;
    assert.match(reply, /Policy reloaded/);
    assert.match(reply, /I found 13 sections, starting: 1 Introduction; 2 Scope; 3 Accounts and passwords/);
    assert.doesNotMatch(reply, /Warning/);
    t.connector.clear();
    const card = await ask(USERS.alex, 'can I fly my drone over the school field?');
    assert.match(cardText(card), /must not fly drones over school grounds/);
  });

  it('when the IT manager reloads a policy that lost its headings, then the reply warns that one section holds almost everything', async function () {
    const file = path.join(policyDir, 'policy.md');
    const original = await readFile(file, 'utf8');
    // The same policy flattened into one run of paragraphs, as a bad export would give.
    const flat = original.replace(/^#+ .*$/gm, '').replace(/^\d+(\.\d+)* /gm, '').replace(/^[-*] /gm, '');
    await writeFile(file, `${flat}\n\n${flat}`);
    try {
      t.connector.clear();
      await t.post(message(USERS.megan, 'reload policy', t.serviceUrl));
      const reply = (await t.connector.waitFor((c) => typeof c.body.text === 'string')).body.text as string;
      assert.match(reply, /Policy reloaded/);
      assert.match(reply, /Warning: .* holds \d+% of the text/);
    } finally {
      await writeFile(file, original);
      t.connector.clear();
      await t.post(message(USERS.megan, 'reload policy', t.serviceUrl));
      await t.connector.waitFor((c) => typeof c.body.text === 'string');
      t.connector.clear();
    }
  });

  it('when a reload meets a broken policy file, then the old policy keeps answering and the IT manager is told why', async function () {
    const file = path.join(policyDir, 'policy.md');
    const original = await readFile(file, 'utf8');
    await rm(file);
    try {
      await t.post(message(USERS.megan, 'reload', t.serviceUrl));
      assert.match((await t.connector.waitFor((c) => typeof c.body.text === 'string')).body.text, /couldn't reload the policy, so I'm still answering from the previous version/);
      t.connector.clear();
      const card = await ask(USERS.alex, 'am I allowed to install software on my school laptop?');
      assert.match(cardText(card), /4\.2 Software/);
    } finally {
      await writeFile(file, original);
    }
  });

  it('when staff text with markdown is shown to another person, then it is escaped', async function () {
    const card = await ask(USERS.alex, 'is [this link](http://evil.example) **allowed** in the office on sundays?');
    const handoff = executeData(card, 'ask-person', { role: 'it_manager' });
    const since = t.connector.calls.length;
    await execute(USERS.alex, 'ask-person', handoff);
    const toMegan = await t.connector.waitFor((c) => c.conversationId === `a:personal-${USERS.megan.id}` && Boolean(cardOf(c)), since);
    const text = cardText(cardOf(toMegan));
    assert.match(text, /\\\[this link\\\]\\\(http:\/\/evil\.example\\\) \\\*\\\*allowed\\\*\\\*/);
  });
});
