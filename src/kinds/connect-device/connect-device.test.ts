import { describeKindJourney } from '../../../test/support/kind-journey.js';
import { USERS } from '../../../test/support/teams-activities.js';
import { connectDevice } from './kind.js';

describeKindJourney({
  kind: connectDevice,
  requester: USERS.alex,
  answers: { device: 'USB document camera', connectTo: 'Classroom PC in room 12', reason: 'Showing pupils work under the visualiser' },
  approver: USERS.megan,
  fallback: USERS.isaiah,
  bystander: USERS.lynne,
  exporter: USERS.megan,
  clause: /4\.4 .*No device may be attached to Trust computers or the network without approval from the IT team/s,
  registerRow: /Alex Wilber,Oakfield Primary School,USB document camera,Classroom PC in room 12,Showing pupils work.*,approved,Megan Bowen/,
});
