import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Framework connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, any>;
}

/** How the connector double answers one call: an HTTP status and headers (e.g. Retry-After). */
export interface ConnectorAnswer {
  status: number;
  headers?: Record<string, string>;
}

/**
 * A stand-in for the Bot Framework connector service (the Teams cloud, which cannot run here),
 * listening on loopback. It records every activity the bot sends or updates and answers as the
 * real service does, with a new activity id.
 */
export class LoopbackConnector {
  readonly calls: ConnectorCall[] = [];
  private server?: http.Server;
  private nextId = 1;
  private waiters: Array<() => void> = [];
  /** Conversations whose calls are recorded but not answered until released (a slow Teams). */
  private readonly held = new Map<string, Array<() => void>>();
  /** Decides how to answer each call (an unreliable Teams: 429, 5xx); undefined answers 200. */
  private script?: (call: ConnectorCall) => ConnectorAnswer | undefined;
  /** Calls refused by the script (not in `calls`, which holds only what was accepted). */
  readonly refused: Array<ConnectorCall & { status: number }> = [];

  /** Answers calls as `script` says (e.g. 429 with Retry-After, then 200) until `answerNormally()`. */
  answerWith(script: (call: ConnectorCall) => ConnectorAnswer | undefined): void {
    this.script = script;
  }

  answerNormally(): void {
    this.script = undefined;
  }

  /** Holds the answers to calls for a conversation, as a slow Teams would; call the returned function to release them. */
  hold(conversationId: string): () => void {
    this.held.set(conversationId, []);
    return () => {
      const waiting = this.held.get(conversationId) ?? [];
      this.held.delete(conversationId);
      waiting.forEach((answer) => answer());
    };
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (!match) {
          res.writeHead(404);
          res.end();
          return;
        }
        const body = raw ? JSON.parse(raw) : {};
        const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
        const call: ConnectorCall = { method: req.method ?? '', path: req.url ?? '', conversationId: decodeURIComponent(match[1]), activityId, body };
        const scripted = this.script?.(call);
        if (scripted && scripted.status >= 300) {
          this.refused.push({ ...call, status: scripted.status });
          res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
          res.end(JSON.stringify({ error: { code: 'Refused', message: `refused with ${scripted.status} by the test` } }));
          this.waiters.splice(0).forEach((wake) => wake());
          return;
        }
        this.calls.push(call);
        const id = req.method === 'PUT' && activityId ? activityId : `activity-${this.nextId++}`;
        const answer = () => {
          // Separate calls: restify (in the same process) patches ServerResponse so writeHead does not chain.
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id }));
        };
        const held = this.held.get(decodeURIComponent(match[1]));
        if (held) held.push(answer);
        else answer();
        this.waiters.splice(0).forEach((wake) => wake());
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Messages (POSTs) sent so far, newest last. */
  get sent(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST');
  }

  /** Waits for a call matching `predicate` made after `since` calls; fails after `timeoutMs`. */
  async waitFor(predicate: (call: ConnectorCall) => boolean, since = 0, timeoutMs = 5000): Promise<ConnectorCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.slice(since).find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching connector call within ${timeoutMs} ms; calls: ${JSON.stringify(this.calls.slice(since).map((c) => c.body.text ?? c.body.attachments?.[0]?.content?.body?.[0]?.text))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  clear(): void {
    this.calls.length = 0;
  }
}

/** The Adaptive Card in a connector call, if any. */
export function cardOf(call: ConnectorCall): Record<string, any> | undefined {
  return call.body.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All text in a card (TextBlocks, facts, action titles), for assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value', 'label', 'placeholder'].includes(key)) parts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return parts.join('\n');
}
