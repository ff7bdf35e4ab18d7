import { z } from 'zod';
import { ValidationError } from '../../domain/requests/errors.js';
import { defineKind, detailColumns } from '../../domain/requests/request-kind.js';
import { calendarDate, optionalDate, requiredText } from '../../domain/requests/schema-helpers.js';

/**
 * Access to the MIS or another system: which system, what access, why, for how long. Goes to the
 * authoriser the trust file names for that system (routing `authorisers`), else the headteacher.
 */
export const systemAccess = defineKind({
  id: 'system_access',
  name: 'system-access',
  title: 'System access request',
  startTitle: 'Ask for access to a system',
  formTitle: 'Ask for access to the MIS or another system',
  formIntro: "I'll send this to {approver} to confirm you need it. The authoriser depends on the system.",
  help: 'Say which system, what access you need, why and until when, then press **Next**. Never type a password here.',
  fields: [
    { id: 'system', input: 'text', label: 'Which system?', placeholder: 'e.g. Arbor (MIS)', maxLength: 200, required: true, errorMessage: 'Please say which system.', factTitle: 'System' },
    { id: 'access', input: 'text', label: 'What access do you need?', placeholder: 'e.g. read-only: attendance for my class', maxLength: 200, required: true, errorMessage: 'Please say what access.', factTitle: 'Access' },
    { id: 'reason', input: 'multiline', label: 'Why do you need it for your work?', maxLength: 1000, required: true, errorMessage: 'Please say why.', factTitle: 'Why' },
    { id: 'from', input: 'date', label: 'From when? (leave empty for as soon as it is approved)', factTitle: 'From' },
    { id: 'until', input: 'date', label: 'Until when?', required: true, errorMessage: 'Please choose the last day you need it.', factTitle: 'Until' },
  ],
  schema: z.object({
    system: requiredText('which system', 200),
    access: requiredText('what access you need', 200),
    reason: requiredText('why you need it for your work', 1000),
    from: optionalDate('the first day you need it'),
    until: calendarDate('the last day you need it'),
  }),
  refine(input, ctx) {
    if (input.from && input.until < input.from) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['until'], message: 'The last day you need access must be on or after the first day.' });
    }
  },
  retention: { system: 'keep', access: 'keep', reason: 'purge', from: 'keep', until: 'keep' },
  route: { approverRole: 'headteacher', fallbackRole: 'ceo' },
  leadsFrom: { precedence: 22, anyOf: [{ all: [['mis'], ['access_rights']] }] },
  routeByField: 'system',
  prepare(input, { today }): { system: string; access: string; reason?: string; from?: string; until: string } {
    if (input.from && input.from < today) throw new ValidationError(['The first day you need access is already in the past: leave it empty to start as soon as it is approved.']);
    if (input.until < today) throw new ValidationError(['The last day you need access is already in the past.']);
    return { ...input };
  },
  subject: (d) => `${d.system}: ${d.access}`,
  register: {
    key: 'system_access',
    label: 'System access authorisations',
    columns: detailColumns({ System: 'system', Access: 'access', Reason: 'reason', From: 'from', Until: 'until' }),
  },
});
