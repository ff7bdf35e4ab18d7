#!/usr/bin/env node
// Starts Policy Desk and the Microsoft 365 Agents Playground together, on the embedded sample
// trust and policy: no cloud account, no secrets. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const require = createRequire(import.meta.url);
const playgroundCli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');

const children = [];
function start(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
      stop(1);
    }
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url, check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok && check(await res.text())) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

const bot = start('Policy Desk', ['dist/src/index.js'], { PORT: String(botPort), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' });
bot.stdout.on('data', (d) => process.stdout.write(`[bot] ${d}`));
bot.stderr.on('data', (d) => process.stderr.write(`[bot] ${d}`));
await waitFor(`http://127.0.0.1:${botPort}/healthz`, () => true, 'Policy Desk');

const playground = start(
  'Agents Playground',
  [playgroundCli, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(playgroundPort)],
  { TEAMSAPPTESTER_BROWSER: 'none', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(root, 'playground', 'playground.yml') },
);
// The Playground silently takes another port when ours is busy: read the one it reports.
let listeningUrl = `http://localhost:${playgroundPort}`;
const listening = new Promise((resolve) => {
  playground.stdout.on('data', (d) => {
    const match = /Listening on\D*(\d+)/i.exec(String(d));
    if (match) {
      listeningUrl = `http://localhost:${match[1]}`;
      resolve();
    }
    if (process.env.PLAYGROUND_VERBOSE) process.stdout.write(`[playground] ${d}`);
  });
  setTimeout(resolve, 30_000).unref();
});
playground.stderr.on('data', (d) => process.stderr.write(`[playground] ${d}`));
await listening;
await waitFor(`${listeningUrl}/_debug/ping`, (body) => body.includes('pong'), 'Agents Playground');

console.log(`\nPolicy Desk is running with the Microsoft 365 Agents Playground.\n\n  Open ${listeningUrl} in your browser and say "hi".\n\nSigned in as Alex Wilber (a teacher at Oakfield Primary School). Press Ctrl+C to stop.\n`);
