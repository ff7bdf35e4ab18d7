import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

/** The house limit (STYLE.md): a file that grows past it is doing more than one thing. */
const MAX_LINES = 400;

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('source file sizes', function () {
  it(`when the source under src/ and dialogs/ is read, then no file is over ${MAX_LINES} lines`, function () {
    const files = ['src', 'dialogs'].flatMap((dir) => typeScriptFiles(path.join(PROJECT_ROOT, dir)));
    assert.ok(files.length > 50, `only ${files.length} files found`);
    const over = files
      .map((file) => ({ file: path.relative(PROJECT_ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    assert.deepEqual(over, []);
  });
});
