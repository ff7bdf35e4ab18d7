#!/usr/bin/env node
/**
 * Builds the Teams app package appPackage/build/policy-desk.zip (`npm run package:teams`).
 *
 * Reads TEAMS_APP_ID, MicrosoftAppId and BOT_DOMAIN from the environment (e.g.
 * `node --env-file=.env dist/src/cli/build-app-package.js`). Options:
 *   --release     require MicrosoftAppId and BOT_DOMAIN instead of local-dev placeholders
 *   --out <file>  write the zip somewhere else
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  APP_PACKAGE_FILE_NAME,
  ManifestConfigError,
  ManifestValidationError,
  buildAppPackage,
} from '../adapters/teams/app-manifest.js';

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the CLI');
    dir = parent;
  }
  return dir;
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: { release: { type: 'boolean', default: false }, out: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (args.help) {
    console.log('Usage: build-app-package [--release] [--out <file>]\nEnvironment: TEAMS_APP_ID, MicrosoftAppId, BOT_DOMAIN');
    return 0;
  }
  const root = projectRoot();
  const outFile = path.resolve(args.out ?? path.join(root, 'appPackage', 'build', APP_PACKAGE_FILE_NAME));
  try {
    const result = await buildAppPackage({ manifestDir: path.join(root, 'manifest'), outFile, env: process.env, release: args.release });
    for (const warning of result.warnings) console.warn(`warning: ${warning}`);
    const bot = (result.manifest.bots as { botId: string }[])[0];
    console.log(`Teams app package written to ${result.outFile} (app id ${String(result.manifest.id)}, bot id ${bot.botId})`);
    return 0;
  } catch (error) {
    if (error instanceof ManifestConfigError || error instanceof ManifestValidationError) {
      console.error(`Cannot build the Teams app package: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
