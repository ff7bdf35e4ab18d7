import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import {
  DEFAULT_TEAMS_APP_ID,
  LOCAL_DEV_BOT_ID,
  ManifestConfigError,
  ManifestValidationError,
  buildAppPackage,
  checkAppIcons,
  fillManifestTemplate,
  resolveManifestValues,
  teamsSchemaPath,
  validateTeamsManifest,
} from '../../src/adapters/teams/app-manifest.js';
import { PROJECT_ROOT } from '../support/card-checks.js';

const MANIFEST_DIR = path.join(PROJECT_ROOT, 'manifest');
const CLI = path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'build-app-package.js');
const BOT_ID = '6b2f3c1d-4e5a-4b7c-8d9e-0a1b2c3d4e5f';
const APP_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const FULL_ENV = { TEAMS_APP_ID: APP_ID, MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'policy-desk.azurewebsites.net' };
const COMMANDS = ['help', 'ask a question', 'software request', 'share a password', 'personal device', 'report lost device', 'my requests', 'waiting for me', 'registers'];

type Manifest = Record<string, any>;
const readTemplate = (): unknown => JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'));
const filled = (env: Record<string, string | undefined> = FULL_ENV): Manifest =>
  fillManifestTemplate(readTemplate(), resolveManifestValues(env).values) as Manifest;

function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data.set(pixel(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(image);
}

describe('Teams app manifest', function () {
  it('when filled from a full environment, then it validates against the bundled official schema of its version', function () {
    const manifest = filled();
    assert.ok(existsSync(teamsSchemaPath(manifest.manifestVersion)), `no bundled schema for ${manifest.manifestVersion}`);
    assert.match(manifest.$schema, new RegExp(`/v${manifest.manifestVersion.replace('.', '\\.')}/MicrosoftTeams\\.schema\\.json$`));
    assert.deepEqual(validateTeamsManifest(manifest), []);
  });

  it('when filled, then the ids and domain come from TEAMS_APP_ID, MicrosoftAppId and BOT_DOMAIN', function () {
    const manifest = filled();
    assert.equal(manifest.id, APP_ID);
    assert.equal(manifest.bots[0].botId, BOT_ID);
    assert.deepEqual(manifest.validDomains, ['policy-desk.azurewebsites.net']);
    assert.doesNotMatch(JSON.stringify(manifest), /\$\{\{/);
  });

  it('when read, then it declares one conversational bot in personal, team and groupChat with every command in each scope', function () {
    const manifest = filled();
    assert.equal(manifest.name.short, 'Policy Desk');
    assert.equal(manifest.bots.length, 1);
    const [bot] = manifest.bots;
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.equal(bot.supportsFiles, false);
    assert.equal(bot.isNotificationOnly, false);
    for (const scope of ['personal', 'team', 'groupChat']) {
      const lists = bot.commandLists.filter((l: { scopes: string[] }) => l.scopes.includes(scope));
      assert.equal(lists.length, 1, `one command list for ${scope}`);
      assert.deepEqual(lists[0].commands.map((c: { title: string }) => c.title), COMMANDS, `commands for ${scope}`);
    }
    assert.match(manifest.description.full, /Information Security Policy/);
  });

  it('when the filled manifest breaks the schema, then validation lists each problem', function () {
    const manifest = filled();
    manifest.bots[0].botId = 'not-a-guid';
    manifest.bots[0].scopes.push('meetings');
    manifest.accentColor = 'navy';
    manifest.unexpected = true;
    const problems = validateTeamsManifest(manifest);
    assert.ok(problems.some((p) => p.startsWith('/bots/0/botId must match pattern')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('/bots/0/scopes/3 must be equal to one of the allowed values')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('/accentColor must match pattern')), problems.join('\n'));
    assert.ok(problems.includes('/ must NOT have additional properties {"additionalProperty":"unexpected"}'), problems.join('\n'));
  });

  it('when a placeholder is left or $schema names another version, then validation reports it', function () {
    const manifest = filled();
    manifest.name.full = 'Policy Desk ${{SCHOOL_NAME}}';
    manifest.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json';
    const problems = validateTeamsManifest(manifest);
    assert.ok(problems.includes('unfilled placeholders: ${{SCHOOL_NAME}}'), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('does not match manifestVersion')), problems.join('\n'));
  });
});

describe('manifest placeholders from the environment', function () {
  it('when MicrosoftAppId and BOT_DOMAIN are missing, then a local-dev bot id is used, validDomains is empty and both are warned about', function () {
    const { values, warnings } = resolveManifestValues({});
    assert.equal(values.TEAMS_APP_ID, DEFAULT_TEAMS_APP_ID);
    assert.equal(values.MicrosoftAppId, LOCAL_DEV_BOT_ID);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /^MicrosoftAppId is not set/);
    assert.match(warnings[1], /^BOT_DOMAIN is not set/);
    const manifest = filled({});
    assert.deepEqual(manifest.validDomains, []);
    assert.deepEqual(validateTeamsManifest(manifest), []);
  });

  it('when building a release without MicrosoftAppId or BOT_DOMAIN, then the error names the variable', function () {
    assert.throws(() => resolveManifestValues({ BOT_DOMAIN: 'x.example.com' }, { release: true }), (error: unknown) =>
      error instanceof ManifestConfigError && error.variable === 'MicrosoftAppId' && /^MicrosoftAppId is not set/.test(error.message));
    assert.throws(() => resolveManifestValues({ MicrosoftAppId: BOT_ID }, { release: true }), (error: unknown) =>
      error instanceof ManifestConfigError && error.variable === 'BOT_DOMAIN');
  });

  it('when a variable is malformed, then the error names it and shows the bad value', function () {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ MicrosoftAppId: 'my-bot' }, 'MicrosoftAppId', /MicrosoftAppId must be .*a GUID.*got "my-bot"/],
      [{ TEAMS_APP_ID: '1234' }, 'TEAMS_APP_ID', /TEAMS_APP_ID must be .*got "1234"/],
      [{ BOT_DOMAIN: 'https://policy-desk.example.com/' }, 'BOT_DOMAIN', /BOT_DOMAIN must be .*no https:\/\/.*got "https:\/\/policy-desk\.example\.com\/"/],
    ];
    for (const [env, variable, message] of cases) {
      assert.throws(() => resolveManifestValues(env), (error: unknown) =>
        error instanceof ManifestConfigError && error.variable === variable && message.test(error.message), variable);
    }
  });

  it('when the template names an unknown placeholder, then filling fails naming it and the template is untouched', function () {
    const template = { name: { short: '${{APP_NAME}}' }, validDomains: ['${{APP_DOMAIN}}'] };
    const before = structuredClone(template);
    assert.throws(() => fillManifestTemplate(template, {}), (error: unknown) =>
      error instanceof ManifestConfigError && error.variable === 'APP_NAME' && /not a known manifest variable/.test(error.message));
    assert.throws(() => fillManifestTemplate({ validDomains: ['${{APP_DOMAIN}}'] }, {}), /APP_DOMAIN/);
    assert.deepEqual(template, before);
  });
});

