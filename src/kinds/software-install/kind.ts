import { z } from 'zod';
import { defineKind, detailColumns } from '../../domain/requests/request-kind.js';
import { httpUrl, optionalText, requiredText } from '../../domain/requests/schema-helpers.js';

/** Asking for a program to be put on a machine: "install", "download", "get Scratch on my laptop". */
const INSTALL_VERB_RE = /\b(?:install(?:s|ed|ing|ation)?|re-?install(?:ed|ing)?|download(?:s|ed|ing)?)\b/i;
const ONTO_DEVICE_RE =
  /\b(?:get|put|have|add|load|stick)\b([^.?!]{1,40}?)\b(?:on|onto|on to)\s+(?:my|the|a|our|this|his|her|their|class|classroom|school|work)\b[^.?!]{0,25}?\b(?:laptop|computer|pc|desktop|ipad|tablet|machine|chromebook|macbook|device|whiteboard|board)s?\b/i;
const PROGRAM_CONCEPTS = ['software', 'games', 'messenger', 'p2p', 'install'];
/** About protecting the machine (antivirus, updates), not about a program to add. */
const PROTECTION = ['antivirus', 'updates', 'virus'];

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
  leadsFrom: {
    precedence: 20,
    topic: 'software',
    anyOf: [
      { all: [['software']], none: PROTECTION },
      { all: [['install'], ['games', 'messenger', 'p2p']], none: [...PROTECTION, 'personal_data', 'books'] },
      {
        none: [...PROTECTION, 'personal_data', 'books'],
        // "get Scratch on my laptop": what is put on the machine is a program when the vocabulary
        // does not know it as something else (photos, files, data...).
        says: (question, knownAs) => {
          if (INSTALL_VERB_RE.test(question)) return true;
          const onto = ONTO_DEVICE_RE.exec(question);
          return !!onto && knownAs(onto[1]).every((id) => PROGRAM_CONCEPTS.includes(id));
        },
      },
    ],
  },
  prepare: (input): { software: string; url?: string; device?: string; reason?: string } => ({ ...input }),
  subject: (d) => d.software,
  register: {
    key: 'software',
    label: 'Software requests',
    columns: detailColumns({ 'Software': 'software', 'Link': 'url', 'Device': 'device', 'Reason': 'reason' }),
  },
});
