/** The concept vocabulary as data (src/domain/policy/vocabulary.json): each entry says where it comes from. */
import assert from 'node:assert/strict';
import { CONCEPTS, VOCABULARY_GROUPS, VOCABULARY_SOURCES } from '../../../src/domain/policy/vocabulary.js';
import { ingestPolicyText } from '../../../src/domain/policy/ingest.js';
import { buildPolicyIndex } from '../../../src/domain/policy/policy-index.js';
import { answerSignals } from '../../../src/domain/policy/answer.js';
import { RANK_FEATURES } from '../../../src/domain/policy/ranker.js';

describe('concept vocabulary as data', () => {
  it('when the vocabulary is loaded, then every concept has a unique id, terms, a group and a source the file describes', () => {
    assert.ok(CONCEPTS.length > 100, `${CONCEPTS.length} concepts`);
    assert.equal(new Set(CONCEPTS.map((c) => c.id)).size, CONCEPTS.length, 'ids are unique');
    for (const c of CONCEPTS) {
      assert.ok(c.terms.length > 0 && c.group, c.id);
      assert.ok(c.source && VOCABULARY_SOURCES[c.source]?.length > 20, `${c.id}: source "${c.source}" is described`);
    }
    assert.ok(VOCABULARY_GROUPS.length >= 2);
  });

  it('when an index is built without a group of the vocabulary, then a question naming that group\'s term no longer reaches the policy\'s word for it', () => {
    const doc = ingestPolicyText('## 1 Removable media\n\nRemovable media must be encrypted before any data is copied to it.\n', { name: 'p.md', format: 'md' });
    const concept = RANK_FEATURES.indexOf('text_concept');
    const withAll = answerSignals(buildPolicyIndex([doc]), 'is my memory stick ok').ranked;
    const device = CONCEPTS.find((c) => c.terms.includes('memory stick'))!.group;
    const without = answerSignals(buildPolicyIndex([doc], { concepts: CONCEPTS.filter((c) => c.group !== device) }), 'is my memory stick ok').ranked;
    assert.ok(withAll[0]?.x[concept] > 0, 'the vocabulary maps "memory stick" to "removable media"');
    assert.ok(!without.some((s) => s.x[concept] > 0));
  });
});