describe('Teams app icons', function () {
  const color = readFileSync(path.join(MANIFEST_DIR, 'color.png'));
  const outline = readFileSync(path.join(MANIFEST_DIR, 'outline.png'));

  it('when the committed icons are read, then color is 192x192 and outline 32x32 white on transparent', function () {
    const c = PNG.sync.read(color);
    const o = PNG.sync.read(outline);
    assert.deepEqual([c.width, c.height], [192, 192]);
    assert.deepEqual([o.width, o.height], [32, 32]);
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < o.data.length; i += 4) {
      if (o.data[i + 3] === 0) transparent++;
      else {
        assert.deepEqual([...o.data.subarray(i, i + 3)], [255, 255, 255], `outline pixel ${i / 4} is not white`);
        white++;
      }
    }
    assert.ok(transparent > 200 && white > 200, `outline has ${white} white and ${transparent} transparent pixels`);
    const distinctColours = new Set<number>();
    for (let i = 0; i < c.data.length; i += 4) {
      assert.equal(c.data[i + 3], 255, 'color icon is fully opaque');
      distinctColours.add(c.data.readUInt32BE(i));
    }
    assert.ok(distinctColours.size > 3, 'color icon is full colour, not blank');
    assert.deepEqual(checkAppIcons(color, outline), []);
  });

  it('when icons have the wrong size or a coloured outline, then the icon check reports each problem', function () {
    const opaqueRed = png(32, 32, () => [255, 0, 0, 255]);
    const problems = checkAppIcons(png(96, 96, () => [0, 0, 255, 255]), opaqueRed);
    assert.deepEqual(problems, [
      'color.png must be 192x192, is 96x96',
      'outline.png must be white on transparent; 1024 visible pixels are not white',
      'outline.png has no transparent pixels; its background must be transparent',
    ]);
    assert.deepEqual(checkAppIcons(color, Buffer.from('not a png')).length, 1);
  });
});

