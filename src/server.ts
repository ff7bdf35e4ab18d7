import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import restify from 'restify';
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

/** The restify server: POST /api/messages for Teams, GET /healthz for App Service and probes. */
export function createHttpServer(
  adapter: TeamsAdapter,
  runTurn: (context: TurnContext) => Promise<unknown>,
  health: () => Record<string, unknown>,
  downloads: (token: string) => Promise<ExportFile | undefined>,
  logger: Logger,
): HttpServer {
  const server = restify.createServer({ name: 'policy-desk' });
  let inFlight = 0;
  let idle: (() => void) | undefined;

  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    if (!req.body || typeof req.body !== 'object' || typeof req.body.type !== 'string') {
      res.send(400, { error: 'Expected a Bot Framework activity (a JSON object with a "type").' });
      return;
    }
    inFlight++;
    try {
      await adapter.process(req, res, async (context) => {
        await runTurn(context);
      });
    } catch (err) {
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
