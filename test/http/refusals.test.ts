import assert from 'node:assert/strict';
import { createLogger } from '../../src/logger.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { cardExecute, message, USERS } from '../support/teams-activities.js';

/** Runs `action` with console.error and console.warn recorded (botbuilder prints stack traces there). */
async function withConsoleRecorded<T>(action: () => Promise<T>): Promise<{ result: T; printed: unknown[][] }> {
  const printed: unknown[][] = [];
  const { error, warn } = console;
  console.error = (...args: unknown[]) => void printed.push(args);
  console.warn = (...args: unknown[]) => void printed.push(args);
  try {
    return { result: await action(), printed };
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

const entries = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
/** A logger like the bot's own, writing each JSON line into `lines`. */
const loggerInto = (lines: string[]) => createLogger('info', { write: (line: string) => void lines.push(line) });

describe('Expected refusals over HTTP: one log line each, never a stack trace', function () {
  describe('with Bot Framework credentials configured', function () {
    let t: BotUnderTest;
    const logLines: string[] = [];
    before(async () => {
      t = await startBot({ MicrosoftAppId: '9d3f1c52-6a4e-4f7b-9a43-2c1f0e8b7a10', MicrosoftAppPassword: 'not-a-real-secret' }, undefined, loggerInto(logLines));
    });
    after(async () => t?.stop());

    it('when a request has no token or a forged one, then it gets 401 and the log has one line per request with no stack', async function () {
      logLines.length = 0;
      const { result, printed } = await withConsoleRecorded(async () => {
        const none = await t.post(message(USERS.alex, 'hi', t.serviceUrl));
        const forged = await fetch(`${t.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJtZSJ9.' },
          body: JSON.stringify(message(USERS.alex, 'hi', t.serviceUrl)),
        });
        return [none.status, forged.status];
      });
      assert.deepEqual(result, [401, 401]);
      assert.deepEqual(printed, [], 'nothing printed to the console');
      const logged = entries(logLines);
      assert.equal(logged.length, 2, logLines.join('\n'));
      for (const entry of logged) {
        assert.equal(entry.msg, 'refused an activity that is not from Teams');
        assert.equal(entry.level, 40);
        assert.doesNotMatch(JSON.stringify(entry), /stack|\n\s+at /);
      }
      assert.equal(t.connector.calls.length, 0, 'nothing was sent');
    });
  });

  describe('in local development mode', function () {
    let t: BotUnderTest;
    const logLines: string[] = [];
    before(async () => {
      t = await startBot({}, undefined, loggerInto(logLines));
      await t.post(message(USERS.alex, 'hi', t.serviceUrl));
    });
    after(async () => t?.stop());

    it('when activities are structurally invalid, then each gets 400 with one warning line and no stack', async function () {
      logLines.length = 0;
      const valid = cardExecute(USERS.alex, 'request-decide', { requestId: 'x' }, t.serviceUrl);
      const invalid = [
        { ...valid, value: { action: null } },
        { ...valid, value: 'x' },
        { ...valid, name: undefined },
        { ...valid, from: undefined },
        { ...message(USERS.alex, 'hi', t.serviceUrl), text: 42 },
        { ...message(USERS.alex, 'hi', t.serviceUrl), entities: 'x' },
      ];
      const { result, printed } = await withConsoleRecorded(() => Promise.all(invalid.map((activity) => t.post(activity).then((r) => r.status))));
      assert.deepEqual(result, invalid.map(() => 400));
      assert.deepEqual(printed, []);
      const logged = entries(logLines);
      assert.equal(logged.length, invalid.length, logLines.join('\n'));
      for (const entry of logged) {
        assert.equal(entry.msg, 'refused a malformed activity');
        assert.equal(typeof entry.problem, 'string');
        assert.doesNotMatch(JSON.stringify(entry), /stack|\n\s+at /);
      }
    });

    it('when a forged card action or an invoke the bot does not offer arrives, then it is answered with 200 and nothing is logged as an error', async function () {
      logLines.length = 0;
      const unknownVerb = await t.post(cardExecute(USERS.alex, 'make-me-admin', { requestId: 'x' }, t.serviceUrl));
      assert.equal(unknownVerb.status, 200);
      assert.match(String(unknownVerb.body.value), /can't act on any more/);
      const otherInvoke = await t.post({ ...cardExecute(USERS.alex, 'x', {}, t.serviceUrl), name: 'composeExtension/query', value: {} });
      assert.equal(otherInvoke.status, 200);
      const forgedId = await t.post(cardExecute(USERS.alex, 'request-decide', { requestId: '00000000-0000-4000-8000-000000000000', decision: 'approve' }, t.serviceUrl));
      assert.equal(forgedId.status, 200);
      assert.deepEqual(entries(logLines).filter((entry) => Number(entry.level) >= 50), []);
    });
  });
});
