import { z } from 'zod';
import { defineKind, detailColumns } from '../../domain/requests/request-kind.js';
import { requiredText } from '../../domain/requests/schema-helpers.js';

/** Using a messaging, social, streaming or webmail service for work: which, and for what. Goes to the role the trust names. */
export const messagingApp = defineKind({
  id: 'messaging_app',
  name: 'messaging-app',
  title: 'Request to use a messaging or social service',
  startTitle: 'Ask to use an app or service for work',
  formTitle: 'Ask to use a messaging, social or streaming service for work',
  formIntro: "I'll send this to {approver} to approve. Please don't use it for school business until it is approved.",
  help: 'Say which service and what you would use it for, then press **Next**.',
  fields: [
    { id: 'service', slot: 'software', input: 'text', label: 'Which service?', placeholder: 'e.g. WhatsApp, YouTube, Instagram', maxLength: 200, required: true, errorMessage: 'Please say which service.', factTitle: 'Service' },
    { id: 'purpose', input: 'multiline', label: 'What would you use it for?', placeholder: 'e.g. a group chat for the Year 10 trip staff', maxLength: 1000, required: true, errorMessage: 'Please say what for.', factTitle: 'For' },
  ],
  schema: z.object({
    service: requiredText('which service', 200),
    purpose: requiredText('what you would use it for', 1000),
  }),
  retention: { service: 'keep', purpose: 'purge' },
  route: { approverRole: 'headteacher', fallbackRole: 'ceo' },
  // Installing the app is a software request (higher precedence); using the service is this.
  leadsFrom: { precedence: 18, anyOf: [{ all: [['messenger', 'social_media', 'streaming']] }] },
  prepare: (input): { service: string; purpose?: string } => ({ ...input }),
  subject: (d) => d.service,
  register: {
    key: 'messaging_app',
    label: 'Messaging, social and streaming services authorised',
    columns: detailColumns({ Service: 'service', Purpose: 'purpose' }),
  },
});
