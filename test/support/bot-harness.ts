import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeBot, type RunningBot } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/domain/ports.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { LoopbackConnector } from './connector.js';
import './template-warnings.js';

export interface BotUnderTest {
  url: string;
  connector: LoopbackConnector;
  serviceUrl: string;
  bot: RunningBot;
  dataDir: string;
  /**
   * POSTs an activity to /api/messages as Teams would; returns status and parsed body once the
   * follow-up work the turn started (notifications sent after answering a click) has finished too,
   * as a person would see it a moment later. `{ followUp: false }` returns as soon as Teams would.
   */
  post(activity: object, options?: { followUp?: boolean }): Promise<{ status: number; body: any }>;
  /** Stops the bot; `keep` leaves its data directory and connector for a restart (see `Restart`). */
  stop(options?: { keep?: boolean }): Promise<void>;
}

/** What a restarted bot takes over from the one before: its data directory and "Teams" (the connector). */
export interface Restart {
  dataDir: string;
  connector: LoopbackConnector;
  serviceUrl: string;
}

/**
 * Starts the real bot (restify server, teams-ai app, lowdb on disk in a temp dir) on a loopback
 * port, with a loopback connector standing in for the Bot Framework cloud. Pass a clock (e.g. a
 * FakeClock) to drive reminders, escalations and expiries with `bot.runScheduledWork()`, and a
 * logger to read what the bot logs. Pass `restart` (a stopped bot's dataDir, connector and
 * serviceUrl) to start it again on the same data; the caller then owns (and removes) them.
 */
export async function startBot(env: Record<string, string> = {}, clock?: Clock, logger?: Logger, restart?: Restart): Promise<BotUnderTest> {
  const dataDir = restart?.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'policy-desk-test-')));
  const connector = restart?.connector ?? new LoopbackConnector();
  const serviceUrl = restart?.serviceUrl ?? (await connector.start());
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
  const bot = await composeBot(config, logger ?? createLogger(config.logLevel), clock);
  const { port } = await bot.http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    connector,
    serviceUrl,
    bot,
    dataDir,
    async post(activity, options = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      if (options.followUp !== false) await bot.services.followUp.idle();
      return { status: res.status, body: text ? safeJson(text) : undefined };
    },
    async stop(options = {}) {
      await bot.stop();
      if (restart || options.keep) return;
      await connector.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
