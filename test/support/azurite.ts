import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Azurite's well-known development account (public, documented; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';

/** A running Azurite Blob service on loopback, with its data in a temporary directory. */
export interface AzuriteBlob {
  connectionString: string;
  port: number;
  /** Milliseconds from spawn until the port accepted a connection. */
  startupMillis: number;
  /** Stops the process and removes its data directory. */
  stop(): Promise<void>;
}

export interface StartAzuriteOptions {
  /** How long to wait for the port to accept connections (default 60 s). */
  timeoutMillis?: number;
}

/**
 * Starts the `azurite-blob` devDependency on a free loopback port. Throws, with Azurite's own
 * output, when it cannot start: callers run this in a before() hook so the suite fails loudly.
 * Telemetry is switched off and Application Insights variables are removed from its environment,
 * so it makes no outbound calls.
 */
export async function startAzuriteBlob(options: StartAzuriteOptions = {}): Promise<AzuriteBlob> {
  const timeoutMillis = options.timeoutMillis ?? 60_000;
  const main = azuriteBlobMain();
  const location = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-azurite-'));
  const port = await freePort();
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      main,
      '--blobHost', HOST,
      '--blobPort', String(port),
      '--location', location,
      '--silent',
      '--skipApiVersionCheck',
      '--loose',
      '--disableTelemetry',
    ],
    { env: azuriteEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // If the test run exits without calling stop(), do not leave Azurite behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await terminate(child);
    await rm(location, { recursive: true, force: true });
  };

  try {
    await waitForPort(port, child, timeoutMillis);
  } catch (error) {
    await stop();
    throw new Error(
      `Azurite (${main}) could not start on ${HOST}:${port}: ${(error as Error).message}\n` +
        `Is the devDependency installed (npm install)? Azurite output:\n${output.trim() || '(none)'}`,
    );
  }
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=http://${HOST}:${port}/${DEV_ACCOUNT};`,
    port,
    startupMillis: Date.now() - started,
    stop,
  };
}

/** The azurite-blob entry script, from the azurite package's own `bin` field. */
function azuriteBlobMain(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('azurite/package.json');
  } catch {
    throw new Error('The azurite devDependency is not installed: run `npm install` in the project root.');
  }
  const bin = (JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> }).bin['azurite-blob'];
  return path.resolve(path.dirname(packageJson), bin);
}

function azuriteEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(APPLICATIONINSIGHTS_|APPINSIGHTS_|NODE_OPTIONS$)/i.test(key)) env[key] = value;
  }
  return env;
}

/** A port the OS says is free now (a tiny race with other processes remains; loopback only). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMillis: number): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `it exited (code ${code}, signal ${signal})`));
  child.once('error', (error) => (exited = `it could not be spawned (${error.message})`));
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the port did not accept connections within ${timeoutMillis} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
