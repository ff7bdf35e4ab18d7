import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { readAudit } from '../../src/domain/requests/audit.js';
import type { TaughtAnswer } from '../../src/domain/teaching/taught-answer.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { actionsOf, button, cardsTo, type Card } from '../support/card-taps.js';
import { assertValidTeamsCard } from '../support/card-checks.js';
import { cardText } from '../support/connector.js';
import { cardExecute, message, USERS, type TeamsUser } from '../support/teams-activities.js';

/** The text of the clause a policy file numbers `clause` ("3.1 Each member…" → "Each member…"). */
function clauseText(policy: string, clause: string): string {
  const line = policy.split('\n').find((l) => l.startsWith(`${clause} `));
  assert.ok(line, `the sample policy has clause ${clause}`);
  return line.slice(clause.length + 1).trim();
}

/** The quoted clauses of an answer card: "section\ntext" of each passage container. */
function quoted(card: Card): string[] {
  return (card.body as Card[]).filter((b) => b.type === 'Container' && b.style === 'emphasis' && b.items?.length === 2).map((b) => `${b.items[0].text}\n${b.items[1].text}`);
}

/** Sends a message and returns the card the bot answered with. */
async function askOn(t: BotUnderTest, user: TeamsUser, text: string): Promise<Card> {
  const since = t.connector.calls.length;
  await t.post(message(user, text, t.serviceUrl));
  const cards = cardsTo(t, user, since);
  assert.equal(cards.length, 1, `one card answered "${text}"`);
  assertValidTeamsCard(cards[0]);
  return cards[0];
}

/** Taps an Action.Execute as `user`; returns the card (or message) the invoke answered with. */
async function tapOn(t: BotUnderTest, user: TeamsUser, action: Card, inputs: Record<string, unknown> = {}): Promise<{ card?: Card; text: string }> {
  assert.equal(action.type, 'Action.Execute');
  const res = await t.post(cardExecute(user, action.verb, { ...action.data, ...inputs }, t.serviceUrl));
  assert.equal(res.status, 200);
  const value = res.body?.value;
  const card = value?.type === 'AdaptiveCard' ? (value as Card) : undefined;
  if (card) assertValidTeamsCard(card);
  return { card, text: card ? cardText(card) : typeof value === 'string' ? value : JSON.stringify(value) };
}

/** The IT manager asks for the teaching card of the question a card answered, and teaches it clause `reference`. */
async function teachClauseOn(t: BotUnderTest, answerCard: Card, reference: string): Promise<void> {
  const questionId = actionsOf(answerCard).find((a) => a.data?.questionId)!.data.questionId;
  const teach = (await tapOn(t, USERS.megan, { type: 'Action.Execute', verb: 'teach-open', data: { questionId } })).card!;
  const done = await tapOn(t, USERS.megan, button(teach, 'Teach this clause'), { reference });
  assert.match(done.text, /Taught/);
}

