#!/usr/bin/env node
// Renders every card template in cards/, bound to its sample data (test/fixtures/cards), at 360 px
// in Teams' light and dark host configs and a high-contrast rendering, with the official
// `adaptivecards` renderer in Debian's Chromium, and writes docs/cards/<card>-<theme>.png.
// Prints what a phone reader would notice (overflow, cut-short text, low contrast) and exits 1 if
// anything was found. Run after `npm run build`: node scripts/render-cards.mjs [card-name ...]
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { CardRenderer, PHONE_WIDTH, sampleCards, teamsThemes } = await import(path.join(root, 'dist/test/support/card-rendering.js'));
const { chromiumPath } = await import(path.join(root, 'dist/test/support/playground.js'));

if (!chromiumPath()) {
  console.error('Chromium not installed: apt-get install -y chromium (never a downloaded browser)');
  process.exit(1);
}
const only = process.argv.slice(2);
const cards = sampleCards().filter((c) => only.length === 0 || only.includes(c.name));
const outDir = path.join(root, 'docs', 'cards');
await mkdir(outDir, { recursive: true });
if (only.length === 0) {
  // Cards removed or renamed leave no stale pictures behind.
  for (const file of await readdir(outDir)) if (file.endsWith('.png')) await rm(path.join(outDir, file));
}

const renderer = await CardRenderer.launch();
let problems = 0;
try {
  for (const { name, card } of cards) {
    for (const theme of teamsThemes()) {
      const report = await renderer.render(card, theme, { width: PHONE_WIDTH, screenshot: true });
      await writeFile(path.join(outDir, `${name}-${theme.name}.png`), report.png);
      for (const [what, list] of [['overflows', report.overflows], ['truncated', report.truncated], ['low contrast', report.lowContrast]]) {
        for (const item of list) {
          problems++;
          console.log(`${name} (${theme.name}) ${what}: ${item}`);
        }
      }
    }
  }
} finally {
  await renderer.close();
}
console.log(`${cards.length} cards x 3 themes at ${PHONE_WIDTH} px -> ${path.relative(root, outDir)}/ (${problems} problem${problems === 1 ? '' : 's'})`);
process.exitCode = problems > 0 ? 1 : 0;
