/**
 * Guards the question-set figures recorded by `npm run bench:qa` (bench/qa-results.json): every
 * set, policy and mode is recomputed through the `policy-desk ask` code path, and a drop of more
 * than one question fails. Needs ../shared (the policies and the development set): skipped with a
 * note on a fresh clone, a failure under CI.
 */
import assert from 'node:assert/strict';
import { drops, fitQuestions, readRecorded, runQa, type QaReport, type QaSet } from '../../bench/qa-run.js';
import { requireShared } from '../support/shared-data.js';

describe('question-set figures (bench:qa)', function () {
  // Six documents, each refitted without it: about 2.5 min on a quiet 2-core machine, several times that on a shared one.
  this.timeout(900_000);
  let fresh: QaReport | undefined;

  before(async function () {
    requireShared(this, 'qa/dev.jsonl');
    requireShared(this, 'policies/extra/staff-handbook-it-data-social.md');
    fresh = await runQa();
  });

  it('when the figures are recomputed, then none is more than one question below the recorded one, in-sample or leave-one-policy-out', () => {
    const recorded = readRecorded();
    assert.ok(recorded, 'bench/qa-results.json is missing: run npm run bench:qa');
    const worse = [...drops(recorded.inSample, fresh!.inSample, 'in-sample'), ...drops(recorded.lopo, fresh!.lopo, 'leave-one-policy-out')];
    assert.deepEqual(worse, [], `figures dropped (if intended, re-run npm run bench:qa and say why in the commit):\n${worse.join('\n')}`);
  });

  it('when the engine has no fit hook, then leave-one-policy-out is the in-sample figure, and the record says which', () => {
    const recorded = readRecorded()!;
    assert.equal(recorded.fitted, fresh!.fitted, 'the record was made with a different fitting; re-run npm run bench:qa');
    if (!fresh!.fitted) assert.deepEqual(fresh!.lopo, fresh!.inSample);
  });
});

describe('question-set drop check', () => {
  const t = (hit1: number, falseAbstain = 0) => ({ questions: 10, answerable: 8, hit1, hit3: 8, falseAbstain, outOfScope: 2, abstainOk: 2 });

  it('when a figure is one question lower, then it passes; when two lower, then it is named', () => {
    const rec = { dev: { total: t(6) } };
    assert.deepEqual(drops(rec, { dev: { total: t(5) } }, 'in-sample'), []);
    assert.deepEqual(drops(rec, { dev: { total: t(4) } }, 'in-sample'), ['in-sample dev total: hit1 4 < recorded 6 - 1']);
  });

  it('when false abstentions rise by two, or the set changed size, then it fails', () => {
    const rec = { dev: { total: t(6, 0) } };
    assert.equal(drops(rec, { dev: { total: t(6, 2) } }, 'lopo').length, 1);
    assert.match(drops(rec, { dev: { total: { ...t(6), questions: 11 } } }, 'lopo')[0], /questions changed/);
  });
});

describe('which questions a fit is given', () => {
  const q = (id: string) => ({ id, policy: 'p.txt', question: `question ${id}`, answerable: true, evidence: ['x'] });
  const set = (role: QaSet['role']): QaSet => ({ name: role, file: `${role}.jsonl`, role, questions: [q('1'), q('2')] });

  it('when a set is the development set, then all its questions are fitted on, abstention included', () => {
    assert.deepEqual(fitQuestions(set('development')).map((x) => [x.id, x.rankingOnly ?? false]), [['1', false], ['2', false]]);
  });

  it('when a set is an in-repo fitting set, then its questions fit the ranking only; when held out, then none is fitted on', () => {
    assert.deepEqual(fitQuestions(set('fitting')).map((x) => [x.id, x.rankingOnly]), [['1', true], ['2', true]]);
    assert.deepEqual(fitQuestions(set('held-out')), []);
  });
});
