/**
 * The Teams app package: fills the placeholders in manifest/manifest.json from environment
 * variables, validates the result against the official schema shipped in @microsoft/app-manifest,
 * checks the icons and writes the zip Teams accepts. Build tooling only (the CLI and tests); the
 * running bot never imports this module.
 *
 * Placeholder convention: `${{NAME}}` inside a manifest string, where NAME is the environment
 * variable that supplies it, e.g. `"botId": "${{MicrosoftAppId}}"`.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AdmZip from 'adm-zip';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';

/** The environment variables the manifest template may name, with how each is checked. */
export const MANIFEST_VARIABLES = {
  TEAMS_APP_ID: {
    description: 'the Teams app id (a GUID, stable across releases of the app)',
    kind: 'guid',
  },
  MicrosoftAppId: {
    description: "the bot's Microsoft App ID from its Azure Bot registration (a GUID)",
    kind: 'guid',
  },
  BOT_DOMAIN: {
    description: 'the host name the bot is served from, e.g. policy-desk.azurewebsites.net',
    kind: 'domain',
  },
} as const;

/** Name of an environment variable the manifest template may use. */
export type ManifestVariable = keyof typeof MANIFEST_VARIABLES;

/** Values for the manifest placeholders; an absent optional value removes its array entry. */
export type ManifestValues = Partial<Record<ManifestVariable, string>>;

/** The fixed Teams app id used when TEAMS_APP_ID is not set. */
export const DEFAULT_TEAMS_APP_ID = '5c1e3b6a-8d42-4f7e-9a61-2b7d0c4e9f13';

/** Obviously fake bot id for local-dev packages; Teams cannot reach a bot registered under it. */
export const LOCAL_DEV_BOT_ID = '00000000-0000-0000-0000-000000000000';

/** The file name of the package inside appPackage/build. */
export const APP_PACKAGE_FILE_NAME = 'policy-desk.zip';

/** Thrown when an environment variable the package needs is missing or malformed. */
export class ManifestConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
    this.name = 'ManifestConfigError';
  }
}

/** Thrown when the filled manifest or its icons would be rejected by Teams. */
export class ManifestValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app manifest is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ManifestValidationError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/i;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Reads the placeholder values from an environment. Without `release`, a missing MicrosoftAppId
 * becomes {@link LOCAL_DEV_BOT_ID} and a missing BOT_DOMAIN leaves validDomains empty, each with
 * a warning; with `release` both are required. Malformed values always throw
 * {@link ManifestConfigError} naming the variable.
 */
export function resolveManifestValues(
  env: Readonly<Record<string, string | undefined>>,
  options: { release?: boolean } = {},
): { values: ManifestValues; warnings: string[] } {
  const warnings: string[] = [];
  const read = (name: ManifestVariable): string | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const spec = MANIFEST_VARIABLES[name];
    const ok = spec.kind === 'guid' ? GUID.test(raw) : DOMAIN.test(raw);
    if (!ok) {
      const hint = spec.kind === 'domain' ? ' (a host name only: no https://, path or trailing slash)' : '';
      throw new ManifestConfigError(name, `${name} must be ${spec.description}${hint}; got "${raw}".`);
    }
    return raw;
  };
  const missing = (name: ManifestVariable): ManifestConfigError =>
    new ManifestConfigError(name, `${name} is not set: set it to ${MANIFEST_VARIABLES[name].description}.`);

  const values: ManifestValues = { TEAMS_APP_ID: read('TEAMS_APP_ID') ?? DEFAULT_TEAMS_APP_ID };

  const botId = read('MicrosoftAppId');
  if (botId) values.MicrosoftAppId = botId;
  else if (options.release) throw missing('MicrosoftAppId');
  else {
    values.MicrosoftAppId = LOCAL_DEV_BOT_ID;
    warnings.push(
      `MicrosoftAppId is not set: using the local-dev placeholder ${LOCAL_DEV_BOT_ID}. ` +
        'This package cannot talk to a real bot; set MicrosoftAppId to the Azure Bot registration id.',
    );
  }

  const domain = read('BOT_DOMAIN');
  if (domain) values.BOT_DOMAIN = domain;
  else if (options.release) throw missing('BOT_DOMAIN');
  else warnings.push('BOT_DOMAIN is not set: validDomains is left empty.');

  return { values, warnings };
}

