import { defineReportKind } from '../../domain/incidents/report-kind.js';

/**
 * Reporting a lost or stolen device or ID badge: three taps (what, lost or stolen, could data be
 * involved), the people responsible told at once, the first of them to acknowledge takes it on.
 */
export const lostDevice = defineReportKind({
  id: 'lost_device',
  name: 'lost-device',
  title: 'Lost or stolen device',
  startTitle: 'Report a lost or stolen device',
  help: "You're reporting a lost or stolen device or ID badge: tap the buttons on the card. Nothing is sent until you press **Send report**.",
  leadsFrom: {
    precedence: 40,
    topic: 'lost_device',
    anyOf: [
      { all: [['lost', 'theft'], ['device', 'laptop', 'tablet', 'phone', 'computer', 'usb', 'badge']] },
      // Lost data with no device named is a data breach, not a lost device.
      { all: [['lost', 'theft']], none: ['personal_data'] },
    ],
  },
  items: {
    laptop: { button: 'Laptop', label: 'Laptop', noun: 'laptop' },
    phone: { button: 'Phone', label: 'Phone', noun: 'phone' },
    tablet: { button: 'Tablet', label: 'Tablet', noun: 'tablet' },
    usb_stick: { button: 'USB stick', label: 'USB stick or memory card', noun: 'USB stick or memory card' },
    id_badge: { button: 'ID badge', label: 'ID badge', noun: 'ID badge' },
    other_device: { button: 'Other device', label: 'Other device', noun: 'device' },
  },
  circumstances: {
    lost: { button: "Lost or can't find it", word: 'Lost' },
    stolen: { button: 'Stolen', word: 'Stolen' },
  },
  dataInvolved: {
    yes: { button: 'Yes', fact: 'Yes: could be on it or reachable from it' },
    no: { button: 'No', fact: 'No' },
    unsure: { button: 'Not sure', fact: 'Not sure (treated as yes)' },
  },
  retention: { description: 'purge', location: 'purge', crimeReference: 'keep' },
  register: {
    key: 'incidents',
    label: 'Lost and stolen devices and breaches',
    columns: [
      { title: 'Incident id', value: (i) => i.id },
      { title: 'Reported', value: (i, h) => h.at(i.reportedAt) },
      { title: 'Reporter', value: (i, h) => h.name(i.reporterId) },
      { title: 'School', value: (i, h) => h.schoolName(i.school) },
      { title: 'Item', value: (i) => lostDevice.items[i.item].label },
      { title: 'Lost or stolen', value: (i) => i.circumstance },
      { title: 'Noticed on', value: (i) => i.noticedOn },
      { title: 'Personal data may be involved', value: (i) => i.dataInvolved },
      { title: 'Breach reporting deadline', value: (i, h) => h.at(i.breachReportDeadline) },
      { title: 'Description', value: (i) => i.description },
      { title: 'Where', value: (i) => i.location },
      { title: 'Crime reference', value: (i) => i.crimeReference },
      { title: 'Status', value: (i) => i.status },
      { title: 'Acknowledged by', value: (i, h) => h.name(i.acknowledgement?.byId) },
      { title: 'Acknowledged at', value: (i, h) => h.at(i.acknowledgement?.at) },
      { title: 'Closed at', value: (i, h) => h.at(i.closedAt) },
    ],
  },
});
