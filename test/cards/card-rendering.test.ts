import assert from 'node:assert/strict';
import { CardRenderer, PHONE_WIDTH, sampleCards, teamsThemes, type CardLayoutReport } from '../support/card-rendering.js';
import { requireChromium } from '../support/playground.js';
import { requireShared } from '../support/shared-data.js';

// Every card template, bound to its sample data, rendered by the official `adaptivecards`
// renderer in Debian's Chromium at a small phone's width, as Teams' light and dark themes and a
// high-contrast rendering show it. Skips with a note without Chromium (fails under CI=true).
describe(`Cards on a ${PHONE_WIDTH} px phone, rendered in Chromium in light, dark and high contrast`, function () {
  this.timeout(120_000);
  let renderer: CardRenderer | undefined;
  const reports = new Map<string, CardLayoutReport>();

  before(async function () {
    requireChromium(this);
    requireShared(this, 'schemas/teams-hostconfig-light.json');
    renderer = await CardRenderer.launch();
    for (const { name, card } of sampleCards()) {
      for (const theme of teamsThemes()) reports.set(`${name} (${theme.name})`, await renderer.render(card, theme));
    }
  });
  after(async () => renderer?.close());

  const problems = (pick: (r: CardLayoutReport) => string[]) =>
    [...reports].flatMap(([card, report]) => pick(report).map((p) => `${card}: ${p}`));

  it('when every card is rendered, then each card and theme was measured', function () {
    assert.equal(reports.size, sampleCards().length * teamsThemes().length);
  });

  it(`when every card is laid out at ${PHONE_WIDTH} px, then nothing reaches past the screen's edge`, function () {
    assert.deepEqual(problems((r) => r.overflows), []);
  });

  it('when names and other text are longer than a line, then they wrap instead of being cut short', function () {
    assert.deepEqual(problems((r) => r.truncated), []);
  });

  it('when text is shown in any theme, then its contrast with what is behind it is at least 4.5:1', function () {
    assert.deepEqual(problems((r) => r.lowContrast), []);
  });

  it('when a card is wider than the screen or cuts a name short, then the measurement says so (self-test)', async function () {
    const [light] = teamsThemes();
    const wide = await renderer!.render(
      {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: 'Waiting for a decision from Patti Fernandez, Data Protection Champion', wrap: false },
          { type: 'ColumnSet', columns: [{ type: 'Column', width: '400px', items: [{ type: 'TextBlock', text: 'x' }] }] },
          { type: 'TextBlock', text: 'Hard to read', color: 'Warning', wrap: true },
        ],
      },
      light,
    );
    assert.ok(wide.overflows.length > 0, 'a 400 px column overflows');
    assert.ok(wide.truncated.some((t) => t.includes('Patti')), 'the unwrapped name is cut short');
    assert.ok(wide.lowContrast.some((t) => t.includes('Hard to read')), 'yellow on white is too faint');
  });
});
