import { z } from 'zod';
import { defineKind, detailColumns } from '../../domain/requests/request-kind.js';
import { requiredText } from '../../domain/requests/schema-helpers.js';

/** Connecting a device or equipment (USB device, camera, phone, Bluetooth…) to school systems: what, to what, why. Goes to the IT manager. */
export const connectDevice = defineKind({
  id: 'connect_device',
  name: 'connect-device',
  title: 'Request to connect a device',
  startTitle: 'Ask to connect a device',
  formTitle: 'Ask to connect a device or equipment',
  formIntro: "I'll send this to {approver} to approve. Please don't plug it in until it is approved.",
  help: 'Say what the device is, what you want to connect it to and why, then press **Next**.',
  fields: [
    { id: 'device', input: 'text', label: 'What device or equipment?', placeholder: 'e.g. a USB document camera', maxLength: 200, required: true, errorMessage: 'Please say what the device is.', factTitle: 'Device' },
    { id: 'connectTo', input: 'text', label: 'What do you want to connect it to?', placeholder: 'e.g. the classroom PC in room 12', maxLength: 200, required: true, errorMessage: 'Please say what it connects to.', factTitle: 'Connect to' },
    { id: 'reason', input: 'multiline', label: 'Why is it needed?', maxLength: 1000, required: true, errorMessage: 'Please say why.', factTitle: 'Why' },
  ],
  schema: z.object({
    device: requiredText('what the device is', 200),
    connectTo: requiredText('what you want to connect it to', 200),
    reason: requiredText('why it is needed', 1000),
  }),
  retention: { device: 'keep', connectTo: 'keep', reason: 'purge' },
  route: { approverRole: 'it_manager', fallbackRole: 'headteacher' },
  // Plugging or pairing equipment with school systems; joining a network from home is not that.
  leadsFrom: {
    precedence: 15,
    anyOf: [
      {
        all: [['connect'], ['device', 'usb', 'peripheral', 'wearable', 'cable', 'phone', 'laptop', 'tablet', 'computer']],
        none: ['lost', 'theft', 'wifi', 'vpn', 'off_site', 'work_from_home'],
      },
    ],
  },
  prepare: (input): { device: string; connectTo: string; reason?: string } => ({ ...input }),
  subject: (d) => `${d.device} to ${d.connectTo}`,
  register: {
    key: 'connect_device',
    label: 'Devices connected to school systems',
    columns: detailColumns({ Device: 'device', 'Connected to': 'connectTo', Reason: 'reason' }),
  },
});
