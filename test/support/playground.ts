import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { composeBot, type RunningBot } from '../../src/compose.js';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { TeamsUser } from './teams-activities.js';

// Drives the real Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground) against the
// real bot, over its HTTP API and in Chromium. Facts used here: ../shared/TEAMS-OFFLINE.md.

const PLAYGROUND_CLI = path.join(PROJECT_ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');
const PLAYGROUND_CONFIG = path.join(PROJECT_ROOT, 'playground/playground.yml');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const START_TIMEOUT_MS = 30_000;

/** A user as the Playground knows them (from playground.yml, via GET /_internal/v1/config). */
export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
  givenName?: string;
  email?: string;
}

/** The parts of GET /_internal/v1/config the helpers use. */
export interface PlaygroundConfig {
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string; name: string };
  groupChats: Array<{ id: string; name: string; members: string[] }>;
  teams: Array<{ id: string; name: string; channels: Array<{ id: string; name: string }> }>;
}

/** Who to act as: a TeamsUser (test/support/teams-activities.ts), or a Playground user's full or given name. */
export type UserRef = string | Pick<TeamsUser, 'id' | 'aadObjectId'> & { name?: string };

/** One event from the Playground's conversation WebSocket: everything the bot sends, as the UI gets it. */
export interface StreamEvent {
  action: string;
  actionConversationId?: string;
  message?: {
    messageId: string;
    from?: { id: string };
    text?: string;
    attachments?: Array<{ contentType: string; content?: unknown }>;
  };
  [key: string]: unknown;
}

/** A live subscription to the Playground's conversation stream. */
export interface PlaygroundStream {
  /** Every event received since the stream opened, oldest first. */
  readonly events: StreamEvent[];
  /** Resolves with the first event (received since index `since`) matching `predicate`. */
  waitFor(predicate: (event: StreamEvent) => boolean, options?: { since?: number; timeoutMs?: number }): Promise<StreamEvent>;
  close(): void;
}

/** Where to act: the Playground conversation id (defaults to the personal chat) and the card replied to. */
export interface ActOptions {
  conversationId?: string;
  replyToId?: string;
}

