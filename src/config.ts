import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The project root (where package.json, cards/ and samples/ live), from src/ or dist/src/. */
export const PROJECT_ROOT = findProjectRoot();

function findProjectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '../..') : path.resolve(here, '..');
}

export type StorageKind = 'lowdb' | 'blob';

/** Everything the bot reads from its environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  /** Loopback only in local-development mode (no credentials); all interfaces with credentials. */
  host: string;
  /** Bot Framework credentials; undefined means local-development mode (no authentication). */
  botCredentials?: { appId: string; appPassword: string; appType: string; tenantId?: string };
  dataDir: string;
  trustFile: string;
  /** Policy files overriding those named in the trust file (comma separated in POLICY_FILES). */
  policyFiles?: string[];
  /** lowdb: the store folder, and today's single-file store that is migrated into it once if present. */
  storage: { kind: 'lowdb'; folder: string; legacyFile: string } | { kind: 'blob'; connectionString: string; container: string };
  logLevel: string;
  /** Where staff's browsers reach the bot, for download links (BOT_PUBLIC_URL). */
  publicUrl: string;
  /** Per person: a burst of `burst` activities, then `perMinute` a minute (RATE_LIMIT_BURST, RATE_LIMIT_PER_MINUTE). */
  rateLimit: { burst: number; perMinute: number };
}

/** A configuration problem, naming the key and where it was read from. */
export class ConfigError extends Error {
  constructor(readonly key: string, readonly source: string, problem: string) {
    super(`Configuration error: ${key} (${source}) ${problem}`);
    this.name = 'ConfigError';
  }
}

const ENV_SOURCE = 'environment variable';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  HOST: z.string().min(1).optional(),
  MicrosoftAppId: z.string().trim().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().trim().optional(),
  DATA_DIR: z.string().min(1).default('data'),
  TRUST_FILE: z.string().min(1).default('samples/trust.json'),
  POLICY_FILES: z.string().optional(),
  STORAGE: z.enum(['lowdb', 'blob']).default('lowdb'),
  AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),
  AZURE_STORAGE_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a valid container name (lower case letters, digits, hyphens)')
    .default('policy-desk'),
  BOT_PUBLIC_URL: z.string().url().optional(),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(60),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Reads and validates the environment. The only reader of process.env in the project.
 * Relative paths are resolved against the project root, so the bot behaves the same from any cwd.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0]), ENV_SOURCE, issue.message);
  }
  const e = parsed.data;
  const resolve = (p: string) => path.resolve(PROJECT_ROOT, p);

  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('MicrosoftAppPassword', ENV_SOURCE, 'is required when MicrosoftAppId is set');
  }
  if (!e.MicrosoftAppId && e.MicrosoftAppPassword) {
    throw new ConfigError('MicrosoftAppId', ENV_SOURCE, 'is required when MicrosoftAppPassword is set');
  }
  if (e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId) {
    throw new ConfigError('MicrosoftAppTenantId', ENV_SOURCE, 'is required when MicrosoftAppType is SingleTenant');
  }
  if (e.STORAGE === 'blob' && !e.AZURE_STORAGE_CONNECTION_STRING) {
    throw new ConfigError('AZURE_STORAGE_CONNECTION_STRING', ENV_SOURCE, 'is required when STORAGE=blob');
  }

  const botCredentials = e.MicrosoftAppId
    ? {
        appId: e.MicrosoftAppId,
        appPassword: e.MicrosoftAppPassword ?? '',
        appType: e.MicrosoftAppType,
        tenantId: e.MicrosoftAppTenantId,
      }
    : undefined;
  const dataDir = resolve(e.DATA_DIR);

  return {
    port: e.PORT,
    host: e.HOST ?? (botCredentials ? '0.0.0.0' : '127.0.0.1'),
    botCredentials,
    dataDir,
    trustFile: resolve(e.TRUST_FILE),
    policyFiles: e.POLICY_FILES?.split(',').map((p) => p.trim()).filter(Boolean).map(resolve),
    storage:
      e.STORAGE === 'blob'
        ? { kind: 'blob', connectionString: e.AZURE_STORAGE_CONNECTION_STRING!, container: e.AZURE_STORAGE_CONTAINER }
        : { kind: 'lowdb', folder: path.join(dataDir, 'store'), legacyFile: path.join(dataDir, 'policy-desk.json') },
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.BOT_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    rateLimit: { burst: e.RATE_LIMIT_BURST, perMinute: e.RATE_LIMIT_PER_MINUTE },
  };
}

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v?.trim() === '' ? undefined : v]));
}
