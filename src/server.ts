import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { activityProblem } from './adapters/teams/activity-shape.js';
import type { BotAdapter } from './adapters/teams/bot-adapter.js';
import type { RateDecision, RateLimiter } from './adapters/teams/rate-limiter.js';
import type { ExportFile } from './domain/exports/export-service.js';
import type { Logger } from './logger.js';

/** Bot Framework activities are small; anything bigger is not from Teams. */
const MAX_BODY_BYTES = 256 * 1024;

export interface HttpServer {
  server: restify.Server;
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Stops accepting requests, lets in-flight turns finish (up to `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The restify server: POST /api/messages for Teams, GET /healthz for App Service and probes.
 * A body that is not a well-formed activity gets 400 and a bad token 401, each with one log line;
 * past a person's rate limit an activity gets 429 and is not taken (they are told once).
 */
export function createHttpServer(
  adapter: BotAdapter,
  runTurn: (context: TurnContext) => Promise<unknown>,
  health: () => Record<string, unknown>,
  downloads: (token: string) => Promise<ExportFile | undefined>,
  logger: Logger,
  limiter?: RateLimiter,
): HttpServer {
  const server = restify.createServer({ name: 'policy-desk' });
  let inFlight = 0;
  let idle: (() => void) | undefined;

  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    // A message from someone already past the limit is refused before any work (a tap still gets its
    // answer below); only an authenticated turn uses up an allowance, so nobody can spend another's.
    const body = req.body as Partial<Activity> | undefined;
    const claimed = body?.type === ActivityTypes.Invoke ? undefined : body?.from?.aadObjectId || body?.from?.id;
    const wait = typeof claimed === 'string' ? (limiter?.waitFor(claimed) ?? 0) : 0;
    if (wait > 0) {
      res.header('Retry-After', String(wait));
      res.send(429, { error: 'Too many activities from this person; send it again later.' });
      return;
    }
    const problem = activityProblem(req.body);
    if (problem) {
      logger.warn({ problem }, 'refused a malformed activity');
      res.send(400, { error: `Expected a Bot Framework activity (${problem}).` });
      return;
    }
    const activity = req.body as Activity;
    inFlight++;
    let limited: RateDecision | undefined;
    try {
      const invokeResponse = await adapter.processChecked(String(req.headers.authorization ?? ''), activity, async (context) => {
        // Counted after authentication, so nobody can use up another person's allowance.
        const decision = limiter?.take(context.activity.from.aadObjectId || context.activity.from.id);
        if (decision && !decision.allowed) {
          limited = decision;
          await slowDown(context, decision);
          return;
        }
        await runTurn(context);
      });
      if (limited && activity.type !== ActivityTypes.Invoke) {
        res.header('Retry-After', String(limited.retryAfterSeconds));
        res.send(429, { error: 'Too many activities from this person; send it again later.' });
        return;
      }
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (err) {
      const status = (err as { statusCode?: unknown }).statusCode;
      if (status === 401 || status === 403) {
        logger.warn({ reason: (err as Error).message, status }, 'refused an activity that is not from Teams');
        if (!res.headersSent) res.send(401, { error: 'Unauthorized' });
        return;
      }
      logger.error({ err }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'The bot could not process this activity.' });
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok', ...health() });
  });

  // CSV registers and reports: short-lived links the bot sends in Teams.
  server.get('/exports/:token', async (req, res) => {
    const file = await downloads(String(req.params.token ?? ''));
    if (!file) {
      res.send(404, { error: 'This download link has expired or is not valid. Ask Policy Desk for a new one.' });
      return;
    }
    res.setHeader('content-type', `${file.contentType}; charset=utf-8`);
    res.setHeader('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`);
    res.setHeader('cache-control', 'no-store');
    // A byte-order mark makes Excel read names with accents correctly.
    res.sendRaw(200, file.content.startsWith('\ufeff') ? file.content : `\ufeff${file.content}`);
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve({ port: (server.address() as { port: number }).port }));
      }),
    close: async (graceMs = 10_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (idle = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      }
      await Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}

/**
 * Past the limit: a tap is answered (every tap needs an answer) and says nothing was done; a
 * message is not taken (429), and the person is told once until they are allowed again.
 */
async function slowDown(context: TurnContext, decision: RateDecision): Promise<void> {
  const text = `You're sending things faster than I can keep up with, so I didn't take that. Please wait ${decision.retryAfterSeconds} second${decision.retryAfterSeconds === 1 ? '' : 's'} and try again.`;
  if (context.activity.type === ActivityTypes.Invoke) {
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } },
    });
  } else if (decision.firstRefusal && context.activity.type === ActivityTypes.Message) {
    await context.sendActivity(text);
  }
}
