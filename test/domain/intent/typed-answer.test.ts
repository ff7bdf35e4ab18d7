import assert from 'node:assert/strict';
import type { ZodTypeAny } from 'zod';
import { fieldOnScreen, readTypedAnswer } from '../../../src/domain/intent/typed-answer.js';
import { PeopleMatcher } from '../../../src/domain/intent/people-matcher.js';
import { kindByIdOrName } from '../../../src/domain/requests/kinds.js';
import type { AnyRequestKind } from '../../../src/domain/requests/request-kind.js';

const passwordSharing = kindByIdOrName('password-sharing')!;
const softwareInstall = kindByIdOrName('software-install')!;

// Tuesday 1 December 2026, 10:00 in London.
const ctx = {
  now: new Date('2026-12-01T10:00:00Z'),
  timeZone: 'Europe/London',
  people: new PeopleMatcher([
    { id: 'alex', name: 'Alex Wilber' },
    { id: 'tom-r', name: 'Tom Reed' },
    { id: 'tom-b', name: 'Tom Baker' },
  ]),
  senderId: 'alex',
};
const field = (kind: AnyRequestKind, id: string) => kind.fields.find((f) => f.id === id)!;
const shape = (kind: AnyRequestKind, id: string) => (kind.schema.shape as Record<string, ZodTypeAny>)[id];

describe('typed answers to the field on screen', function () {
  it('when a form has empty fields, then the first one it needs (required, or the colleague picker) is on screen, never a tick box or an optional extra before it', () => {
    assert.equal(fieldOnScreen(passwordSharing.fields, {})?.id, 'sharedWithPersonId');
    assert.equal(fieldOnScreen(passwordSharing.fields, { sharedWithPersonId: 'tom-r' })?.id, 'system');
    assert.equal(fieldOnScreen(softwareInstall.fields, { software: 'Zoom' })?.id, 'reason', 'the optional link is skipped');
    assert.equal(fieldOnScreen(softwareInstall.fields, { software: 'Zoom', reason: 'lessons' })?.id, 'url', 'then the optional ones');
  });

  it('when a date is typed, then it is read en-GB and the coming day is taken; what is not a date is explained', () => {
    assert.deepEqual(readTypedAnswer(field(passwordSharing, 'from'), shape(passwordSharing, 'from'), '3/12', ctx), { value: '2026-12-03' });
    assert.deepEqual(readTypedAnswer(field(passwordSharing, 'until'), shape(passwordSharing, 'until'), 'friday', ctx), { value: '2026-12-04' });
    const bad = readTypedAnswer(field(passwordSharing, 'from'), shape(passwordSharing, 'from'), 'whenever', ctx);
    assert.match('problem' in bad ? bad.problem : '', /couldn't read "whenever" as a date/);
  });

  it('when a colleague is typed, then the directory finds them; a name two people share, or the sender, is not guessed', () => {
    const picker = field(passwordSharing, 'sharedWithPersonId');
    assert.deepEqual(readTypedAnswer(picker, undefined, 'Tom Reed', ctx), { value: 'tom-r' });
    const two = readTypedAnswer(picker, undefined, 'Tom', ctx);
    assert.match('problem' in two ? two.problem : '', /More than one person is called that \(Tom Reed, Tom Baker\)/);
    assert.ok('problem' in readTypedAnswer(picker, undefined, 'Alex Wilber', ctx));
  });

  it('when text breaks the field\'s own rule, then the schema\'s message is the problem', () => {
    const link = readTypedAnswer(field(softwareInstall, 'url'), shape(softwareInstall, 'url'), 'the zoom website', ctx);
    assert.match('problem' in link ? link.problem : '', /full web address/);
    assert.deepEqual(readTypedAnswer(field(softwareInstall, 'reason'), shape(softwareInstall, 'reason'), '  for parents evening  ', ctx), { value: 'for parents evening' });
  });

  it('when a secret was removed from the typed text, then nothing goes on the form', () => {
    const r = readTypedAnswer(field(passwordSharing, 'system'), shape(passwordSharing, 'system'), 'Arbor, password is [secret removed]', ctx);
    assert.match('problem' in r ? r.problem : '', /looked like a password/);
  });
});