/**
 * Replaces every `${{NAME}}` in the string values of a parsed manifest template. A string that
 * is only a placeholder without a value is dropped from its array (so validDomains can be empty);
 * anywhere else a missing value throws {@link ManifestConfigError}. The template is not modified.
 */
export function fillManifestTemplate(template: unknown, values: ManifestValues): Record<string, unknown> {
  const lookup = (name: string): string | undefined =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name as ManifestVariable] : undefined;
  const fillString = (text: string, where: string): string =>
    text.replace(PLACEHOLDER, (_match, name: string) => {
      const value = lookup(name);
      if (value === undefined) {
        const known = name in MANIFEST_VARIABLES ? `: set it to ${MANIFEST_VARIABLES[name as ManifestVariable].description}` : ' (not a known manifest variable)';
        throw new ManifestConfigError(name, `${name} is needed for ${where}${known}.`);
      }
      return value;
    });
  const onlyPlaceholder = (text: string): string | undefined => {
    const match = /^\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(text);
    return match?.[1];
  };
  const walk = (node: unknown, where: string): unknown => {
    if (typeof node === 'string') return fillString(node, where);
    if (Array.isArray(node)) {
      return node
        .filter((item) => {
          const name = typeof item === 'string' ? onlyPlaceholder(item) : undefined;
          return name === undefined || !(name in MANIFEST_VARIABLES) || lookup(name) !== undefined;
        })
        .map((item, i) => walk(item, `${where}[${i}]`));
    }
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, `${where}.${key}`)]));
    }
    return node;
  };
  const filled = walk(template, 'manifest');
  if (filled === null || typeof filled !== 'object' || Array.isArray(filled)) {
    throw new ManifestValidationError(['the manifest must be a JSON object']);
  }
  return filled as Record<string, unknown>;
}

const require = createRequire(import.meta.url);

/** Path of the official Teams manifest schema for a manifest version, from @microsoft/app-manifest. */
export function teamsSchemaPath(manifestVersion: string): string {
  const packageRoot = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

type ManifestValidator = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> }[] | null;
};
// Errors whose params add something the message does not already say.
const INFORMATIVE_PARAMS = new Set(['additionalProperties', 'enum', 'required']);
const validators = new Map<string, ManifestValidator>();

function validatorFor(manifestVersion: string): ManifestValidator {
  let validate = validators.get(manifestVersion);
  if (!validate) {
    let schemaText: string;
    try {
      schemaText = readFileSync(teamsSchemaPath(manifestVersion), 'utf8');
    } catch {
      throw new ManifestValidationError([`no bundled Teams schema for manifestVersion "${manifestVersion}"`]);
    }
    // The published schemas are draft-04 and use formats such as "uri"; strict mode rejects their
    // non-standard annotations.
    const ajv = new Ajv04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validate = ajv.compile(JSON.parse(schemaText)) as ManifestValidator;
    validators.set(manifestVersion, validate);
  }
  return validate;
}

/**
 * Validates a filled manifest against the official schema of its `manifestVersion` and the rules
 * Policy Desk relies on (exactly one bot, no placeholder left). Returns the problems, empty when
 * Teams would accept it.
 */
