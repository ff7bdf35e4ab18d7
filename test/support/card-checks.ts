/**
 * Checks that an Adaptive Card is one Teams will render: the official Adaptive Cards 1.5 schema,
 * the `adaptivecards` library's parser and validator (with Teams' host config), and the Teams
 * limits and house rules the schema cannot express. Tests call {@link assertValidTeamsCard} on
 * bound templates and on cards the bot actually sends.
 */
import { AssertionError } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type * as ACTypes from 'adaptivecards';
import * as ACData from 'adaptivecards-templating';
import { meaningfulWarnings } from '../../src/adapters/teams/card-renderer.js';
import './template-warnings.js';

const require = createRequire(import.meta.url);
// The package's `main` uses extension-less imports Node cannot load; its UMD bundle works.
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;

/** Highest Adaptive Card version Teams renders in bot messages. */
export const TEAMS_MAX_CARD_VERSION = '1.5';

/** Cards must stay under this many bytes of JSON (Teams' message size limit is about 28 KB). */
export const TEAMS_MAX_CARD_BYTES = 28 * 1024;

/** Teams shows refresh cards automatically to at most this many users. */
export const TEAMS_MAX_REFRESH_USER_IDS = 60;

/** The project root: the nearest directory above this file holding package.json. */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The read-only shared folder beside the project (schemas, host configs); may be absent. */
export const SHARED_DIR = path.resolve(PROJECT_ROOT, '../shared');

/** Official Adaptive Cards 1.5 JSON schema (draft-06), read at run time from ../shared. */
export const ADAPTIVE_CARD_SCHEMA_PATH = path.join(SHARED_DIR, 'schemas', 'adaptive-card-1.5.json');

/** Teams' light host config, used so the library validates against Teams' limits. */
export const TEAMS_HOST_CONFIG_PATH = path.join(SHARED_DIR, 'schemas', 'teams-hostconfig-light.json');

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** Whether the official schema is present, i.e. ../shared exists. */
export function adaptiveCardSchemaAvailable(): boolean {
  return existsSync(ADAPTIVE_CARD_SCHEMA_PATH);
}

/** A card as plain JSON. */
export type CardJson = Record<string, unknown>;

/**
 * Binds a card template (`${...}` bindings) to data, as the bot does, without touching the
 * template object. Returns the card and the templating library's warnings.
 */
export function bindCardTemplate(template: unknown, data: unknown): { card: CardJson; warnings: string[] } {
  const engine = new ACData.Template(structuredClone(template));
  const card = engine.expand({ $root: data }) as CardJson;
  const warnings = meaningfulWarnings(engine.getLastTemplateExpansionWarnings());
  return { card, warnings };
}

/** Folder of the card templates. */
export const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');

/** Folder of the data each template is bound to in tests: `<name>.data.json` for `cards/<name>.json`. */
export const CARD_FIXTURES_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'cards');

/**
 * Reads a template file and its data fixture and binds them. Throws an AssertionError that says
 * what to add when the fixture is missing, or which file is not JSON.
 */
export function bindCardTemplateFile(templateFile: string, fixtureFile: string): { card: CardJson; warnings: string[] } {
  const readJson = (file: string, what: string): unknown => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new AssertionError({
        message:
          what === 'fixture'
            ? `${path.relative(PROJECT_ROOT, templateFile)} has no data fixture: add ${path.relative(PROJECT_ROOT, fixtureFile)} ` +
              'with realistic values for every ${...} binding in the template'
            : `cannot read ${what} ${file}`,
      });
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new AssertionError({ message: `${path.relative(PROJECT_ROOT, file)} is not valid JSON: ${(error as Error).message}` });
    }
  };
  const template = readJson(templateFile, 'template');
  const data = readJson(fixtureFile, 'fixture');
  return bindCardTemplate(template, data);
}

// ---------------------------------------------------------------------------------------------
// (a) The official Adaptive Cards 1.5 schema

