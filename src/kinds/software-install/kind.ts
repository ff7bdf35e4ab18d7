import { z } from 'zod';
import { defineKind, detailColumns } from '../../domain/requests/request-kind.js';
import { httpUrl, optionalText, requiredText } from '../../domain/requests/schema-helpers.js';

/** A request to install software: what, where from, which device, why. Goes to the IT manager. */
export const softwareInstall = defineKind({
  id: 'software',
  name: 'software-install',
  title: 'Software install request',
  startTitle: 'Request a software install',
  formTitle: 'Request a software install',
  formIntro: "I'll send this to {approver} to approve.",
  help: 'Say which software you need and why, then press **Next**. The IT manager approves installs; you will see their decision here.',
  fields: [
    { id: 'software', input: 'text', label: 'Software or app', placeholder: 'e.g. Audacity', maxLength: 200, required: true, errorMessage: 'Please say which software you need.', factTitle: 'Software' },
    { id: 'url', input: 'url', label: 'Link to it (optional)', placeholder: 'https://', maxLength: 500, factTitle: 'Link' },
    { id: 'device', input: 'text', label: 'Which device (optional)', placeholder: 'e.g. my classroom laptop', maxLength: 200, factTitle: 'Device' },
    { id: 'reason', input: 'multiline', label: 'Why do you need it?', maxLength: 1000, required: true, errorMessage: 'Please say why you need it.', factTitle: 'Why' },
  ],
  schema: z.object({
    software: requiredText('the name of the software', 200),
    url: httpUrl,
    device: optionalText('which device it is for', 200),
    reason: requiredText('why you need it', 1000),
  }),
  retention: { software: 'keep', url: 'keep', device: 'purge', reason: 'purge' },
  route: { approverRole: 'it_manager', fallbackRole: 'headteacher' },
  prepare: (input): { software: string; url?: string; device?: string; reason?: string } => ({ ...input }),
  subject: (d) => d.software,
  register: {
    key: 'software',
    label: 'Software requests',
    columns: detailColumns({ 'Software': 'software', 'Link': 'url', 'Device': 'device', 'Reason': 'reason' }),
  },
});
