/** The answerer's hand-set constants, in one place (read by every stage). */
/** Tuning constants, in one place. */
export const ANSWER_TUNING = {
  k1: 1.2,
  b: 0.5,
  /** Weight of a concept's other words relative to the word the question used. */
  synonymFactor: 0.8,
  wordnetFactor: 0.7,
  /** Weight of a wider concept's words ("device" for "phone"). */
  broaderFactor: 0.6,
  /** Importance of a question word found nowhere in the policy and unknown to the vocabulary. */
  unknownWordImportance: 0.5,
  /** Word vectors: a policy word this close (cosine) to a question word counts as an alternative... */
  vectorThreshold: 0.65,
  /** ...at most this many of them per question word... */
  vectorNeighbours: 4,
  /** ...with this weight times the similarity. */
  vectorFactor: 0.6,
  /** A question word with a vector but no policy word this close is taken to be outside the policy. */
  vectorAbsentThreshold: 0.45,
  /** Importance of such a word (it has a meaning, and the policy has nothing near it). */
  vectorAbsentImportance: 1,
  /**
   * Soft match: a passage also scores, relative to the best lexical score, the importance-weighted
   * share of the question's units that have a word in it at least this similar...
   */
  softThreshold: 0.5,
  /** Importance multiplier for a vocabulary concept that the policy never mentions. */
  absentConceptImportance: 1.3,
  /** Importance multiplier for an off-topic concept (pay, parking...) the policy never mentions. */
  absentOffTopicImportance: 3,
  genericImportance: 0.15,
  /**
   * A scene-setting detail of the question ("to print some worksheets", "on the bus") that a
   * passage does not match counts this much of its importance against that passage's coverage,
   * provided the passage matches something of the question's core.
   */
  detailFactor: 0.3,
  /** Ranking weight of a scene-setting detail, relative to the question's core. */
  detailWeight: 0.85,
  /** Ranking weight of the words of a clause that tells the situation, when another clause asks the question. */
  sceneWeight: 0.75,
  /**
   * Importance multiplier for a question word or concept the policy lacks that heads what is
   * asked about ("laptop charger", "accept a friend request"): the core of the question is missing.
   */
  absentHeadFactor: 2,
  /**
   * Importance of a question word the policy lacks that names a time, a person or a place
   * ("this morning", "some bloke", "in Spain"): it sets the scene rather than saying what is asked.
   */
  sceneWordImportance: 0.3,
  maxPassages: 5,
};
