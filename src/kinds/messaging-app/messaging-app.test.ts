import { describeKindJourney, sampleUser } from '../../../test/support/kind-journey.js';
import { USERS } from '../../../test/support/teams-activities.js';
import { messagingApp } from './kind.js';

describeKindJourney({
  kind: messagingApp,
  requester: USERS.alex,
  answers: { service: 'WhatsApp', purpose: 'A group chat for the staff on the Year 6 residential' },
  // The sample trust names the headteacher; the CEO is the fallback.
  approver: USERS.isaiah,
  fallback: sampleUser('jordan-ellis', '00000000-0000-0000-0000-0000000000033', 'Jordan Ellis'),
  bystander: USERS.adele,
  exporter: USERS.megan,
  clause: /5\.6 .*Messaging apps and social media may be used for Trust business only when the headteacher has agreed/s,
  registerRow: /Alex Wilber,Oakfield Primary School,WhatsApp,A group chat for the staff.*,approved,Isaiah Langer/,
});
