import assert from 'node:assert/strict';
import { recogniseIncidentIntent, type IncidentIntent } from '../../../src/domain/incidents/incident-intent.js';

describe('incident intent (plain words that start the lost-device flow)', () => {
  const reports: Array<[string, IncidentIntent]> = [
    ['lost my laptop', { item: 'laptop', circumstance: 'lost' }],
    ['my phone was stolen', { item: 'phone', circumstance: 'stolen' }],
    ["I can't find my ID badge", { item: 'id_badge', circumstance: 'lost' }],
    ['I can’t find my ID badge', { item: 'id_badge', circumstance: 'lost' }],
    ['left my USB stick on the train', { item: 'usb_stick', circumstance: 'lost' }],
    ["I've lost my laptop, what do I do?", { item: 'laptop', circumstance: 'lost' }],
    ['someone nicked my school ipad from the staffroom', { item: 'tablet', circumstance: 'stolen' }],
    ['my laptop was stolen from my car, do I need to tell the police?', { item: 'laptop', circumstance: 'stolen' }],
    ['I have misplaced my ID badge', { item: 'id_badge', circumstance: 'lost' }],
    ["my phone's been nicked", { item: 'phone', circumstance: 'stolen' }],
    ['My car was broken into and my laptop is gone', { item: 'laptop', circumstance: 'stolen' }],
    ['my lanyard has gone missing', { item: 'id_badge', circumstance: 'lost' }],
    ['Dropped my phone somewhere in town', { item: 'phone', circumstance: 'lost' }],
    ['report a lost laptop', { item: 'laptop', circumstance: 'lost' }],
    ['I lost my device', { circumstance: 'lost' }],
  ];
  for (const [text, expected] of reports) {
    it(`when someone types "${text}", then it is a report: ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(recogniseIncidentIntent(text), expected);
    });
  }

  const notReports = [
    'what should I do if my laptop is stolen?',
    'what happens if I lose my phone',
    'if my badge is lost who do I tell?',
    'can I take my laptop home?',
    'can I install Audacity on my school laptop?',
    'I lost my password',
    "I've lost my keys",
    'my laptop is slow',
    'IT took my laptop for repair',
    'is the policy on stolen laptops the same for tablets?',
    '',
  ];
  for (const text of notReports) {
    it(`when someone types "${text}", then it is not a report (left to the policy answer)`, () => {
      assert.equal(recogniseIncidentIntent(text), undefined);
    });
  }
});
