import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main';

const root = path.join(__dirname, '..', '..');
const examples = path.join(root, 'examples', 'postmortems');

async function cli(args: string[], stdin = '', cwd = root) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: () => Buffer.from(stdin),
    cwd,
  });
  return { code, stdout, stderr };
}

interface JsonFile {
  file: string;
  diagnostics: Array<Record<string, unknown>>;
}

describe('postmortem-lint', () => {
  it('clean file exits 0', async () => {
    const result = await cli([path.join(examples, '2024-05-14-checkout-502s.md')]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /No problems in 1 file\./);
  });

  it('error-severity problem exits 1', async () => {
    const result = await cli([path.join(examples, 'broken-postmortem.md')]);
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /^examples\/postmortems\/broken-postmortem\.md:\d+:\d+ {2}(error|warning|info) {2}.+ {2}[a-z-]+$/m,
    );
    assert.match(
      result.stdout,
      /\d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\) in 1 file\.$/m,
    );
  });

  it('json output has the documented fields', async () => {
    const result = await cli(['--format', 'json', path.join(examples, 'broken-postmortem.md')]);
    const parsed = JSON.parse(result.stdout) as JsonFile[];
    assert.equal(parsed.length, 1);
    const first = parsed[0]?.diagnostics[0];
    assert.ok(first);
    assert.deepEqual(Object.keys(first).sort(), [
      'column',
      'endColumn',
      'endLine',
      'line',
      'message',
      'ruleId',
      'severity',
      'url',
    ]);
    assert.match(String(first['url']), /docs\/rules\/[a-z-]+\.md$/);
  });

  it('missing file exits 2 and still lints the others', async () => {
    const result = await cli([
      'no-such-file.md',
      path.join(examples, '2024-05-14-checkout-502s.md'),
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no-such-file\.md: no such file/);
    assert.match(result.stdout, /No problems in 1 file\./);
  });

  it('unknown option exits 2', async () => {
    const result = await cli(['--frobnicate', 'x.md']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option/);
  });

  it('bad profile exits 2', async () => {
    const result = await cli(['--profile', 'huge', 'x.md']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /default, google-sre, minimal/);
  });

  it('reads standard input', async () => {
    const result = await cli(['--format', 'json', '-'], '# T\n\n## Root Cause\n\nHuman error.\n');
    const parsed = JSON.parse(result.stdout) as JsonFile[];
    assert.equal(parsed[0]?.file, '<stdin>');
    assert.ok((parsed[0]?.diagnostics.length ?? 0) > 0);
  });

  it('quiet keeps errors only', async () => {
    const result = await cli([
      '--quiet',
      '--format',
      'json',
      path.join(examples, 'broken-postmortem.md'),
    ]);
    const parsed = JSON.parse(result.stdout) as JsonFile[];
    const severities = new Set(parsed[0]?.diagnostics.map((d) => d['severity']));
    assert.deepEqual([...severities], ['error']);
  });

  it('folder argument finds Markdown files', async () => {
    const result = await cli(['--format', 'json', examples]);
    const parsed = JSON.parse(result.stdout) as JsonFile[];
    assert.ok(parsed.length >= 4);
    assert.ok(parsed.every((entry) => entry.file.endsWith('.md')));
  });

  it('glob argument is expanded', async () => {
    const result = await cli(['--format', 'json', 'examples/**/*-table.md']);
    const parsed = JSON.parse(result.stdout) as JsonFile[];
    assert.deepEqual(
      parsed.map((entry) => entry.file),
      ['examples/postmortems/2024-05-14-checkout-502s-table.md'],
    );
  });

  describe('with files on disk', () => {
    let directory: string;
    beforeEach(() => {
      directory = mkdtempSync(path.join(tmpdir(), 'pm-cli-'));
    });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));

    it('invalid config is named and defaults apply', async () => {
      writeFileSync(path.join(directory, '.postmortem.json'), '{"profile": "huge"}');
      writeFileSync(path.join(directory, 'pm.md'), '# T\n');
      const result = await cli(['pm.md'], '', directory);
      assert.match(result.stderr, /\.postmortem\.json:1:2: key `profile` must be one of/);
      assert.match(result.stdout, /missing-section/);
      assert.equal(result.code, 2);
    });

    it('bad rule entry keeps the other rules', async () => {
      const config = { rules: { 'blame-language': 'error', 'no-such-rule': 'off' } };
      writeFileSync(path.join(directory, '.postmortem.json'), JSON.stringify(config));
      writeFileSync(path.join(directory, 'pm.md'), '# T\n\n## Impact\n\nDave was careless.\n');
      const result = await cli(['--format', 'json', 'pm.md'], '', directory);
      assert.match(
        result.stderr,
        /\.postmortem\.json:1:36: key `rules\.no-such-rule` is not a known rule id\. The file's other keys still apply\./,
      );
      const parsed = JSON.parse(result.stdout) as JsonFile[];
      const blame = parsed[0]?.diagnostics.find((d) => d['ruleId'] === 'blame-language');
      assert.equal(blame?.['severity'], 'error');
      assert.equal(result.code, 2);
    });

    it('explicit config with bad JSON exits 2', async () => {
      writeFileSync(path.join(directory, 'config.json'), '{ "profile": ');
      writeFileSync(path.join(directory, 'pm.md'), '# T\n');
      const result = await cli(['--config', 'config.json', 'pm.md'], '', directory);
      assert.match(
        result.stderr,
        /config\.json:1:14: the file is not valid JSON: a value was expected\. The defaults are used until it is fixed\./,
      );
      assert.equal(result.code, 2);
    });

    it('folder search skips other Markdown', async () => {
      mkdirSync(path.join(directory, 'docs'));
      writeFileSync(path.join(directory, 'docs', 'README.md'), '# Project\n\nHow to build it.\n');
      writeFileSync(path.join(directory, 'docs', 'outage-postmortem.md'), '# Outage\n');
      const result = await cli(['--format', 'json', 'docs'], '', directory);
      const parsed = JSON.parse(result.stdout) as JsonFile[];
      assert.deepEqual(
        parsed.map((entry) => entry.file),
        ['docs/outage-postmortem.md'],
      );
      assert.match(result.stderr, /skipped 1 Markdown file that is not a postmortem/);
    });

    it('named file is linted whatever its content', async () => {
      writeFileSync(path.join(directory, 'README.md'), '# Project\n');
      const result = await cli(['--format', 'json', 'README.md'], '', directory);
      const parsed = JSON.parse(result.stdout) as JsonFile[];
      assert.equal(parsed.length, 1);
    });

    it('binary file exits 2 and others still run', async () => {
      writeFileSync(
        path.join(directory, 'blob.md'),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
      );
      writeFileSync(path.join(directory, 'pm.md'), '# T\n');
      const result = await cli(['--format', 'json', 'blob.md', 'pm.md'], '', directory);
      assert.match(result.stderr, /blob\.md:1:1: byte 0x89 is not UTF-8/);
      assert.equal((JSON.parse(result.stdout) as JsonFile[]).length, 1);
      assert.equal(result.code, 2);
    });

    it('Latin-1 file names its first invalid byte', async () => {
      const latin1 = Buffer.from('# Outage\n\n## Impact\n\nCaf\u00e9 down.\n', 'latin1');
      writeFileSync(path.join(directory, 'old.md'), latin1);
      writeFileSync(path.join(directory, 'pm.md'), '# T\n');
      const result = await cli(['--format', 'json', 'old.md', 'pm.md'], '', directory);
      assert.match(
        result.stderr,
        /old\.md:5:4: byte 0xE9 is not UTF-8, so the file was not linted\. Save it as UTF-8/,
      );
      assert.equal((JSON.parse(result.stdout) as JsonFile[]).length, 1);
      assert.equal(result.code, 2);
    });

    it('NUL bytes in valid UTF-8 mark a binary file', async () => {
      writeFileSync(path.join(directory, 'nul.md'), '\ufeff# T\nab\u0000\u0000');
      const result = await cli(['nul.md'], '', directory);
      assert.match(result.stderr, /nul\.md:2:3: contains a NUL byte, so it is binary or UTF-16/);
      assert.equal(result.code, 2);
    });

    it('UTF-16 file is named as UTF-16', async () => {
      writeFileSync(path.join(directory, 'wide.md'), Buffer.from('\ufeff# T\n', 'utf16le'));
      const result = await cli(['wide.md'], '', directory);
      assert.match(result.stderr, /wide\.md: is UTF-16 .*Save it as UTF-8\./);
      assert.equal(result.code, 2);
    });

    it('BOM is not counted in the invalid byte column', async () => {
      writeFileSync(path.join(directory, 'bom.md'), Buffer.from([0xef, 0xbb, 0xbf, 0x63, 0xe9]));
      const result = await cli(['bom.md'], '', directory);
      assert.match(result.stderr, /bom\.md:1:2: byte 0xE9 is not UTF-8/);
    });

    it('config file that is not UTF-8 is named', async () => {
      writeFileSync(
        path.join(directory, '.postmortem.json'),
        Buffer.from('{\n  "profile": "min\u00fc"\n}', 'latin1'),
      );
      writeFileSync(path.join(directory, 'pm.md'), '# T\n');
      const result = await cli(['pm.md'], '', directory);
      assert.match(
        result.stderr,
        /\.postmortem\.json:2:18: the file is not UTF-8 text: byte 0xFC is invalid there\. Save it as UTF-8\. The defaults are used until it is fixed\./,
      );
      assert.equal(result.code, 2);
    });

    it('deeply nested input does not stop the run', async () => {
      writeFileSync(path.join(directory, 'deep.md'), `# T\n\n${'>'.repeat(6000)} x\n`);
      writeFileSync(path.join(directory, 'pm.md'), '# T\n');
      const result = await cli(['--format', 'json', 'deep.md', 'pm.md'], '', directory);
      const parsed = JSON.parse(result.stdout) as JsonFile[];
      assert.ok(parsed.some((entry) => entry.file === 'pm.md'));
      assert.ok(result.code === 2 || parsed.length === 2, result.stderr);
    });

    it('config file changes the profile', async () => {
      writeFileSync(path.join(directory, '.postmortem.json'), '{"profile": "minimal"}');
      writeFileSync(path.join(directory, 'pm.md'), '# T\n');
      const result = await cli(['--format', 'json', 'pm.md'], '', directory);
      const parsed = JSON.parse(result.stdout) as JsonFile[];
      const missing = parsed[0]?.diagnostics.filter((d) => d['ruleId'] === 'missing-section') ?? [];
      assert.equal(missing.length, 5);
    });

    it('unreadable file exits 2', async function () {
      if (process.getuid?.() === 0) this.skip(); // root reads files whatever their mode
      const file = path.join(directory, 'secret.md');
      writeFileSync(file, '# T\n');
      chmodSync(file, 0o000);
      const result = await cli([file], '', directory);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /cannot be read/);
    });

    it('directory with an unreadable name exits 2', async () => {
      const result = await cli([path.join(directory, 'missing-dir')], '', directory);
      assert.equal(result.code, 2);
    });
  });

  it('bundled binary runs', () => {
    const bundled = path.join(root, 'dist', 'cli.js');
    const result = spawnSync(
      process.execPath,
      [bundled, '--format', 'json', path.join(examples, 'broken-postmortem.md')],
      {
        encoding: 'utf8',
        timeout: 30000,
      },
    );
    assert.equal(result.status, 1, result.stderr);
    assert.ok((JSON.parse(result.stdout) as JsonFile[])[0]?.diagnostics.length);
  });
});