describe('Teaching answers from the questions report, through the real server over HTTP', function () {
  let t: BotUnderTest;
  let policyDir: string;
  let policyFile: string;
  let policy: string;

  before(async () => {
    // The sample policy is copied so the reload test can edit it.
    policyDir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-teach-'));
    policyFile = path.join(policyDir, 'policy.md');
    await copyFile(path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md'), policyFile);
    policy = await readFile(policyFile, 'utf8');
    t = await startBot({ POLICY_FILES: policyFile });
    // Everyone the tests notify has talked to the bot once, as Teams requires for proactive messages.
    for (const user of [USERS.alex, USERS.megan, USERS.patti, USERS.isaiah]) await t.post(message(user, 'hi', t.serviceUrl));
  });
  after(async () => {
    await t.stop();
    await rm(policyDir, { recursive: true, force: true });
  });

  const ask = (user: TeamsUser, text: string) => askOn(t, user, text);
  const tap = (user: TeamsUser, action: Card, inputs: Record<string, unknown> = {}) => tapOn(t, user, action, inputs);

  const taught = () => t.bot.services.store.list<TaughtAnswer>('taught-answers');

  it('when the IT manager teaches a clause for a question from the report, then the asker is told, a paraphrase from someone else is answered with it as taught, and Undo stops it', async function () {
    const question = 'my partner wants to use my school laptop for some online shopping tonight';
    const paraphrase = 'can my husband borrow my work laptop to do some shopping online';
    const clause31 = clauseText(policy, '3.1');
    const before = await ask(USERS.isaiah, paraphrase);
    assert.ok(!quoted(before).some((q) => q.includes(clause31)), 'before teaching, the paraphrase is answered from another clause');

    // Alex says the answer did not help: the question goes to the report.
    const answer = await ask(USERS.alex, question);
    await tap(USERS.alex, button(answer, 'No'));
    const report = await ask(USERS.megan, 'report');
    const row = actionsOf(report).find((a) => a.verb === 'teach-open' && cardText(report).includes(question));
    assert.ok(row, `the report offers to teach:\n${cardText(report)}`);
    const teach = (await tap(USERS.megan, actionsOf(report).filter((a) => a.verb === 'teach-open')[0])).card!;
    assert.match(cardText(teach), /Which clause of the policy answers it\?/);
    assert.match(cardText(teach), new RegExp(question));

    // Megan types the clause number rather than picking one of the candidates.
    const since = t.connector.calls.length;
    const done = await tap(USERS.megan, button(teach, 'Teach this clause'), { reference: '3.1' });
    assert.match(done.text, /Taught/);
    assert.ok(done.text.includes(clause31.slice(0, 60)), done.text);
    const toAlex = cardsTo(t, USERS.alex, since);
    assert.equal(toAlex.length, 1, 'Alex is told once');
    assertValidTeamsCard(toAlex[0]);
    assert.match(cardText(toAlex[0]), /Megan Bowen \(IT manager\) picked the clause/);
    assert.ok(cardText(toAlex[0]).includes(clause31));

    const after = await ask(USERS.isaiah, paraphrase);
    assert.deepEqual(quoted(after), [`3.1 Accounts and passwords\n${clause31}`]);
    assert.match(cardText(after), /Megan Bowen \(IT manager\) chose this clause for questions like yours/);
    const [stored] = await taught();
    assert.equal(stored.state, 'active');
    assert.equal(stored.clause?.sectionId, 's4');
    const audit = await readAudit(t.bot.services.store, stored.id);
    assert.deepEqual(audit.map((e) => [e.action, e.actorId]), [['taught_answer.clause', 'megan-bowen']]);

    // Undo, from the report's list of answers taught.
    const report2 = await ask(USERS.megan, 'report');
    assert.match(cardText(report2), /Answers taught/);
    assert.doesNotMatch(cardText(report2).split('Answers taught')[0], new RegExp(question), 'a taught question leaves the list of questions to deal with');
    const undone = await tap(USERS.megan, button(report2, 'Undo'));
    assert.match(undone.text, /Undone/);
    const again = await ask(USERS.isaiah, paraphrase);
    assert.deepEqual(quoted(again), quoted(before));
    assert.doesNotMatch(cardText(again), /chose this clause/);
    assert.deepEqual((await readAudit(t.bot.services.store, stored.id)).map((e) => e.action), ['taught_answer.clause', 'taught_answer.forgotten']);
    assert.match(cardText(await ask(USERS.megan, 'report')), new RegExp(question));
  });

  it('when the owner confirms the policy does not cover a question and replies, then the asker gets the reply and a paraphrase shows it, escaped', async function () {
    const card = await ask(USERS.alex, "what's the wifi password for the staff network?");
    assert.match(cardText(card), /The policy doesn't cover this/);
    const report = await ask(USERS.patti, 'report');
    const open = actionsOf(report).filter((a) => a.verb === 'teach-open');
    const teach = (await tap(USERS.patti, open[0])).card!;
    assert.match(cardText(teach), /wifi password for the staff network/);
    const since = t.connector.calls.length;
    const reply = 'Staff laptops join **automatically**; for a phone ask [the office](http://evil.example).';
    await tap(USERS.patti, button(teach, 'Not covered: send this reply'), { reply });
    const [toAlex] = cardsTo(t, USERS.alex, since);
    assert.match(cardText(toAlex), /Patti Fernandez \(Data Protection Champion\) says .* doesn't cover it, and replied/);
    assert.ok(cardText(toAlex).includes('\\*\\*automatically\\*\\*'), 'the reply is escaped on the card');

    const paraphrase = await ask(USERS.isaiah, 'what is the password for the staff wifi');
    const text = cardText(paraphrase);
    assert.match(text, /The policy doesn't cover this/);
    assert.match(text, /Patti Fernandez \(Data Protection Champion\) answered a question like yours/);
    assert.ok(text.includes('ask \\[the office\\]\\(http://evil.example\\)'), text);
    // Not a question to deal with again: answered by the taught reply.
    const stored = (await t.bot.services.store.list<{ text: string; fromTaught?: string }>('questions')).find((q) => q.text === 'what is the password for the staff wifi');
    assert.ok(stored?.fromTaught);
  });

  it('when the IT manager has replied to a question passed to her, then her card offers to teach it with that reply ready, and a paraphrase gets the reply', async function () {
    const card = await ask(USERS.alex, 'can I bring my dog into school on Fridays?');
    const since = t.connector.calls.length;
    await tap(USERS.alex, button(card, /Ask the IT manager/));
    const [handoff] = cardsTo(t, USERS.megan, since);
    const reply = 'Dogs are a matter for the headteacher, not the policy: ask Isaiah.';
    const replied = (await tap(USERS.megan, button(handoff, 'Send reply'), { reply })).card!;
    const teach = (await tap(USERS.megan, button(replied, 'Teach an answer'))).card!;
    const box = JSON.stringify(teach);
    assert.ok(box.includes(JSON.stringify(reply)), 'the reply box holds the reply already sent');
    await tap(USERS.megan, button(teach, 'Not covered: send this reply'), { reply });
    const paraphrase = await ask(USERS.isaiah, 'am I allowed to bring my dog to school on a Friday');
    assert.match(cardText(paraphrase), /Megan Bowen \(IT manager\) answered a question like yours/);
    assert.ok(cardText(paraphrase).includes('Dogs are a matter for the headteacher'));
  });

  it('when someone who may not teach taps or forges a teaching action, then it is refused and nothing is taught', async function () {
    const card = await ask(USERS.alex, 'when is the next INSET day?');
    const { questionId } = button(card, /Ask the IT manager/).data;
    const before = (await taught()).length;
    const headsReport = await ask(USERS.isaiah, 'report');
    assert.ok(!actionsOf(headsReport).some((a) => String(a.verb).startsWith('teach-')), 'the headteacher sees the report without teaching buttons');
    for (const user of [USERS.alex, USERS.isaiah]) {
      const refused = await tap(user, { type: 'Action.Execute', verb: 'teach-reply', data: { questionId } }, { reply: 'Next Monday' });
      assert.match(refused.text, /Teaching answers is for the IT manager and the Data Protection Champion/);
    }
    const forged = await tap(USERS.megan, { type: 'Action.Execute', verb: 'teach-clause', data: { questionId: { $ne: null } } }, { passageId: 's4-p1' });
    assert.match(forged.text, /couldn't find that question/);
    const unknownClause = await tap(USERS.megan, { type: 'Action.Execute', verb: 'teach-clause', data: { questionId } }, { reference: '99.9' });
    assert.match(unknownClause.text, /no clause or section "99\.9"/);
    assert.equal((await taught()).length, before);
  });

  it('when the asker taps "or did you mean" another clause, then their card shows it, the owner sees a suggestion, and nobody else gets it until the owner confirms', async function () {
    const question = 'am I allowed to take pupil data home on a usb stick?';
    const card = await ask(USERS.alex, question);
    const [best] = quoted(card);
    assert.match(cardText(card), /Or did you mean…/);
    const other = actionsOf(card).find((a) => a.verb === 'answer-choose')!;
    assert.ok(other, 'another clause is offered');
    const chosen = (await tap(USERS.alex, other)).card!;
    assert.notDeepEqual(quoted(chosen), [best]);
    assert.equal(quoted(chosen).length, 1);
    assert.match(cardText(chosen), /You chose this clause instead/);
    const refused = await tap(USERS.isaiah, other);
    assert.match(refused.text, /Only the person who asked/);

    // Someone else asking the same gets the policy's own best clause until the owner confirms.
    assert.deepEqual(quoted(await ask(USERS.isaiah, question)), [best]);
    const report = await ask(USERS.megan, 'report');
    assert.match(cardText(report), /Staff chose another clause/);
    await tap(USERS.megan, button(report, 'Confirm for everyone'));
    assert.deepEqual(quoted(await ask(USERS.isaiah, 'is it ok to take pupils data home on a usb stick')), quoted(chosen));
  });

  it('when the policy is reloaded, then a taught clause still in it keeps answering though renumbered, and one removed is dropped with a note to whoever taught it', async function () {
    const teachFor = async (question: string, reference: string) => teachClauseOn(t, await ask(USERS.alex, question), reference);
    await teachFor('antivirus keeps popping up can i turn it off', '4.1');
    await teachFor('is it allowed to plug my phone into the classroom PC to charge it?', '4.5');
    const clause41 = clauseText(policy, '4.1');
    // A new section 1 moves every section on; clause 4.5 is deleted.
    const edited = policy.replace('## 1 Introduction', '## 1 About this document\n\n1.0 Read this first.\n\n## 1 Introduction').replace(/^4\.5 .*$/m, '');
    await writeFile(policyFile, edited);
    try {
      const since = t.connector.calls.length;
      await t.post(message(USERS.patti, 'reload policy', t.serviceUrl));
      const reply = t.connector.calls.slice(since).map((c) => c.body.text).find((x) => typeof x === 'string' && x.includes('Policy reloaded'));
      assert.match(reply ?? '', /Taught answers: \d+ kept, 1 dropped because the clause is no longer in the policy: 4\.5 Software, hardware and removable media/);
      await t.bot.runOutbox();
      const toMegan = t.connector.calls.slice(since).filter((c) => c.conversationId === `a:personal-${USERS.megan.id}`).map((c) => c.body.text);
      assert.ok(toMegan.some((x) => /no longer has the clause you taught \(4\.5/.test(x)), JSON.stringify(toMegan));
      const stillTaught = await ask(USERS.isaiah, 'can i switch off the anti-virus, it keeps popping up');
      assert.ok(quoted(stillTaught)[0]?.endsWith(clause41), JSON.stringify(quoted(stillTaught)));
      assert.match(cardText(stillTaught), /chose this clause for questions like yours/);
      const states = (await taught()).filter((x) => x.clause?.text === clause41 || x.clause?.label.startsWith('4.5')).map((x) => x.state).sort();
      assert.deepEqual(states, ['active', 'dropped']);
      const report = await ask(USERS.megan, 'report');
      assert.match(cardText(report), /Dropped when the policy changed/);
      assert.match(cardText(report), /classroom PC to charge it/);
    } finally {
      await writeFile(policyFile, policy);
    }
  });
});

describe('Taught answers across a restart, through the real server over HTTP', function () {
  it('when the bot restarts on a policy that lost a taught clause, then start-up drops it and tells whoever taught it, and the rest still answer', async function () {
    const policyDir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-teach-restart-'));
    const policyFile = path.join(policyDir, 'policy.md');
    await copyFile(path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md'), policyFile);
    const policy = await readFile(policyFile, 'utf8');
    const first = await startBot({ POLICY_FILES: policyFile });
    let second: BotUnderTest | undefined;
    try {
      for (const user of [USERS.alex, USERS.megan]) await first.post(message(user, 'hi', first.serviceUrl));
      await teachClauseOn(first, await askOn(first, USERS.alex, 'antivirus keeps popping up can i turn it off'), '4.1');
      await teachClauseOn(first, await askOn(first, USERS.alex, 'is it allowed to plug my phone into the classroom PC to charge it?'), '4.5');
      await first.stop({ keep: true });
      await writeFile(policyFile, policy.replace(/^4\.5 .*$/m, ''));

      second = await startBot({ POLICY_FILES: policyFile }, undefined, undefined, { dataDir: first.dataDir, connector: first.connector, serviceUrl: first.serviceUrl });
      const since = second.connector.calls.length;
      await second.bot.runOutbox();
      const toMegan = second.connector.calls.slice(since).filter((c) => c.conversationId === `a:personal-${USERS.megan.id}`).map((c) => String(c.body.text));
      assert.ok(toMegan.some((x) => /no longer has the clause you taught \(4\.5/.test(x)), JSON.stringify(toMegan));
      const still = await askOn(second, USERS.alex, 'can i switch off the anti-virus, it keeps popping up');
      assert.match(cardText(still), /Megan Bowen \(IT manager\) chose this clause for questions like yours/);
      assert.ok(quoted(still)[0]?.endsWith(clauseText(policy, '4.1')));
      const states = (await second.bot.services.store.list<TaughtAnswer>('taught-answers')).map((x) => x.state).sort();
      assert.deepEqual(states, ['active', 'dropped']);
    } finally {
      await second?.stop();
      await first.connector.stop();
      await rm(first.dataDir, { recursive: true, force: true });
      await rm(policyDir, { recursive: true, force: true });
    }
  });
});
