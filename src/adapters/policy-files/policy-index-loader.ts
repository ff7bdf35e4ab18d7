/**
 * One way to turn policy files into an answering index, shared by the command line and the Teams
 * app: load and ingest the files, add WordNet synonyms when the data is installed, build the index.
 */
import { buildPolicyIndex, type PolicyIndex } from '../../domain/policy/policy-index.js';
import type { Concept } from '../../domain/policy/vocabulary.js';
import { loadPolicies } from './policy-file-loader.js';
import { loadWordNetSynonyms } from './wordnet-synonyms.js';
import { loadWordVectors } from './word-vectors.js';

/** Options for {@link loadPolicyIndex}. */
export interface LoadPolicyIndexOptions {
  /** Set false to answer from the concept vocabulary alone (no WordNet). Default true. */
  wordNet?: boolean;
  /** Set false to match without word vectors. Default true (when the vector cache is built). */
  wordVectors?: boolean;
  /** Replaces the concept vocabulary (measuring what each part of it is worth). Default: all of it. */
  concepts?: readonly Concept[];
}

/**
 * Loads the policies named (files, directories or a list of either) and builds their index.
 * @throws PolicyFileError when a policy cannot be loaded (see loadPolicies).
 */
export async function loadPolicyIndex(target: string | readonly string[], options: LoadPolicyIndexOptions = {}): Promise<PolicyIndex> {
  const docs = await loadPolicies(target);
  const synonyms = options.wordNet === false ? undefined : loadWordNetSynonyms();
  const vectors = options.wordVectors === false ? undefined : loadWordVectors();
  return buildPolicyIndex(docs, { ...(synonyms ? { synonyms } : {}), ...(vectors ? { vectors } : {}), ...(options.concepts ? { concepts: options.concepts } : {}) });
}
