import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

/** The built entry point, as `npm start` runs it. */
export const ENTRY = path.join(PROJECT_ROOT, 'dist', 'src', 'index.js');

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The bot as its own process (the real server), with its output collected. */
export interface ServerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  /** Resolves once the server says it is listening; rejects if it exits first or takes longer than `timeoutMs`. */
  listening(timeoutMs?: number): Promise<void>;
}

/** Starts the built bot with only PATH and `env` in its environment. */
export function runServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [ENTRY], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve((exitCode = code))));
  const listening = async (timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!/listening/i.test(output)) {
      if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) before listening:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the server was not listening after ${timeoutMs} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exited, output: () => output, listening };
}
