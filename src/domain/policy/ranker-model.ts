/**
 * The fitted weights shipped with the engine (ranker-weights.json, written by bench/fit-ranker.ts):
 * `prior` was fitted on documents and questions from outside the project only; `model` is the prior
 * refined on the development questions of the bundled policies, and is what answering uses.
 */
import weights from './ranker-weights.json' with { type: 'json' };
import { ABSTAIN_FEATURES, RANK_FEATURES, type RankerModel } from './ranker.js';

/** Checks that a model's features are the engine's, in order. */
function checked(model: RankerModel, what: string): RankerModel {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((n, i) => n === b[i]);
  if (!same(model.rank.features, RANK_FEATURES) || !same(model.abstain.features, ABSTAIN_FEATURES) || model.rank.weights.length !== RANK_FEATURES.length || model.abstain.weights.length !== ABSTAIN_FEATURES.length) {
    throw new Error(`ranker-weights.json: the ${what} was fitted on other features; run node dist/bench/fit-ranker.js`);
  }
  return model;
}

/** Fitted on outside data only: what a fit on a trust's questions starts from and stays near. */
export const RANKER_PRIOR: RankerModel = checked({ ...weights.prior, fittedOn: weights.fittedOn.prior }, 'prior');
/** What answering uses by default. */
export const RANKER_MODEL: RankerModel = checked({ ...weights.model, fittedOn: weights.fittedOn.model }, 'model');
