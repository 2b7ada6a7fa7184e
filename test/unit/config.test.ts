import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  keyName,
  lint,
  parseConfigBytes,
  parseConfigText,
  resolveConfig,
  validateConfig,
} from '../../src/core';
import { findConfigFile, formatConfigErrors, loadConfigFile } from '../../src/node/config-file';

describe('configuration', () => {
  it('default profile requires ten sections', () => {
    assert.equal(resolveConfig().requiredSections.length, 10);
  });

  it('google-sre profile adds sections and narrows priorities', () => {
    const config = resolveConfig({ profile: 'google-sre' });
    assert.ok(config.requiredSections.includes('where-we-got-lucky'));
    assert.ok(config.requiredSections.includes('trigger'));
    assert.ok(config.requiredSections.includes('supporting-information'));
    assert.deepEqual(config.priorities, ['P0', 'P1', 'P2']);
  });

  it('overrides replace file values', () => {
    const config = resolveConfig(
      { profile: 'minimal', rules: { placeholder: 'off', 'missing-section': 'error' } },
      { rules: { placeholder: 'info' } },
    );
    assert.equal(config.profile, 'minimal');
    assert.equal(config.rules['placeholder'], 'info');
    assert.equal(config.rules['missing-section'], 'error');
  });

  it('unknown key is reported by name', () => {
    const { errors, config } = validateConfig({ profile: 'minimal', profle: 'x' });
    assert.deepEqual(errors, [{ path: '/profle', message: 'is not a known key' }]);
    assert.equal(config.profile, 'minimal');
  });

  it('unknown rule id is reported', () => {
    const { errors } = validateConfig({ rules: { 'no-such-rule': 'error' } });
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.path, '/rules/no-such-rule');
  });

  it('bad rule level keeps other keys', () => {
    const { errors, config } = validateConfig({
      rules: { placeholder: 'loud' },
      profile: 'minimal',
    });
    assert.equal(errors[0]?.path, '/rules/placeholder');
    assert.match(errors[0]?.message ?? '', /must be one of/);
    assert.equal(config.profile, 'minimal');
    assert.deepEqual(config.rules, {});
  });

  it('invalid JSON is an error, not an exception', () => {
    const { errors, config } = parseConfigText('{ "profile": ');
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /not valid JSON: a value was expected/);
    assert.deepEqual([errors[0]?.line, errors[0]?.column], [1, 14]);
    assert.deepEqual(config, {});
  });

  it('JSON syntax errors give their line', () => {
    const trailing = parseConfigText('{\n  "profile": "minimal",\n}\n').errors;
    assert.deepEqual(
      trailing.map((error) => [error.path, error.line, error.column]),
      [['', 3, 1]],
    );
    const comment = parseConfigText('\ufeff// rules\n{}').errors;
    assert.match(comment[0]?.message ?? '', /comments are not allowed/);
    assert.deepEqual([comment[0]?.line, comment[0]?.column], [1, 1]);
  });

  it('schema errors give the line of their key', () => {
    const text =
      '{\n  "profile": "strict",\n  "rules": {\n    "no-such-rule": "off"\n  },\n  "synonyms": { "impact": [1] }\n}';
    const { errors } = parseConfigText(text);
    assert.deepEqual(
      errors.map((error) => [error.path, error.line, error.column]),
      [
        ['/profile', 2, 3],
        ['/rules/no-such-rule', 4, 5],
        ['/synonyms/impact/0', 6, 28],
      ],
    );
  });

  it('empty keys are named and dropped alone', () => {
    const top = parseConfigText('{\n  "profile": "minimal",\n  "": 1\n}');
    assert.deepEqual(
      top.errors.map((error) => [error.path, error.line, error.column]),
      [['/', 3, 3]],
    );
    assert.equal(keyName(top.errors[0]?.path ?? ''), '""');
    assert.equal(top.config.profile, 'minimal');
    const rule = parseConfigText('{"rules": {"": "off", "placeholder": "off"}}');
    assert.deepEqual(
      rule.errors.map((error) => error.path),
      ['/rules/'],
    );
    assert.deepEqual(rule.config.rules, { placeholder: 'off' });
  });

  it('duplicate keys point at the copy that applies', () => {
    const { errors } = parseConfigText('{\n  "profile": "minimal",\n  "profile": "nope"\n}');
    assert.deepEqual(
      errors.map((error) => [error.path, error.line, error.column]),
      [['/profile', 3, 3]],
    );
  });

  it('schema limits in plain words, in line order', () => {
    const { errors } = parseConfigText(
      '{\n  "summaryMaxSentences": 0,\n  "severities": [],\n  "statuses": ["", "Final", "Final"]\n}',
    );
    assert.deepEqual(
      errors.map((error) => [error.line, error.path, error.message]),
      [
        [2, '/summaryMaxSentences', 'must be 1 or more'],
        [3, '/severities', 'must list at least 1 entry'],
        [4, '/statuses', 'must not list an entry twice'],
        [4, '/statuses/0', 'must not be empty'],
      ],
    );
  });

  it('one error per key', () => {
    const { errors } = parseConfigText('{"rules": {"no-such-rule": 1}}');
    assert.deepEqual(
      errors.map((error) => [error.path, error.message]),
      [['/rules/no-such-rule', 'is not a known rule id']],
    );
  });

  it('config bytes must be UTF-8', () => {
    const latin1 = parseConfigBytes(Buffer.from('{"synonyms": {"impact": ["\u00fc"]}}', 'latin1'));
    assert.deepEqual(
      latin1.errors.map((error) => [error.path, error.line, error.column]),
      [['', 1, 27]],
    );
    assert.match(latin1.errors[0]?.message ?? '', /is not UTF-8 text: byte 0xFC is invalid/);
    assert.deepEqual(latin1.config, {});
    const utf16 = parseConfigBytes(Buffer.from('\ufeff{}', 'utf16le'));
    assert.match(utf16.errors[0]?.message ?? '', /is UTF-16, not UTF-8/);
    const bom = parseConfigBytes(Buffer.from('\ufeff{"profile": "minimal"}', 'utf8'));
    assert.deepEqual(bom, { config: { profile: 'minimal' }, errors: [] });
  });

  it('keys with slashes and tildes keep their name', () => {
    const { errors } = parseConfigText('{"rules": {"a/b~c": "off"}}');
    assert.equal(errors[0]?.path, '/rules/a~1b~0c');
    assert.equal(keyName(errors[0]?.path ?? ''), 'rules.a/b~c');
  });

  it('extra synonyms recognise a heading', () => {
    const text =
      '# T\n\n## Why it happened\n\nThe cache had no TTL because the config default changed.\n';
    const plain = lint(text, { config: resolveConfig({ profile: 'minimal' }) });
    assert.ok(plain.diagnostics.some((d) => d.data?.['section'] === 'root-cause'));
    const config = resolveConfig({
      profile: 'minimal',
      synonyms: { 'root-cause': ['Why it happened'] },
    });
    const withSynonym = lint(text, { config });
    assert.ok(!withSynonym.diagnostics.some((d) => d.data?.['section'] === 'root-cause'));
  });

  describe('config file lookup', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'pm-config-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('finds the nearest file walking up', () => {
      mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
      writeFileSync(path.join(root, '.postmortem.json'), '{}');
      assert.equal(findConfigFile(path.join(root, 'a', 'b')), path.join(root, '.postmortem.json'));
    });

    it('names the file and key in errors', () => {
      const file = path.join(root, '.postmortem.json');
      writeFileSync(file, JSON.stringify({ rules: { placeholder: 'loud' } }));
      const lines = formatConfigErrors(loadConfigFile(file));
      assert.equal(lines.length, 1);
      assert.ok(lines[0]?.startsWith(file), lines[0]);
      assert.match(lines[0] ?? '', /key `rules\.placeholder`/);
    });
  });
});
