import { z } from 'zod';
import { findPasswordSharingRule } from '../../domain/policy/password-sharing.js';
import { ValidationError } from '../../domain/requests/errors.js';
import { defineKind, detailColumns, endOfDay } from '../../domain/requests/request-kind.js';
import { calendarDate, optionalId, optionalText, requiredText } from '../../domain/requests/schema-helpers.js';

/** Longest a password may be shared in one go. */
const MAX_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Who may use whose account, on which system, why, from and until: never the password itself.
 * Approval is told to the IT manager; when it ends the owner is told to change the password.
 * Where the policy forbids sharing outright, nobody can authorise it.
 */
export const passwordSharing = defineKind({
  id: 'password_sharing',
  name: 'password-sharing',
  title: 'Password-sharing authorisation',
  startTitle: 'Ask to share a password',
  formTitle: 'Ask to share your password',
  formIntro: "I'll send this to {approver} to authorise. Never type your password here: I don't need it and won't ask for it.",
  help: 'Say who will use your account, on which system, why and for which days, then press **Next**. Never type your password here.',
  fields: [
    { id: 'sharedWithPersonId', input: 'colleague', label: 'Who will use your account?', placeholder: 'Choose a colleague', factTitle: 'Will be used by' },
    { id: 'sharedWithName', input: 'text', label: "Or their name, if they're not on the list", placeholder: 'e.g. a supply teacher', maxLength: 200, factTitle: 'Will be used by' },
    { id: 'system', input: 'text', label: 'Which system or account?', placeholder: 'e.g. Arbor, or my school email', maxLength: 200, required: true, errorMessage: 'Please say which system.', factTitle: 'System' },
    { id: 'reason', input: 'multiline', label: 'Why does it need to be shared?', maxLength: 1000, required: true, errorMessage: 'Please say why.', factTitle: 'Why' },
    { id: 'from', input: 'date', label: 'From', required: true, errorMessage: 'Please choose the first day.' },
    {
      id: 'until',
      input: 'date',
      label: 'Until',
      required: true,
      errorMessage: 'Please choose the last day.',
      factSuffix: { summary: ' (then you must change your password)', card: ' (then the password must be changed)' },
    },
  ],
  schema: z.object({
    sharedWithPersonId: optionalId,
    sharedWithName: optionalText('the name of the person who will use the account', 200),
    system: requiredText('which system or account it is', 200),
    reason: requiredText('why the account needs to be shared', 1000),
    from: calendarDate('the first day of sharing'),
    until: calendarDate('the last day of sharing'),
  }),
  refine(input, ctx) {
    if (!input.sharedWithPersonId && !input.sharedWithName) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sharedWithName'], message: 'Please say who will use the account.' });
    }
    if (input.until < input.from) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['until'], message: 'The last day of sharing must be on or after the first day.' });
    }
  },
  retention: { sharedWithPersonId: 'keep', sharedWithName: 'keep', system: 'keep', reason: 'purge', from: 'keep', until: 'keep' },
  route: { approverRole: 'slt', fallbackRole: 'headteacher', sameSchool: true },
  leadsFrom: { precedence: 30, topic: 'passwords', anyOf: [{ all: [['password'], ['share', 'log_on', 'colleague']] }] },
  beneficiaryField: 'sharedWithPersonId',
  prepare(input, { trust, requester, today }): { sharedWithPersonId?: string; sharedWithName: string; system: string; reason?: string; from: string; until: string } {
    let sharedWithName = input.sharedWithName;
    if (input.sharedWithPersonId) {
      const user = trust.findById(input.sharedWithPersonId);
      if (!user) throw new ValidationError(["I couldn't find the person who will use the account in your trust."]);
      sharedWithName = user.name;
    }
    if (input.sharedWithPersonId === requester.id) {
      throw new ValidationError(['Please choose the person who will use your account, not yourself.']);
    }
    if (input.until < today) throw new ValidationError(['The last day of sharing is already in the past.']);
    if (Date.parse(input.until) - Date.parse(input.from) > MAX_DAYS * DAY_MS) {
      throw new ValidationError(['Password sharing can be authorised for up to a year at a time.']);
    }
    return { ...input, sharedWithName: sharedWithName! };
  },
  subject: (d) => `${d.system}, used by ${d.sharedWithName}`,
  facts: (r, h) => [
    { title: 'Account owner', value: h.name(r.requesterId) },
    { title: 'Will be used by', value: h.text(r.details.sharedWithName, 200) },
    { title: 'System', value: h.text(r.details.system, 200) },
    { title: 'Why', value: h.text(r.details.reason) },
    { title: 'From', value: h.date(r.details.from) },
    { title: 'Until', value: `${h.date(r.details.until)} (then the password must be changed)` },
  ],
  register: {
    key: 'password_sharing',
    label: 'Password-sharing authorisations',
    columns: detailColumns({ 'Shared with': 'sharedWithName', 'System': 'system', 'Reason': 'reason', 'From': 'from', 'Until': 'until' }),
    closingColumns: [
      { title: 'IT informed at', value: (r, h) => h.at(r.itInformedAt) },
      { title: 'Owner told to change password at', value: (r, h) => h.at(r.expiryNotifiedAt) },
    ],
  },
  approvedNote: (r, h) => ` When it ends on ${h.date(r.details.until)}, change your password.`,
  informOnApproval: {
    role: 'it_manager',
    text: (r, h) => `For your records: ${h.decider} authorised ${h.requester} to share their ${h.subject}, ${h.date(r.details.from)} to ${h.date(r.details.until)}.`,
  },
  periodEnd: {
    at: (d) => endOfDay(d.until),
    text: (r, h) =>
      `Your password-sharing authorisation (${h.subject}) ended on ${h.date(r.details.until)}. Please change your ${h.text(r.details.system, 60)} password now, so only you can sign in.`,
  },
  policyRule: findPasswordSharingRule,
});
