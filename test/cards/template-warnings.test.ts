import assert from 'node:assert/strict';
import { renderCard } from '../../src/adapters/teams/card-renderer.js';
import { takeTemplateWarnings } from '../support/template-warnings.js';

describe("templating warnings from the bot's own card renderer", function () {
  it('when a card is rendered with a binding missing from its data, then the warning is caught (and the test that caused it would fail)', function () {
    renderCard('request-refused', { heading: 'Software install requests aren\u2019t allowed' });
    const warnings = takeTemplateWarnings();
    assert.ok(warnings.length > 0, 'no warning was caught');
    assert.ok(warnings.every((w) => w.startsWith('cards/request-refused.json: ')), warnings.join('\n'));
  });

  it('when a card is rendered with all its data, then nothing is caught', function () {
    renderCard('request-refused', { heading: 'Not allowed', explanation: 'Because.', clause: null, contact: null });
    assert.deepEqual(takeTemplateWarnings(), []);
  });
});