interface SchemaValidator {
  root: ValidateFunction;
  definition(name: string): ValidateFunction | undefined;
}

let schemaValidator: SchemaValidator | undefined;

function loadSchemaValidator(): SchemaValidator {
  if (schemaValidator) return schemaValidator;
  const schema = JSON.parse(readFileSync(ADAPTIVE_CARD_SCHEMA_PATH, 'utf8')) as Record<string, unknown> & {
    definitions: Record<string, unknown>;
  };
  // The file is draft-06 but names itself with draft-04's `id`, which ajv 8 refuses; it also
  // carries annotations ("version", "features") that strict mode would reject.
  const id = String(schema.$id ?? schema.id);
  delete schema.id;
  schema.$id = id;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  addFormats.default(ajv);
  const root = ajv.compile(schema);
  schemaValidator = {
    root,
    definition: (name) =>
      Object.prototype.hasOwnProperty.call(schema.definitions, name)
        ? ajv.getSchema(`${id}#/definitions/${encodeURIComponent(name)}`)
        : undefined,
  };
  return schemaValidator;
}

function pointer(value: unknown, instancePath: string): unknown {
  if (!instancePath) return value;
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

const INFORMATIVE_PARAMS = new Set(['additionalProperties', 'enum', 'required', 'type']);

/**
 * Schema errors, made readable: an element that matches no branch of an "any element" choice is
 * re-checked against the definition its `type` names, so the report says what is wrong with it
 * instead of listing every element type it is not.
 */
function describeSchemaErrors(validate: ValidateFunction, value: unknown, prefix: string, depth: number): string[] {
  if (validate(value)) return [];
  const errors = [...(validate.errors ?? [])];
  const choicePaths = [...new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))]
    .sort((a, b) => a.length - b.length)
    .filter((p, i, all) => !all.slice(0, i).some((q) => p === q || p.startsWith(`${q}/`)));
  const under = (p: string, q: string): boolean => p === q || p.startsWith(`${q}/`);
  const out: string[] = [];
  for (const choicePath of choicePaths) {
    const node = pointer(value, choicePath);
    const type = node !== null && typeof node === 'object' ? (node as Record<string, unknown>).type : undefined;
    const where = prefix + choicePath || '/';
    const definition = typeof type === 'string' ? loadSchemaValidator().definition(type) : undefined;
    if (definition && depth < 12) {
      const inner = describeSchemaErrors(definition, node, prefix + choicePath, depth + 1);
      out.push(...(inner.length > 0 ? inner : [`${where}: a "${type}" is not allowed here`]));
    } else if (typeof type === 'string') {
      out.push(`${where}: unknown type "${type}" (not in Adaptive Cards ${TEAMS_MAX_CARD_VERSION})`);
    } else {
      const branchErrors = errors.filter((e) => under(e.instancePath, choicePath) && e.keyword !== 'anyOf');
      out.push(`${where}: matches none of the allowed forms (${[...new Set(branchErrors.map((e) => e.message))].join('; ')})`);
    }
  }
  for (const error of errors) {
    if (choicePaths.some((p) => under(error.instancePath, p))) continue;
    const detail = INFORMATIVE_PARAMS.has(error.keyword) ? ` ${JSON.stringify(error.params)}` : '';
    out.push(`${prefix + error.instancePath || '/'}: ${error.message ?? 'is invalid'}${detail}`);
  }
  return [...new Set(out)];
}

/**
 * Problems found by the official Adaptive Cards 1.5 schema, or undefined when ../shared (and so
 * the schema) is absent. The card-level `msteams` object is Teams' own extension, unknown to the
 * schema, so it is checked by {@link teamsRuleProblems} instead.
 */
export function schemaProblems(card: CardJson): string[] | undefined {
  if (!adaptiveCardSchemaAvailable()) return undefined;
  const { msteams: _teamsExtension, ...portable } = card;
  return describeSchemaErrors(loadSchemaValidator().root, portable, '', 0).map((p) => `schema: ${p}`);
}