export function validateTeamsManifest(manifest: unknown): string[] {
  if (manifest === null || typeof manifest !== 'object') return ['the manifest must be a JSON object'];
  const m = manifest as Record<string, unknown>;
  if (typeof m.manifestVersion !== 'string') return ['manifestVersion must be a string such as "1.22"'];
  const problems: string[] = [];
  const validate = validatorFor(m.manifestVersion);
  if (!validate(manifest)) {
    for (const error of validate.errors ?? []) {
      const detail = INFORMATIVE_PARAMS.has(error.keyword) ? ` ${JSON.stringify(error.params)}` : '';
      problems.push(`${error.instancePath || '/'} ${error.message ?? 'is invalid'}${detail}`);
    }
  }
  // The schema pins manifestVersion but not $schema: a mismatch would validate against one
  // version here and another in tools that follow $schema.
  if (typeof m.$schema === 'string' && !m.$schema.includes(`/v${m.manifestVersion}/`)) {
    problems.push(`$schema ${m.$schema} does not match manifestVersion ${m.manifestVersion}`);
  }
  const leftover = JSON.stringify(manifest).match(/\$\{\{[^}]*\}\}/g);
  if (leftover) problems.push(`unfilled placeholders: ${[...new Set(leftover)].join(', ')}`);
  if (!Array.isArray(m.bots) || m.bots.length !== 1) problems.push('the manifest must declare exactly one bot');
  return problems;
}

/** Icon rules Teams applies on upload: colour 192x192; outline 32x32, white on transparent. */
export function checkAppIcons(colorPng: Buffer, outlinePng: Buffer): string[] {
  const problems: string[] = [];
  const decode = (name: string, data: Buffer): PNG | undefined => {
    try {
      return PNG.sync.read(data);
    } catch (error) {
      problems.push(`${name} is not a readable PNG (${(error as Error).message})`);
      return undefined;
    }
  };
  const color = decode('color.png', colorPng);
  if (color && (color.width !== 192 || color.height !== 192)) {
    problems.push(`color.png must be 192x192, is ${color.width}x${color.height}`);
  }
  const outline = decode('outline.png', outlinePng);
  if (outline) {
    if (outline.width !== 32 || outline.height !== 32) {
      problems.push(`outline.png must be 32x32, is ${outline.width}x${outline.height}`);
    }
    let transparent = 0;
    let coloured = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a === 0) transparent++;
      else if (r !== 255 || g !== 255 || b !== 255) coloured++;
    }
    if (coloured > 0) problems.push(`outline.png must be white on transparent; ${coloured} visible pixels are not white`);
    if (transparent === 0) problems.push('outline.png has no transparent pixels; its background must be transparent');
  }
  return problems;
}

/** Result of {@link buildAppPackage}. */
export interface AppPackageResult {
  outFile: string;
  manifest: Record<string, unknown>;
  warnings: string[];
}

/**
 * Builds the Teams app package: fills manifest.json in `manifestDir` from `env`, validates it and
 * its icons, and writes a zip with manifest.json, color.png and outline.png at its root.
 * Throws {@link ManifestConfigError} or {@link ManifestValidationError}; writes nothing then.
 */
export async function buildAppPackage(options: {
  manifestDir: string;
  outFile: string;
  env: Readonly<Record<string, string | undefined>>;
  release?: boolean;
}): Promise<AppPackageResult> {
  const { values, warnings } = resolveManifestValues(options.env, { release: options.release });
  const manifest = fillManifestTemplate(JSON.parse(await readFile(join(options.manifestDir, 'manifest.json'), 'utf8')), values);
  const icons = manifest.icons as { color?: unknown; outline?: unknown } | undefined;
  const colorPng = await readFile(join(options.manifestDir, String(icons?.color ?? 'color.png')));
  const outlinePng = await readFile(join(options.manifestDir, String(icons?.outline ?? 'outline.png')));
  const problems = [...validateTeamsManifest(manifest), ...checkAppIcons(colorPng, outlinePng)];
  if (problems.length > 0) throw new ManifestValidationError(problems);

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  zip.addFile(String(icons?.color), colorPng);
  zip.addFile(String(icons?.outline), outlinePng);
  await mkdir(dirname(options.outFile), { recursive: true });
  await writeFile(options.outFile, zip.toBuffer());
  return { outFile: options.outFile, manifest, warnings };
}
