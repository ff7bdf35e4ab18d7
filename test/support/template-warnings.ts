import { onTemplateWarnings } from '../../src/adapters/teams/card-renderer.js';

/**
 * Every test that renders a card through the bot's own renderer fails if the templating library
 * warned (a binding the data did not have, a bad expression): a card that "works" with a blank
 * where a value should be is a bug. Imported by the harnesses, so the hooks are root hooks and
 * cover every test in the run.
 */
let seen: string[] = [];
onTemplateWarnings((card, warnings) => seen.push(...warnings.map((w) => `cards/${card}.json: ${w}`)));

/** The warnings seen since the test began, cleared (for a test that means to cause one). */
export function takeTemplateWarnings(): string[] {
  const warnings = seen;
  seen = [];
  return warnings;
}

// Outside mocha (a bench script using the harness) there are no hooks to add.
if (typeof beforeEach === 'function' && typeof afterEach === 'function') {
  beforeEach(function () {
    seen = [];
  });

  afterEach(function () {
    const warnings = takeTemplateWarnings();
    if (warnings.length) {
      throw new Error(`"${this.currentTest?.fullTitle()}" rendered cards with templating warnings:\n  ${warnings.join('\n  ')}`);
    }
  });
}
