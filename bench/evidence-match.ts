/** The scorer's evidence match, from the engine (where fitting the ranker uses it too). */
export { holdsEvidence, normalise } from '../src/domain/policy/evidence.js';
