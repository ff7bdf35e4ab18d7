import { z } from 'zod';
import { defineKind, detailColumns } from '../../domain/requests/request-kind.js';
import { mustConfirm, requiredText } from '../../domain/requests/schema-helpers.js';

/**
 * A personal device declaration: the device, what it reaches, and three confirmations (screen
 * lock, encryption, updates), all required. Approved declarations form the personal devices log.
 */
export const personalDevice = defineKind({
  id: 'personal_device',
  name: 'personal-device',
  title: 'Personal device declaration',
  startTitle: 'Declare a personal device',
  formTitle: 'Declare a personal device',
  formIntro: 'Once {approver} approves, your device goes in the personal devices log.',
  help: 'Describe the device and what you will use it for, and tick the three confirmations (all are needed), then press **Next**.',
  fields: [
    { id: 'device', input: 'text', label: 'Device', placeholder: 'e.g. my iPhone 13', maxLength: 200, required: true, errorMessage: 'Please describe the device.' },
    { id: 'accesses', input: 'multiline', label: 'What will you use it for?', placeholder: 'e.g. school email and Teams', maxLength: 1000, required: true, errorMessage: 'Please say what the device will be used to access.', factTitle: 'Used to access' },
    { id: 'screenLock', input: 'confirm', label: 'Screen lock', heading: 'Please confirm all three:', confirmText: 'It locks with a PIN, password or fingerprint/face', required: true, errorMessage: 'Please confirm the screen lock.', factTitle: 'Screen lock and password or PIN' },
    { id: 'encryption', input: 'confirm', label: 'Encryption', confirmText: 'Its storage is encrypted', required: true, errorMessage: 'Please confirm the encryption.', factTitle: 'Storage encrypted' },
    { id: 'updates', input: 'confirm', label: 'Security updates', confirmText: 'It gets security updates, and they are turned on', required: true, errorMessage: 'Please confirm updates are on.', factTitle: 'Security updates on' },
  ],
  schema: z.object({
    device: requiredText('a description of the device', 200),
    accesses: requiredText('what the device will be used to access', 1000),
    screenLock: mustConfirm('Please confirm the device locks with a PIN, password or biometrics.'),
    encryption: mustConfirm("Please confirm the device's storage is encrypted."),
    updates: mustConfirm('Please confirm the device gets security updates and has them turned on.'),
  }),
  retention: { device: 'purge', accesses: 'purge' },
  route: { approverRole: 'it_manager', fallbackRole: 'headteacher' },
  leadsFrom: { precedence: 10, topic: 'personal_devices', anyOf: [{ all: [['own'], ['device', 'laptop', 'tablet', 'phone', 'computer']] }] },
  prepare: (input): { device?: string; accesses?: string; screenLock: true; encryption: true; updates: true } => ({ ...input }),
  subject: (d) => d.device ?? 'a personal device',
  register: {
    key: 'personal_devices',
    label: 'Personal devices log',
    // The log holds approved declarations only: a device is "in the log" once approved.
    approvedOnly: true,
    columns: detailColumns({ 'Device': 'device', 'Used to access': 'accesses', 'Screen lock': 'screenLock', 'Encrypted': 'encryption', 'Updates on': 'updates' }),
  },
  approvedNote: () => ' Your device is now in the personal devices log.',
});