/** The bot (in-process) and the Playground (child process), wired together. */
export interface PlaygroundUnderTest {
  /** The Playground's web UI and API, e.g. http://localhost:56150. */
  url: string;
  /** The bot's base URL; its messaging endpoint is `${botUrl}/api/messages`. */
  botUrl: string;
  bot: RunningBot;
  dataDir: string;
  config: PlaygroundConfig;
  /** Resolves a user by full name, given name, Teams id or aadObjectId; throws when unknown. */
  user(ref: UserRef): PlaygroundUser;
  /** The Playground's custom-activity template for a conversation, `from` set to `user`. */
  activityAs(user: UserRef, options?: ActOptions): Promise<Record<string, any>>;
  /** Sends an activity through POST /_internal/v1/customActivities (fire and forget, as in the UI). */
  sendCustomActivity(activity: Record<string, unknown>): Promise<void>;
  /** A message typed by `user` (any mock user, not only the current one). Returns once the Playground accepted it. */
  sendAs(user: UserRef, text: string, options?: ActOptions): Promise<void>;
  /** An Action.Submit click by `user`: a message whose value is the action's data. */
  submitAs(user: UserRef, data: Record<string, unknown>, options?: ActOptions): Promise<void>;
  /**
   * An Action.Execute click by `user`, via the custom-activity API. The Playground drops the invoke
   * response on this path; use invokeAs to read it.
   */
  executeAs(user: UserRef, verb: string, data?: Record<string, unknown>, options?: ActOptions): Promise<void>;
  /**
   * The same Action.Execute invoke, POSTed straight to the bot's endpoint (as the Playground itself
   * does), returning the bot's invoke response. Replies still reach the Playground's connector.
   */
  invokeAs(user: UserRef, verb: string, data?: Record<string, unknown>, options?: ActOptions): Promise<{ status: number; body: any }>;
  /** Opens the conversation WebSocket; events sent by the bot from now on are collected. */
  openStream(): Promise<PlaygroundStream>;
  /** Stops the Playground and the bot and removes the temp dirs. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the real bot in-process on a free loopback port (temp DATA_DIR, sample trust) and the
 * Agents Playground CLI pointed at it, with the mock users of playground/playground.yml. Resolves
 * once GET /_debug/ping answers pong. The Playground runs in a temp cwd so its ./devTools log stays
 * out of the repo.
 */
export async function startPlayground(options: { botPort?: number; env?: Record<string, string> } = {}): Promise<PlaygroundUnderTest> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-playground-data-'));
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-playground-cwd-'));
  const cleanups: Array<() => Promise<void>> = [
    () => rm(dataDir, { recursive: true, force: true }),
    () => rm(workDir, { recursive: true, force: true }),
  ];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  };

  try {
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...options.env });
    const bot = await composeBot(config, createLogger(config.logLevel));
    cleanups.push(() => bot.stop());
    const { port: botPort } = await bot.http.listen(options.botPort ?? 0, '127.0.0.1');
    const botUrl = `http://127.0.0.1:${botPort}`;

    const child = spawn(
      process.execPath,
      [PLAYGROUND_CLI, '-e', `${botUrl}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(await freePort())],
      {
        cwd: workDir,
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: 'none',
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // mocha --exit ends the process without after-hooks finishing: never leave the Playground behind.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    cleanups.push(async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    });

    const port = await listeningPort(child);
    const url = `http://localhost:${port}`;
    await waitForPong(url, child);
    const pgConfig = ((await getJson(`${url}/_internal/v1/config`)) as { config: PlaygroundConfig }).config;

    const user = (ref: UserRef): PlaygroundUser => resolveUser(pgConfig, ref);
    const activityAs = async (ref: UserRef, act: ActOptions = {}) => {
      const who = user(ref);
      const conversationId = act.conversationId ?? pgConfig.personalChat.id;
      const template = (await getJson(`${url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`)) as Record<string, any>;
      return {
        ...template,
        id: randomUUID(),
        from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
        ...(act.replyToId ? { replyToId: act.replyToId } : {}),
        channelData: { tenant: { id: template.conversation?.tenantId }, ...template.channelData },
        locale: 'en-GB',
      };
    };
    const sendCustomActivity = async (activity: Record<string, unknown>) => {
      const res = await fetch(`${url}/_internal/v1/customActivities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      if (!res.ok) throw new Error(`Playground refused the custom activity: ${res.status} ${await res.text()}`);
    };
    const executeActivity = async (ref: UserRef, verb: string, data: Record<string, unknown>, act: ActOptions) => ({
      ...(await activityAs(ref, act)),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
    });

    return {
      url,
      botUrl,
      bot,
      dataDir,
      config: pgConfig,
      user,
      activityAs,
      sendCustomActivity,
      async sendAs(ref, text, act = {}) {
        await sendCustomActivity({ ...(await activityAs(ref, act)), type: 'message', text, textFormat: 'plain' });
      },
      async submitAs(ref, data, act = {}) {
        await sendCustomActivity({ ...(await activityAs(ref, act)), type: 'message', value: data });
      },
      async executeAs(ref, verb, data = {}, act = {}) {
        await sendCustomActivity(await executeActivity(ref, verb, data, act));
      },
      async invokeAs(ref, verb, data = {}, act = {}) {
        const res = await fetch(`${botUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(await executeActivity(ref, verb, data, act)),
        });
        const text = await res.text();
        return { status: res.status, body: text ? safeJson(text) : undefined };
      },
      openStream: () => openStream(url),
      stop: cleanUp,
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}

/** Text a person would read in a stream event: the message text, card TextBlocks/FactSets and button titles. */
export function streamEventText(event: StreamEvent): string {
  const parts: string[] = [];
  if (event.message?.text) parts.push(event.message.text);
  for (const attachment of event.message?.attachments ?? []) collectText(attachment.content, parts);
  return parts.join('\n');
}

function collectText(node: unknown, out: string[]): void {
  if (Array.isArray(node)) return node.forEach((n) => collectText(n, out));
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  for (const key of ['text', 'title', 'value']) if (typeof o[key] === 'string') out.push(o[key] as string);
  for (const [key, value] of Object.entries(o)) if (key !== 'data' && typeof value === 'object') collectText(value, out);
}

async function openStream(url: string): Promise<PlaygroundStream> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    const event = safeJson(String(data));
    if (event && typeof event === 'object') events.push(event as StreamEvent);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    events,
    waitFor(predicate, { since = 0, timeoutMs = 15_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(since).find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = events.slice(since).map((e) => `${e.action}: ${streamEventText(e).slice(0, 120)}`);
          reject(new Error(`No matching Playground stream event within ${timeoutMs} ms. Seen: ${JSON.stringify(seen)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => socket.close(),
  };
}

function resolveUser(config: PlaygroundConfig, ref: UserRef): PlaygroundUser {
  const all = [config.currentUser, ...config.users];
  const found =
    typeof ref === 'string'
      ? all.find((u) => [u.name, u.givenName, u.id, u.aadObjectId].some((k) => k?.toLowerCase() === ref.toLowerCase()))
      : all.find((u) => u.id === ref.id || u.aadObjectId === ref.aadObjectId);
  if (!found) {
    // A user outside playground.yml (e.g. someone not in the trust) is still a valid sender.
    if (typeof ref !== 'string') return { id: ref.id, aadObjectId: ref.aadObjectId, name: ref.name ?? ref.id };
    throw new Error(`No Playground user "${ref}"; known: ${all.map((u) => u.name).join(', ')}`);
  }
  return found;
}

/** A loopback port that was free a moment ago (the Playground falls back to another if it is taken). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The port from the Playground's "Listening on N" line (it silently changes ports when busy). */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const match = /Listening on\D*(\d+)/i.exec(output);
      if (match) finish(() => resolve(Number(match[1])));
    };
    const onExit = (code: number | null) => finish(() => reject(new Error(`Agents Playground exited (code ${code}) before listening:\n${output.slice(-2000)}`)));
    const timer = setTimeout(() => finish(() => reject(new Error(`Agents Playground did not report "Listening on" within ${START_TIMEOUT_MS} ms:\n${output.slice(-2000)}`))), START_TIMEOUT_MS);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
      // Keep draining the pipes so the child never blocks on a full buffer.
      child.stdout!.resume();
      child.stderr!.resume();
      settle();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

async function waitForPong(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Agents Playground exited (code ${child.exitCode})`);
    try {
      const res = await fetch(`${url}/_debug/ping`);
      if (res.ok && (await res.text()).includes('pong')) return;
    } catch {
      // not accepting connections yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Agents Playground at ${url} did not answer /_debug/ping within ${START_TIMEOUT_MS} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Chromium

/** The Chromium binary to drive (Debian's; CHROMIUM_PATH overrides), or undefined when absent. */
export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * For a mocha `before` hook or test: returns the Chromium path, or skips with a console note when
 * it is not installed. With CI=true or REQUIRE_BROWSER=1 a missing browser fails instead.
 */
export function requireChromium(ctx: Context): string {
  const found = chromiumPath();
  if (found) return found;
  const message = `Chromium not installed: apt-get install -y chromium (looked for ${process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM})`;
  if (process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1') throw new Error(message);
  console.log(`      [skipped] ${message}`);
  ctx.skip();
}

/** The selector of one bot message in the Playground's chat (its Fluent "OutputCard"); user messages differ. */
const BOT_MESSAGE = '.fai-OutputCard';
const CARD = '.ac-adaptiveCard';
const COMPOSE_BOX = '[role="textbox"]';

export type TextMatch = string | RegExp;

/** Options for the waits: `anywhere` also looks at messages that were already there before the last action. */
export interface WaitOptions {
  timeoutMs?: number;
  anywhere?: boolean;
}

/** The Playground's chat in Chromium, acting as the current user (Alex Wilber). */
export interface PlaygroundPage {
  page: Page;
  /** Non-localhost requests the page tried (all aborted). */
  blockedRequests: string[];
  /** Uncaught errors in the page. */
  pageErrors: string[];
  /** Types `text` into the compose box and presses Enter. */
  say(text: string): Promise<void>;
  /** The last Adaptive Card (in a bot message that arrived after the last action) whose text matches. */
  waitForCardContaining(text: TextMatch, options?: WaitOptions): Promise<Locator>;
  /** The last bot message (text or card, arrived after the last action) whose text matches. */
  waitForMessageContaining(text: TextMatch, options?: WaitOptions): Promise<Locator>;
  /** Clicks the last card button with this exact accessible name. */
  clickCardButton(name: string): Promise<void>;
  /** Closes the Playground's log panel (more room for the chat). */
  hideLogPanel(): Promise<void>;
  /**
   * Saves a PNG (path relative to the project root; directories created); of one element when
   * `element` is given. `scale: 'css'` (default) gives one image pixel per CSS pixel; 'device' uses
   * the deviceScaleFactor, for crisp close-ups.
   */
  screenshot(file: string, options?: { element?: Locator; fullPage?: boolean; scale?: 'css' | 'device' }): Promise<string>;
  /** Closes Chromium and removes its profile. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Launches Chromium (never a downloaded browser) with a fresh profile, aborting every request that
 * is not to localhost, opens the Playground at `url` and waits until the personal chat is installed
 * and whatever the bot sent on installation is on screen.
 */
export async function openBrowser(
  url: string,
  options: { viewport?: { width: number; height: number }; deviceScaleFactor?: number; timeoutMs?: number } = {},
): Promise<PlaygroundPage> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium not installed: apt-get install -y chromium');
  const timeout = options.timeoutMs ?? 30_000;
  const profile = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-chromium-'));
  let context: BrowserContext | undefined;
  const close = async () => {
    const closing = context;
    context = undefined;
    await closing?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  };

  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      viewport: options.viewport ?? { width: 1280, height: 900 },
      deviceScaleFactor: options.deviceScaleFactor ?? 1,
      locale: 'en-GB',
      env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile } as Record<string, string>,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
      ],
    });
    context.setDefaultTimeout(timeout);
    const blockedRequests: string[] = [];
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]') return route.continue();
      blockedRequests.push(route.request().url());
      return route.abort();
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(String(err)));

    // Count what the bot sends as the page receives it, so "settled" can be awaited, not guessed.
    let framesCreated = 0;
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/_ws_conversation/')) return;
      ws.on('framereceived', (frame) => {
        const event = safeJson(String(frame.payload)) as StreamEvent | undefined;
        if (event?.action === 'createMessage') framesCreated += 1;
      });
    });
    const settled = async () => {
      await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector as string).length >= (n as number), [BOT_MESSAGE, framesCreated] as const, { timeout });
    };

    // Opening the personal chat POSTs /_debug/conversation/<id>/installation; it answers once the bot has.
    const installed = page.waitForResponse(
      (res) => res.request().method() === 'POST' && /\/_debug\/conversation\/[^/]+\/installation$/.test(new URL(res.url()).pathname),
      { timeout },
    );
    await page.goto(url, { timeout });
    await installed;
    await page.locator(COMPOSE_BOX).last().waitFor({ state: 'visible' });
    await settled();

    let mark = await page.locator(BOT_MESSAGE).count();
    const takeMark = async () => {
      await settled();
      mark = await page.locator(BOT_MESSAGE).count();
    };

    const waitForMatch = async (kind: 'card' | 'message', text: TextMatch, opts: WaitOptions = {}): Promise<Locator> => {
      const from = opts.anywhere ? 0 : mark;
      const pattern = typeof text === 'string' ? { source: escapeRegExp(text), flags: '' } : { source: text.source, flags: text.flags };
      try {
        const handle = await page.waitForFunction(
          ({ messageSel, cardSel, from, kind, pattern }) => {
            const re = new RegExp(pattern.source, pattern.flags);
            const normal = (el: Element) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
            const messages = Array.from(document.querySelectorAll(messageSel)).slice(from);
            for (let i = messages.length - 1; i >= 0; i--) {
              const targets = kind === 'card' ? Array.from(messages[i].querySelectorAll(cardSel)) : [messages[i]];
              for (let j = targets.length - 1; j >= 0; j--) if (re.test(normal(targets[j]))) return { index: from + i, sub: j };
            }
            return false;
          },
          { messageSel: BOT_MESSAGE, cardSel: CARD, from, kind, pattern },
          { timeout: opts.timeoutMs ?? timeout },
        );
        const { index, sub } = (await handle.jsonValue()) as { index: number; sub: number };
        const message = page.locator(BOT_MESSAGE).nth(index);
        return kind === 'card' ? message.locator(CARD).nth(sub) : message;
      } catch (err) {
        const recent = await page.locator(BOT_MESSAGE).evaluateAll((els, f) => els.slice(f).map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').slice(0, 160)), from);
        throw new Error(`No bot ${kind} matching ${String(text)} in the Playground (messages since #${from}: ${JSON.stringify(recent)}): ${(err as Error).message.split('\n')[0]}`);
      }
    };

    return {
      page,
      blockedRequests,
      pageErrors,
      async say(text) {
        await takeMark();
        const box = page.locator(COMPOSE_BOX).last();
        await box.click();
        await page.keyboard.type(text);
        await page.keyboard.press('Enter');
        // The Playground clears the box once the message is posted.
        await page.waitForFunction((sel) => (document.querySelectorAll(sel)[document.querySelectorAll(sel).length - 1]?.textContent ?? '').trim() === '', COMPOSE_BOX);
      },
      waitForCardContaining: (text, opts) => waitForMatch('card', text, opts),
      waitForMessageContaining: (text, opts) => waitForMatch('message', text, opts),
      async clickCardButton(name) {
        await takeMark();
        await page.locator(CARD).getByRole('button', { name, exact: true }).last().click();
      },
      async hideLogPanel() {
        const hide = page.getByTitle('Hide log panel');
        if (await hide.isVisible()) await hide.click();
        await hide.waitFor({ state: 'hidden' });
      },
      async screenshot(file, opts = {}) {
        // The README's screenshots change only on purpose (UPDATE_SCREENSHOTS=1); ordinary runs
        // write beside the test results, so a test run leaves the checkout clean.
        const relative = process.env.UPDATE_SCREENSHOTS === '1' ? file : file.replace(/^docs\/screenshots\//, 'test-results/screenshots/');
        const target = path.resolve(PROJECT_ROOT, relative);
        await mkdir(path.dirname(target), { recursive: true });
        const shot = { path: target, animations: 'disabled', caret: 'hide', scale: opts.scale ?? 'css' } as const;
        if (opts.element) {
          await opts.element.scrollIntoViewIfNeeded();
          await opts.element.screenshot(shot);
        } else {
          await page.screenshot({ ...shot, fullPage: opts.fullPage ?? false });
        }
        return target;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The bot, the Playground and Chromium for one `describe`, started before its tests and stopped after. */
export interface PlaygroundSession {
  readonly pg: PlaygroundUnderTest;
  readonly ui: PlaygroundPage;
}

/**
 * Registers the hooks every browser test needs: skip (or fail under CI) without Chromium, start the
 * bot and the Playground, open the page, and stop it all afterwards, even when a test failed.
 * Call it inside a `describe`; hooks a test adds after it run once the page is open.
 */
export function usePlaygroundSession(browser: { viewport: { width: number; height: number }; deviceScaleFactor?: number; hideLogPanel?: boolean }): PlaygroundSession {
  let pg: PlaygroundUnderTest | undefined;
  let ui: PlaygroundPage | undefined;
  before(async function () {
    this.timeout(120_000);
    requireChromium(this);
    pg = await startPlayground();
    ui = await openBrowser(pg.url, { viewport: browser.viewport, deviceScaleFactor: browser.deviceScaleFactor });
    if (browser.hideLogPanel ?? true) await ui.hideLogPanel();
  });
  after(async function () {
    await ui?.close();
    await pg?.stop();
  });
  return {
    get pg() {
      if (!pg) throw new Error('the Playground has not started');
      return pg;
    },
    get ui() {
      if (!ui) throw new Error('the browser has not opened');
      return ui;
    },
  };
}
