import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from '../../src/core';

const fixtures = path.join(__dirname, '..', 'fixtures');
const snapshots = path.join(fixtures, 'snapshots');
const update = process.env.UPDATE_SNAPSHOTS === '1';

function render(text: string): string {
  return lint(text)
    .diagnostics.map(
      (d) =>
        `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.ruleId} ${d.message}`,
    )
    .join('\n');
}

// Every real and hand-written postmortem runs as a snapshot, so a change in what the rules
// report shows up in review. Run with UPDATE_SNAPSHOTS=1 to accept a change.
describe('corpus snapshot', () => {
  for (const folder of ['real', 'tricky']) {
    const directory = path.join(fixtures, folder);
    for (const name of readdirSync(directory)
      .filter((file) => file.endsWith('.md') && file !== 'SOURCES.md')
      .sort()) {
      it(`${folder}/${name}`, () => {
        const actual = `${render(readFileSync(path.join(directory, name), 'utf8'))}\n`;
        const snapshotFile = path.join(snapshots, folder, name.replace(/\.md$/, '.txt'));
        if (update || !existsSync(snapshotFile)) {
          mkdirSync(path.dirname(snapshotFile), { recursive: true });
          writeFileSync(snapshotFile, actual);
          if (!update)
            assert.fail(
              `snapshot ${snapshotFile} was missing and has been written: review and commit it`,
            );
          return;
        }
        assert.equal(actual, readFileSync(snapshotFile, 'utf8'));
      });
    }
  }
});