describe('Teams app package', function () {
  let dir: string;
  beforeEach(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-package-'));
  });
  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  const cliEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
    const env = { ...process.env, ...extra };
    for (const name of ['TEAMS_APP_ID', 'MicrosoftAppId', 'BOT_DOMAIN']) if (!(name in extra)) delete env[name];
    return env;
  };

  it('when built, then the zip holds manifest.json, color.png and outline.png at its root, and the manifest validates', async function () {
    const outFile = path.join(dir, 'build', 'policy-desk.zip');
    const result = await buildAppPackage({ manifestDir: MANIFEST_DIR, outFile, env: FULL_ENV, release: true });
    assert.deepEqual(result.warnings, []);
    const zip = new AdmZip(outFile);
    assert.deepEqual(zip.getEntries().map((e) => e.entryName).sort(), ['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as Manifest;
    assert.equal(manifest.bots[0].botId, BOT_ID);
    assert.deepEqual(validateTeamsManifest(manifest), []);
    assert.ok(zip.readFile('color.png')?.equals(readFileSync(path.join(MANIFEST_DIR, 'color.png'))));
    assert.ok(zip.readFile('outline.png')?.equals(readFileSync(path.join(MANIFEST_DIR, 'outline.png'))));
  });

  it('when the manifest or an icon would be rejected by Teams, then the build fails listing why and writes nothing', async function () {
    const brokenDir = path.join(dir, 'manifest');
    await mkdir(brokenDir);
    const template = readTemplate() as Manifest;
    template.accentColor = 'navy';
    await writeFile(path.join(brokenDir, 'manifest.json'), JSON.stringify(template));
    await copyFile(path.join(MANIFEST_DIR, 'color.png'), path.join(brokenDir, 'color.png'));
    await copyFile(path.join(MANIFEST_DIR, 'color.png'), path.join(brokenDir, 'outline.png'));
    const outFile = path.join(dir, 'bad.zip');
    await assert.rejects(buildAppPackage({ manifestDir: brokenDir, outFile, env: FULL_ENV }), (error: unknown) => {
      assert.ok(error instanceof ManifestValidationError);
      assert.ok(error.problems.some((p) => p.startsWith('/accentColor must match pattern')), error.message);
      assert.ok(error.problems.includes('outline.png must be 32x32, is 192x192'), error.message);
      return true;
    });
    assert.equal(existsSync(outFile), false);
  });

  it('when the CLI runs with credentials, then it writes the package and reports the bot id', async function () {
    const outFile = path.join(dir, 'cli.zip');
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, '--release', '--out', outFile], { env: cliEnv(FULL_ENV) });
    assert.match(stdout, new RegExp(`written to .*cli\\.zip .*bot id ${BOT_ID}`));
    assert.ok(existsSync(outFile));
  });

  it('when the CLI runs without MicrosoftAppId, then it warns and builds a local-dev package', async function () {
    const outFile = path.join(dir, 'dev.zip');
    const { stderr } = await promisify(execFile)(process.execPath, [CLI, '--out', outFile], { env: cliEnv({}) });
    assert.match(stderr, /warning: MicrosoftAppId is not set: using the local-dev placeholder 00000000-0000-0000-0000-000000000000/);
    const manifest = JSON.parse(new AdmZip(outFile).readAsText('manifest.json')) as Manifest;
    assert.equal(manifest.bots[0].botId, LOCAL_DEV_BOT_ID);
  });

  it('when the CLI gets a malformed MicrosoftAppId or a release lacks it, then it exits 1 naming the variable', async function () {
    const outFile = path.join(dir, 'never.zip');
    for (const [args, env, message] of [
      [['--out', outFile], { MicrosoftAppId: 'not-a-guid' }, /Cannot build the Teams app package: MicrosoftAppId must be .*got "not-a-guid"/],
      [['--release', '--out', outFile], { BOT_DOMAIN: 'x.example.com' }, /Cannot build the Teams app package: MicrosoftAppId is not set/],
    ] as const) {
      await assert.rejects(promisify(execFile)(process.execPath, [CLI, ...args], { env: cliEnv(env) }), (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr ?? '', message);
        assert.doesNotMatch(error.stderr ?? '', /\n\s+at /, 'no stack trace');
        return true;
      });
    }
    assert.equal(existsSync(outFile), false);
  });
});
