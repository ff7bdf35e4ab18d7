import { z } from 'zod';
import { ValidationError } from '../../domain/requests/errors.js';
import { defineKind, detailColumns, endOfDay } from '../../domain/requests/request-kind.js';
import { calendarDate, mustConfirm, optionalDate, requiredText } from '../../domain/requests/schema-helpers.js';

/**
 * Taking a copy of personal data outside the school's systems: what data, whose, why, how it is
 * carried and protected, when it comes back, and a short risk assessment. Goes to the headteacher;
 * when the return date passes, the requester is reminded to bring it back or delete it.
 */
export const dataOffSite = defineKind({
  id: 'data_off_site',
  name: 'data-off-site',
  title: 'Request to take data off site',
  startTitle: 'Ask to take data off site',
  formTitle: 'Ask to take personal data off site',
  formIntro: "I'll send this to {approver} to approve. Please don't take the data until it is approved.",
  help: 'Say what data, whose it is, why, how you will carry and protect it, when it comes back and what could go wrong, then press **Next**.',
  fields: [
    { id: 'data', input: 'text', label: 'What data?', placeholder: 'e.g. Year 6 SATs results spreadsheet', maxLength: 200, required: true, errorMessage: 'Please say what data.', factTitle: 'Data' },
    { id: 'whose', input: 'text', label: 'Whose data is it?', placeholder: 'e.g. pupils in 6B', maxLength: 200, required: true, errorMessage: 'Please say whose data it is.', factTitle: 'Whose' },
    { id: 'reason', input: 'multiline', label: 'Why does it need to leave school?', maxLength: 1000, required: true, errorMessage: 'Please say why.', factTitle: 'Why' },
    { id: 'protection', input: 'multiline', label: 'How will it be carried and protected?', placeholder: 'e.g. on the encrypted school laptop, never printed', maxLength: 1000, required: true, errorMessage: 'Please say how it will be protected.', factTitle: 'Carried and protected' },
    { id: 'from', input: 'date', label: 'When will it leave school? (leave empty for as soon as it is approved)', factTitle: 'Leaves on' },
    { id: 'returnBy', slot: 'until', input: 'date', label: 'When will it come back (or be deleted)?', required: true, errorMessage: 'Please choose the day it comes back.', factTitle: 'Back by' },
    { id: 'risks', input: 'multiline', label: 'Risk assessment: what could go wrong, and how you reduce it', maxLength: 1000, required: true, errorMessage: 'Please write a short risk assessment.', factTitle: 'Risk assessment' },
    { id: 'encrypted', input: 'confirm', label: 'Encryption', confirmText: 'Any device or file holding the data is encrypted', required: true, errorMessage: 'Please confirm the data is encrypted.', factTitle: 'Encrypted' },
  ],
  schema: z.object({
    data: requiredText('what data you will take', 200),
    whose: requiredText('whose data it is', 200),
    reason: requiredText('why it needs to leave school', 1000),
    protection: requiredText('how it will be carried and protected', 1000),
    from: optionalDate('the day it leaves school'),
    returnBy: calendarDate('the day it comes back'),
    risks: requiredText('a short risk assessment', 1000),
    encrypted: mustConfirm('Please confirm any device or file holding the data is encrypted.'),
  }),
  refine(input, ctx) {
    if (input.from && input.returnBy < input.from) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['returnBy'], message: 'The day it comes back must be on or after the day it leaves.' });
    }
  },
  retention: { data: 'keep', whose: 'purge', reason: 'purge', protection: 'keep', from: 'keep', returnBy: 'keep', risks: 'purge' },
  route: { approverRole: 'headteacher', fallbackRole: 'ceo' },
  // Personal data going home or elsewhere off site; losing it is a lost device or a breach instead.
  leadsFrom: {
    precedence: 25,
    anyOf: [{ all: [['personal_data'], ['off_site', 'work_from_home']], none: ['lost', 'theft', 'breach'] }],
  },
  prepare(input, { today }): { data: string; whose?: string; reason?: string; protection: string; from?: string; returnBy: string; risks?: string; encrypted: true } {
    if (input.from && input.from < today) throw new ValidationError(['The day the data leaves school is already in the past: leave it empty for as soon as it is approved.']);
    if (input.returnBy < today) throw new ValidationError(['The day the data comes back is already in the past.']);
    return { ...input };
  },
  subject: (d) => d.data,
  register: {
    key: 'data_off_site',
    label: 'Personal data taken off site',
    columns: detailColumns({ Data: 'data', Whose: 'whose', Reason: 'reason', 'Carried and protected': 'protection', 'Leaves on': 'from', 'Back by': 'returnBy', 'Risk assessment': 'risks', Encrypted: 'encrypted' }),
    closingColumns: [{ title: 'Requester told it was due back at', value: (r) => r.expiryNotifiedAt }],
  },
  approvedNote: (r, h) => ` Please bring it back or delete it by ${h.date(r.details.returnBy)}.`,
  periodEnd: {
    at: (d) => endOfDay(d.returnBy),
    text: (r, h) => `The data you took off site (${h.subject}) was due back on ${h.date(r.details.returnBy)}. Please return it to school systems or securely delete your copy now.`,
  },
});
