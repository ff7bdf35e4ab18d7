/** The policy answering engine: ingest policy text, index it, answer questions. Pure, no I/O. */
export * from './policy-types.js';
export { ingestPolicyText } from './ingest.js';
export { buildPolicyIndex, type PolicyIndex, type PolicyIndexResources, type SynonymSource } from './policy-index.js';
export { answerQuestion, sectionLabel } from './answer.js';
export type { RankerModel } from './ranker.js';
export { RANKER_MODEL } from './ranker-model.js';
export { findPasswordSharingRule } from './password-sharing.js';
export { CONCEPTS, type Concept } from './vocabulary.js';
export { fit } from './ranker-training.js';
