import assert from 'node:assert/strict';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import remarkPostmortem from '../../src/core/plugin';

describe('remark plugin', () => {
  it('adds rule messages to the file', async () => {
    const file = new VFile({ path: 'pm.md', value: '# Outage\n\n## Root Cause\n\nHuman error.\n' });
    const processor = unified().use(remarkParse).use(remarkPostmortem, { profile: 'minimal' });
    await processor.run(processor.parse(file), file);
    const rules = file.messages.map((message) => message.ruleId);
    assert.ok(rules.includes('vague-root-cause'));
    assert.ok(rules.includes('missing-section'));
    const vague = file.messages.find((message) => message.ruleId === 'vague-root-cause');
    assert.equal(vague?.source, 'postmortem');
    assert.equal(vague?.line, 5);
    assert.match(vague?.url ?? '', /docs\/rules\/vague-root-cause\.md$/);
  });
});
