import assert from 'node:assert/strict';
import { requireShared } from '../support/shared-data.js';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CARD_FIXTURES_DIR,
  CARDS_DIR,
  PROJECT_ROOT,
  TEAMS_MAX_CARD_BYTES,
  adaptiveCardSchemaAvailable,
  adaptiveCardsLibraryProblems,
  assertValidTeamsCard,
  bindCardTemplateFile,
  schemaProblems,
  teamsRuleProblems,
  type CardJson,
} from '../support/card-checks.js';

const listJson = (dir: string, suffix: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)).sort() : [];

const templateNames = listJson(CARDS_DIR, '.json').map((f) => f.slice(0, -'.json'.length));
const fixtureFor = (dir: string, name: string): string => path.join(dir, `${name}.data.json`);

function skipWithoutShared(context: Mocha.Context): void {
  if (!adaptiveCardSchemaAvailable()) requireShared(context, 'schemas/adaptive-card-1.5.json');
}

describe('card templates in cards/', function () {
  it('when the templates are listed, then every template has a fixture and every fixture a template', function () {
    const missing = templateNames.filter((name) => !existsSync(fixtureFor(CARD_FIXTURES_DIR, name)));
    const orphans = listJson(CARD_FIXTURES_DIR, '.data.json')
      .map((f) => f.slice(0, -'.data.json'.length))
      .filter((name) => !templateNames.includes(name));
    const rel = (p: string): string => path.relative(PROJECT_ROOT, p);
    assert.deepEqual(
      missing.map((name) => rel(fixtureFor(CARD_FIXTURES_DIR, name))),
      [],
      'each cards/<name>.json needs test/fixtures/cards/<name>.data.json with realistic data for its bindings',
    );
    assert.deepEqual(
      orphans.map((name) => rel(fixtureFor(CARD_FIXTURES_DIR, name))),
      [],
      'these fixtures have no template in cards/ (renamed or removed template?)',
    );
  });

  if (templateNames.length === 0) {
    it('when cards/ has no templates yet, then there is nothing to bind', function () {
      console.log('  note: cards/ has no *.json templates yet');
      this.skip();
    });
  }

  for (const name of templateNames) {
    describe(`cards/${name}.json bound to test/fixtures/cards/${name}.data.json`, function () {
      const bind = (): CardJson => bindCardTemplateFile(path.join(CARDS_DIR, `${name}.json`), fixtureFor(CARD_FIXTURES_DIR, name)).card;

      it('when bound, then the templating library gives no warning (every binding found in the data)', function () {
        const { warnings } = bindCardTemplateFile(path.join(CARDS_DIR, `${name}.json`), fixtureFor(CARD_FIXTURES_DIR, name));
        assert.deepEqual(warnings, []);
      });

      it('when bound, then it conforms to the official Adaptive Cards 1.5 schema', function () {
        skipWithoutShared(this);
        assert.deepEqual(schemaProblems(bind()), []);
      });

      it('when bound, then the adaptivecards library parses and validates it without errors', function () {
        assert.deepEqual(adaptiveCardsLibraryProblems(bind()), []);
      });

      it(`when bound, then it has version <= 1.5, is under ${TEAMS_MAX_CARD_BYTES} bytes and leaves nothing unbound`, function () {
        assert.deepEqual(teamsRuleProblems(bind()), []);
      });
    });
  }
});