// ---------------------------------------------------------------------------------------------
// (b) The adaptivecards library

let hostConfig: ACTypes.HostConfig | undefined;

function teamsHostConfig(): ACTypes.HostConfig {
  // Without ../shared, fall back to the one Teams limit the validator uses.
  hostConfig ??= new AC.HostConfig(
    existsSync(TEAMS_HOST_CONFIG_PATH) ? JSON.parse(readFileSync(TEAMS_HOST_CONFIG_PATH, 'utf8')) : { actions: { maxActions: 6 } },
  );
  return hostConfig;
}

/**
 * Parse and validation events from the `adaptivecards` library (the renderer Teams' web client is
 * built on), targeting version 1.5 with Teams' host config. Hints are not problems.
 */
export function adaptiveCardsLibraryProblems(card: CardJson): string[] {
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = teamsHostConfig();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  parsed.maxVersion = AC.Versions.v1_5;
  const events: ACTypes.IValidationEvent[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  return events
    .filter((e) => e.event !== AC.ValidationEvent.Hint)
    .map((e) => `adaptivecards: ${AC.ValidationEvent[e.event]}: ${e.message}`);
}

// ---------------------------------------------------------------------------------------------
// (c)-(e) and Teams rules the schema cannot express

const ACTION_TYPES_NEEDING_TITLE = new Set(['Action.Execute', 'Action.Submit', 'Action.OpenUrl', 'Action.ShowCard', 'Action.ToggleVisibility']);

function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

/**
 * Teams limits and house rules: top-level version set and at most 1.5; JSON under 28 KB; no
 * unbound `${...}` or template directives left; every Action.Execute has a verb; every button has
 * a title; refresh uses Action.Execute for at most 60 users; no password inputs; a valid `msteams`.
 */
export function teamsRuleProblems(card: CardJson): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push(`type must be "AdaptiveCard", is ${JSON.stringify(card.type)}`);

  if (typeof card.version !== 'string' || !/^\d+\.\d+$/.test(card.version)) {
    problems.push(`version must be set to a "major.minor" string (at most ${TEAMS_MAX_CARD_VERSION}), is ${JSON.stringify(card.version)}`);
  } else if (compareVersions(card.version, TEAMS_MAX_CARD_VERSION) > 0) {
    problems.push(`version ${card.version} is above ${TEAMS_MAX_CARD_VERSION}, the highest Teams renders`);
  }

  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes >= TEAMS_MAX_CARD_BYTES) problems.push(`card JSON is ${bytes} bytes; Teams needs it under ${TEAMS_MAX_CARD_BYTES}`);

  const visit = (node: unknown, where: string, inActions: boolean): void => {
    if (typeof node === 'string') {
      if (node.includes('${')) problems.push(`${where}: unbound template expression left in ${JSON.stringify(node)}`);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${where}/${i}`, inActions));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (key.startsWith('$') && key !== '$schema') problems.push(`${where}: template directive "${key}" left unexpanded`);
    }
    if (o.type === 'Action.Execute' && (typeof o.verb !== 'string' || o.verb.trim() === '')) {
      problems.push(`${where}: Action.Execute needs a "verb" (the bot routes universal actions by verb)`);
    }
    if (o.type === 'Action.Execute' && o.data !== undefined && (o.data === null || typeof o.data !== 'object' || Array.isArray(o.data))) {
      problems.push(`${where}: Action.Execute "data" must be an object`);
    }
    if (inActions && typeof o.type === 'string' && ACTION_TYPES_NEEDING_TITLE.has(o.type) && (typeof o.title !== 'string' || o.title.trim() === '')) {
      problems.push(`${where}: ${o.type} needs a "title" (it is shown as a button)`);
    }
    if (o.type === 'Input.Text' && o.style === 'password') {
      problems.push(`${where}: password inputs are not allowed (Policy Desk never collects passwords)`);
    }
    for (const [key, value] of Object.entries(o)) {
      visit(value, `${where}/${key}`, key === 'actions' && Array.isArray(value));
    }
  };
  visit(card, '', false);

  const refresh = card.refresh as Record<string, unknown> | undefined;
  if (refresh !== undefined) {
    const action = refresh?.action as Record<string, unknown> | undefined;
    if (action?.type !== 'Action.Execute') problems.push('/refresh: refresh.action must be an Action.Execute');
    if (refresh?.userIds !== undefined) {
      if (!Array.isArray(refresh.userIds) || refresh.userIds.some((id) => typeof id !== 'string' || id === '')) {
        problems.push('/refresh: refresh.userIds must be a list of Teams user ids');
      } else if (refresh.userIds.length > TEAMS_MAX_REFRESH_USER_IDS) {
        problems.push(`/refresh: refresh.userIds has ${refresh.userIds.length} ids; Teams allows at most ${TEAMS_MAX_REFRESH_USER_IDS}`);
      }
    }
  }

  problems.push(...msteamsProblems(card.msteams));
  return problems.map((p) => `teams: ${p}`);
}

function msteamsProblems(msteams: unknown): string[] {
  if (msteams === undefined) return [];
  if (msteams === null || typeof msteams !== 'object' || Array.isArray(msteams)) return ['/msteams must be an object'];
  const problems: string[] = [];
  const { width, entities, ...rest } = msteams as Record<string, unknown>;
  for (const key of Object.keys(rest)) problems.push(`/msteams/${key} is not a Teams card property`);
  if (width !== undefined && width !== 'Full') problems.push(`/msteams/width must be "Full", is ${JSON.stringify(width)}`);
  if (entities !== undefined) {
    if (!Array.isArray(entities)) problems.push('/msteams/entities must be a list');
    else {
      entities.forEach((entity: Record<string, unknown> | null, i) => {
        const mentioned = entity?.mentioned as Record<string, unknown> | undefined;
        if (entity?.type !== 'mention' || typeof entity.text !== 'string' || typeof mentioned?.id !== 'string' || typeof mentioned?.name !== 'string') {
          problems.push(`/msteams/entities/${i} must be a mention with text, mentioned.id and mentioned.name`);
        }
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

/** The outcome of {@link checkTeamsCard}. */
export interface CardCheckReport {
  problems: string[];
  /** False when ../shared is absent and the official schema could not be applied. */
  schemaChecked: boolean;
}

/** Runs every check and collects the problems; an empty list means Teams will render the card. */
export function checkTeamsCard(card: object): CardCheckReport {
  const json = card as CardJson;
  const fromSchema = schemaProblems(json);
  return {
    problems: [...(fromSchema ?? []), ...adaptiveCardsLibraryProblems(json), ...teamsRuleProblems(json)],
    schemaChecked: fromSchema !== undefined,
  };
}

let warnedSchemaMissing = false;

/**
 * Throws an AssertionError listing every problem unless the card is valid for Teams. Without
 * ../shared the schema check is skipped with a console note (once), the other checks still run;
 * pass `requireSchema` to fail instead.
 */
export function assertValidTeamsCard(card: object, options: { name?: string; requireSchema?: boolean } = {}): void {
  const report = checkTeamsCard(card);
  const label = options.name ?? 'card';
  if (!report.schemaChecked) {
    if (options.requireSchema || process.env.CI === 'true') {
      throw new AssertionError({ message: `${label}: the Adaptive Cards schema is missing (${ADAPTIVE_CARD_SCHEMA_PATH})` });
    }
    if (!warnedSchemaMissing) {
      console.log(`  note: ${ADAPTIVE_CARD_SCHEMA_PATH} is absent; cards are not checked against the official schema`);
      warnedSchemaMissing = true;
    }
  }
  if (report.problems.length > 0) {
    throw new AssertionError({ message: `${label} is not a valid Teams card:\n  - ${report.problems.join('\n  - ')}` });
  }
}