describe('assertValidTeamsCard (self-test on throwaway templates)', function () {
  let dir: string;

  const validTemplate = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    refresh: { action: { type: 'Action.Execute', verb: 'refreshRequest', data: { requestId: '${requestId}' } }, userIds: '${approverIds}' },
    body: [
      { type: 'TextBlock', text: 'Software request from ${requester}', wrap: true, style: 'heading' },
      { type: 'FactSet', facts: [{ $data: '${facts}', title: '${title}', value: '${value}' }] },
      { type: 'Input.Text', id: 'comment', label: 'Comment', isMultiline: true, $when: '${askComment}' },
    ],
    actions: [
      { type: 'Action.Execute', title: 'Approve', verb: 'approveRequest', data: { requestId: '${requestId}' }, style: 'positive' },
      { type: 'Action.Execute', title: 'Reject', verb: 'rejectRequest', data: { requestId: '${requestId}' } },
    ],
  };
  const validData = {
    requestId: 'req-0001',
    requester: 'Alex Wilber',
    approverIds: ['29:megan'],
    askComment: true,
    facts: [
      { title: 'Software', value: 'Audacity 3.4' },
      { title: 'Reason', value: 'Recording Year 9 podcasts' },
    ],
  };

  /** Writes a template and fixture into the temp dir and binds them as the harness does. */
  const bindThrowaway = (name: string, template: unknown, data: unknown = validData): CardJson => {
    writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(template));
    writeFileSync(fixtureFor(dir, name), JSON.stringify(data));
    return bindCardTemplateFile(path.join(dir, `${name}.json`), fixtureFor(dir, name)).card;
  };
  const withCard = (change: (card: Record<string, any>) => void): unknown => {
    const template = structuredClone(validTemplate) as Record<string, any>;
    change(template);
    return template;
  };

  before(function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'policy-desk-cards-'));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a valid template is bound, then every check passes and the bindings are filled', function () {
    const card = bindThrowaway('valid', validTemplate);
    assertValidTeamsCard(card, { name: 'valid' });
    assert.deepEqual((card.refresh as { userIds: string[] }).userIds, ['29:megan']);
    assert.equal((card.body as { facts?: unknown[] }[])[1].facts?.length, 2);
  });

  it('when a valid template is bound, then the official schema accepts it (msteams aside)', function () {
    skipWithoutShared(this);
    assert.deepEqual(schemaProblems(bindThrowaway('valid-schema', validTemplate)), []);
  });

  it('when a template has no fixture, then binding fails naming the fixture to add', function () {
    writeFileSync(path.join(dir, 'lonely.json'), JSON.stringify(validTemplate));
    assert.throws(() => bindCardTemplateFile(path.join(dir, 'lonely.json'), fixtureFor(dir, 'lonely')), /has no data fixture: add .*lonely\.data\.json/);
  });

  it('when the card says version 1.6, then the version rule and the library both reject it', function () {
    const card = bindThrowaway('v16', withCard((c) => (c.version = '1.6')));
    assert.throws(() => assertValidTeamsCard(card), /version 1\.6 is above 1\.5/);
    assert.match(adaptiveCardsLibraryProblems(card).join('\n'), /UnsupportedCardVersion/);
  });

  it('when the card has an unknown element type, then the schema and the library both reject it', function () {
    const card = bindThrowaway('unknown', withCard((c) => c.body.push({ type: 'Carousel', pages: [] })));
    assert.throws(() => assertValidTeamsCard(card), /UnknownElementType/);
    assert.match(adaptiveCardsLibraryProblems(card).join('\n'), /Unknown element type "Carousel"/);
    if (adaptiveCardSchemaAvailable()) {
      assert.deepEqual(schemaProblems(card), ['schema: /body/3: unknown type "Carousel" (not in Adaptive Cards 1.5)']);
    }
  });

  it('when an Action.Execute has no verb or no title, then it is rejected naming the action', function () {
    const card = bindThrowaway('no-verb', withCard((c) => c.actions.push({ type: 'Action.Execute', data: { requestId: 'x' } })));
    const problems = teamsRuleProblems(card);
    assert.ok(problems.includes('teams: /actions/2: Action.Execute needs a "verb" (the bot routes universal actions by verb)'), problems.join('\n'));
    assert.ok(problems.includes('teams: /actions/2: Action.Execute needs a "title" (it is shown as a button)'), problems.join('\n'));
    assert.throws(() => assertValidTeamsCard(card), /Action\.Execute needs a "verb"/);
  });

  it('when a property has the wrong type, then the schema names the element and property', function () {
    skipWithoutShared(this);
    const card = bindThrowaway('bad-prop', withCard((c) => (c.body[0].wrap = 'yes')));
    assert.deepEqual(schemaProblems(card), ['schema: /body/0/wrap: must be boolean {"type":"boolean"}']);
  });

  it('when a binding has no data, then the unbound ${...} is reported', function () {
    const { requester: _omitted, ...data } = validData;
    const card = bindThrowaway('unbound', validTemplate, data);
    assert.throws(() => assertValidTeamsCard(card), /\/body\/0\/text: unbound template expression left in "Software request from \$\{requester\}"/);
  });

  it(`when the card is ${TEAMS_MAX_CARD_BYTES} bytes or more, then it is rejected as too large`, function () {
    const card = bindThrowaway('huge', withCard((c) => c.body.push({ type: 'TextBlock', text: 'x'.repeat(TEAMS_MAX_CARD_BYTES), wrap: true })));
    assert.throws(() => assertValidTeamsCard(card), /card JSON is \d+ bytes; Teams needs it under 28672/);
  });

  it('when the card asks for a password, then it is rejected', function () {
    const card = bindThrowaway('password', withCard((c) => c.body.push({ type: 'Input.Text', id: 'pw', label: 'Password', style: 'password' })));
    assert.throws(() => assertValidTeamsCard(card), /password inputs are not allowed/);
  });

  it('when refresh targets more than 60 users or msteams.width is not Full, then Teams rules reject it', function () {
    const ids = Array.from({ length: 61 }, (_, i) => `29:user-${i}`);
    const card = bindThrowaway('teams-limits', withCard((c) => (c.msteams.width = 'Wide')), { ...validData, approverIds: ids });
    const problems = teamsRuleProblems(card);
    assert.ok(problems.includes('teams: /refresh: refresh.userIds has 61 ids; Teams allows at most 60'), problems.join('\n'));
    assert.ok(problems.includes('teams: /msteams/width must be "Full", is "Wide"'), problems.join('\n'));
  });
});
