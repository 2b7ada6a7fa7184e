// Generators of postmortem-shaped Markdown and of damaged copies of the corpus documents, for
// the property tests and `npm run fuzz`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { resolveConfig, SECTION_DEFINITIONS, type LintOptions } from '../../../src/core';

const NBSP = '\u00a0';

/** Section names the linter recognises, as written in real postmortems. */
const SECTION_NAMES = SECTION_DEFINITIONS.flatMap((definition) => [
  definition.title,
  ...definition.synonyms,
]);

const UNKNOWN_NAMES = ['Notes', 'Appendix', 'Links', 'Follow-up', 'Q&A', '附录', 'Überblick', ''];

/** Words and fragments the rules react to, mixed with plain prose. */
const WORDS = [
  'the',
  'deploy',
  'failed',
  'because',
  'cache',
  'TTL',
  'was',
  'missing',
  'and',
  'alerts',
  'fired',
  'late',
  'human error',
  'careless',
  'should have known',
  'Bob',
  'broke',
  'it',
  'TBD',
  'TODO',
  '<service>',
  'HH:mm',
  'unknown',
  'root cause',
  'we',
  'rolled',
  'back',
  '@alice',
  '(owner: @ops)',
  '(owner: TBD)',
  'P1',
  'SEV2',
  'Prevent',
  'Detect',
  'n/a',
  '🔥',
  '✅',
  '👩‍💻',
  '数据库',
  '障害',
  '서버',
  'naïve',
  'café',
  NBSP,
  'a\u00a0b',
  '\t',
  '*',
  '_',
  '**bold**',
  '`code`',
  '[link](http://127.0.0.1/)',
  '<br>',
  '|',
  ':',
  '\\',
  '$',
  '${1:x}',
  '...',
  '.',
  '!',
  '?',
  '10:15',
  '3pm',
  '2024-02-30',
  '00:00',
  '1.',
  '-',
  '#',
  '>',
];

const word = fc.constantFrom(...WORDS);

/** A run of words, sometimes ending in sentence punctuation. */
const sentence = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 14 }), fc.constantFrom('', '.', '!', '?', ':'))
  .map(([words, end]) => words.join(' ') + end);

const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));

const MONTHS = ['Jan', 'February', 'Mar', 'Sept', 'Dec', 'Foo'];

/** A time or date as people write them in timelines, valid or not. */
const timeToken = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.boolean())
    .map(([h, m, pad]) => `${pad ? String(h).padStart(2, '0') : h}:${String(m).padStart(2, '0')}`),
  fc
    .tuple(
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 59 }),
      fc.constantFrom('am', 'PM', ' a.m.', ' pm'),
    )
    .map(([h, m, suffix]) => `${h}:${String(m).padStart(2, '0')}${suffix}`),
  fc
    .tuple(
      fc.integer({ min: 1999, max: 10001 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, mo, d]) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc
    .tuple(
      fc.constantFrom(...MONTHS),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 23 }),
    )
    .map(([mo, d, h]) => `${mo} ${d}, ${h}:30`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 13 }),
      fc.integer({ min: 1, max: 32 }),
      fc.integer({ min: 0, max: 23 }),
    )
    .map(([a, b, h]) => `${a}/${b}/2024 ${h}:05`),
  fc.constantFrom(
    'HH:mm',
    '14:??',
    '--:--',
    'noon',
    'midnight',
    '~10:00',
    '0730',
    '10:00-10:30',
    'T+5m',
  ),
);

const zone = fc.constantFrom('', ' UTC', ' PDT', ' GMT+1', ' +05:30', 'Z', ' IST', ' CEST');

const timedEvent = fc
  .tuple(timeToken, zone, paragraph)
  .map(([time, tz, text]) => ({ time: time + tz, text }));

/** A timeline as a table, a list or bare lines, sometimes under date sub-headings. */
const timeline = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('| Time | Event |', '| Time (UTC) | Description |', '| When | What | Who |'),
      fc.array(timedEvent, { maxLength: 10 }),
    )
    .map(([header, rows]) =>
      [
        header,
        header.replace(/[^|]+/g, ' --- '),
        ...rows.map((r) => `| ${r.time} | ${r.text} |`),
      ].join('\n'),
    ),
  fc
    .tuple(fc.constantFrom('- ', '* ', '1. ', '- **'), fc.array(timedEvent, { maxLength: 10 }))
    .map(([marker, items]) =>
      items
        .map((item) =>
          marker === '- **'
            ? `- **${item.time}**: ${item.text}`
            : `${marker}${item.time} ${item.text}`,
        )
        .join('\n'),
    ),
  fc
    .array(fc.tuple(fc.option(timeToken), fc.array(timedEvent, { maxLength: 4 })), { maxLength: 3 })
    .map((days) =>
      days
        .map(([date, events]) =>
          [date ? `### ${date}` : '', ...events.map((e) => `${e.time} - ${e.text}`)].join('\n\n'),
        )
        .join('\n\n'),
    ),
);

const owner = fc.constantFrom('', '@alice', 'SRE team', 'TBD', '?', 'n/a', '@bob, @carol');
const actionType = fc.constantFrom('', 'Prevent', 'Detect', 'Watch', 'mitigate', '—');
const priority = fc.constantFrom('', 'P0', 'P2', 'P9', 'High', 'p1');

/** Action items as a table (columns in any order, some missing), a list or a task list. */
const actionItems = fc.oneof(
  fc
    .tuple(
      fc.shuffledSubarray(['Action', 'Owner', 'Type', 'Priority', 'Ticket'], { minLength: 1 }),
      fc.array(fc.tuple(paragraph, owner, actionType, priority, fc.nat(5)), { maxLength: 8 }),
      fc.boolean(),
    )
    .map(([columns, rows, closingPipes]) => {
      const cell = (row: [string, string, string, string, number], column: string): string =>
        ({ Action: row[0], Owner: row[1], Type: row[2], Priority: row[3], Ticket: `#${row[4]}` })[
          column
        ] ?? '';
      const line = (cells: string[]): string => `| ${cells.join(' | ')}${closingPipes ? ' |' : ''}`;
      return [
        line(columns),
        line(columns.map(() => '---')),
        ...rows.map((row) =>
          line(columns.slice(0, 1 + (row[4] % columns.length)).map((c) => cell(row, c))),
        ),
      ].join('\n');
    }),
  fc
    .array(fc.tuple(fc.constantFrom('- ', '- [ ] ', '- [x] ', '1. ', '* '), paragraph, owner), {
      maxLength: 8,
    })
    .map((items) =>
      items
        .map(([marker, text, who]) => `${marker}${text}${who ? ` (owner: ${who})` : ''}`)
        .join('\n'),
    ),
);

const codeFence = fc
  .tuple(fc.constantFrom('```', '~~~', '````', '```yaml'), paragraph, fc.boolean())
  .map(
    ([fence, body, closed]) =>
      `${fence}\n${body}\n## Not a heading\n${closed ? fence.slice(0, 3) : ''}`,
  );

const htmlComment = fc
  .tuple(paragraph, fc.boolean())
  .map(([body, closed]) => `<!-- ${body}\n## Root Cause\n${closed ? '-->' : ''}`);

const blockquote = paragraph.map((text) => `> ${text}\n> > nested ${text}`);

const bodyBlock = fc.oneof(
  { weight: 4, arbitrary: paragraph },
  { weight: 2, arbitrary: timeline },
  { weight: 2, arbitrary: actionItems },
  { weight: 1, arbitrary: codeFence },
  { weight: 1, arbitrary: htmlComment },
  { weight: 1, arbitrary: blockquote },
  { weight: 1, arbitrary: fc.constant('') },
);

const headingName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SECTION_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_NAMES) },
  { weight: 1, arbitrary: paragraph },
);

/** A section heading in one of the styles writers use, including the ones that are not headings. */
const heading = fc
  .tuple(
    headingName,
    fc.constantFrom(
      '#',
      '##',
      '###',
      '####',
      'setext=',
      'setext-',
      'bold',
      'list',
      'numbered',
      '#######',
    ),
    fc.constantFrom('', ':', ' ', ` ${NBSP}`),
  )
  .map(([name, style, suffix]) => {
    const title = name + suffix;
    switch (style) {
      case 'setext=':
        return `${title}\n===`;
      case 'setext-':
        return `${title}\n---`;
      case 'bold':
        return `**${title}**`;
      case 'list':
        return `- ${title}`;
      case 'numbered':
        return `## 1. ${title}`;
      default:
        return `${style} ${title}`;
    }
  });

const section = fc
  .tuple(heading, fc.array(bodyBlock, { maxLength: 2 }))
  .map(([h, blocks]) => [h, ...blocks].join('\n\n'));

const metadataKey = fc.constantFrom(
  'title',
  'date',
  'authors',
  'status',
  'severity',
  'duration',
  'type',
  'Start',
  'End',
  'Owner',
  'tags',
);
const metadataValue = fc.oneof(
  fc.constantFrom(
    'Final',
    'Draft',
    'SEV1',
    'SEV5',
    'postmortem',
    '',
    'TBD',
    '2h',
    '2024-09-31',
    '@alice',
  ),
  timeToken,
  paragraph,
);

const yamlFrontmatter = fc
  .tuple(
    fc.array(fc.tuple(metadataKey, metadataValue, fc.constantFrom('', '"', "'")), { maxLength: 8 }),
    fc.constantFrom('---', '', '...', '----'),
    fc.constantFrom(
      '',
      '- a list\n- item',
      'just a scalar',
      'key: [unclosed',
      ': bad',
      '\tindented: x',
    ),
  )
  .map(([fields, closing, extra]) =>
    ['---', ...fields.map(([k, v, q]) => `${k}: ${q}${v}${q}`), extra, closing].join('\n'),
  );

const tomlFrontmatter = fc
  .tuple(
    fc.array(fc.tuple(metadataKey, metadataValue, fc.boolean()), { maxLength: 6 }),
    fc.constantFrom('+++', ''),
  )
  .map(([fields, closing]) =>
    [
      '+++',
      ...fields.map(([k, v, quoted]) => `${k} = ${quoted ? JSON.stringify(v) : v}`),
      closing,
    ].join('\n'),
  );

const metadataTable = fc
  .array(fc.tuple(metadataKey, metadataValue), { maxLength: 6 })
  .map((fields) =>
    ['| Field | Value |', '|---|---|', ...fields.map(([k, v]) => `| ${k} | ${v} |`)].join('\n'),
  );

const metadataLines = fc
  .tuple(
    fc.array(fc.tuple(metadataKey, metadataValue), { maxLength: 6 }),
    fc.constantFrom('', '- ', '> '),
  )
  .map(([fields, prefix]) => fields.map(([k, v]) => `${prefix}**${k}:** ${v}`).join('\n'));

const front = fc.oneof(fc.constant(''), yamlFrontmatter, tomlFrontmatter);

const header = fc
  .tuple(fc.option(paragraph), fc.oneof(fc.constant(''), metadataTable, metadataLines))
  .map(([title, metadata]) => [title === null ? '' : `# ${title}`, metadata].join('\n\n'));

/** A whole postmortem: frontmatter, title and metadata, then sections. */
export const postmortem = fc
  .tuple(front, header, fc.array(section, { maxLength: 10 }))
  .map(
    ([frontmatter, top, sections]) =>
      [frontmatter, top, ...sections].join('\n\n').replace(/^\n+/, (m) => (frontmatter ? '' : m)) +
      '\n',
  );

/** The corpus documents the mutations start from, read once. */
export function corpusDocuments(): Array<{ name: string; text: string }> {
  const fixtures = path.join(__dirname, '..', '..', 'fixtures');
  return ['real', 'tricky'].flatMap((folder) =>
    readdirSync(path.join(fixtures, folder))
      .filter((file) => file.endsWith('.md') && file !== 'SOURCES.md')
      .sort()
      .map((file) => ({
        name: `${folder}/${file}`,
        text: readFileSync(path.join(fixtures, folder, file), 'utf8'),
      })),
  );
}

/** One change to a document; positions are fractions so they fit any length. */
type Mutation =
  | { kind: 'delete' | 'duplicate' | 'tabs'; at: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'crlf' | 'lone-cr' | 'bom' | 'nbsp' };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const insertion = fc.oneof(
  fc.constantFrom(
    '\n',
    '\r',
    '\r\n',
    '\ufeff',
    '\ud83d',
    '\ude00',
    '😀',
    '```\n',
    '<!--',
    '-->',
    '---\n',
    '+++\n',
    '|',
    '# ',
    '## Timeline\n',
    '\t',
    NBSP,
  ),
  word,
  heading,
  bodyBlock,
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'tabs' as const),
    at: fraction,
  }),
  fc.record({ kind: fc.constant('swap' as const), at: fraction, other: fraction }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, text: insertion }),
  fc.record({
    kind: fc.constantFrom('crlf' as const, 'lone-cr' as const, 'bom' as const, 'nbsp' as const),
  }),
);

/** Applies the mutations in turn. */
export function mutateAll(text: string, changes: readonly Mutation[]): string {
  return changes.reduce(mutate, text);
}

/** Applies one mutation; line operations split on LF, so a CR stays with its line. */
export function mutate(text: string, change: Mutation): string {
  const lines = text.split('\n');
  const lineAt = (at: number): number => Math.floor(at * lines.length);
  switch (change.kind) {
    case 'delete':
      lines.splice(lineAt(change.at), 1);
      return lines.join('\n');
    case 'duplicate': {
      const index = lineAt(change.at);
      lines.splice(index, 0, lines[index] ?? '');
      return lines.join('\n');
    }
    case 'tabs': {
      const index = lineAt(change.at);
      lines[index] = (lines[index] ?? '').replace(/ {2}/g, '\t');
      return lines.join('\n');
    }
    case 'swap': {
      const a = lineAt(change.at);
      const b = lineAt(change.other);
      const first = lines[a] ?? '';
      lines[a] = lines[b] ?? '';
      lines[b] = first;
      return lines.join('\n');
    }
    case 'truncate':
      // Any UTF-16 index, including one between the halves of a surrogate pair.
      return text.slice(0, Math.floor(change.at * (text.length + 1)));
    case 'insert': {
      const at = Math.floor(change.at * (text.length + 1));
      return text.slice(0, at) + change.text + text.slice(at);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'lone-cr':
      return text.replace(/\r?\n/g, '\r');
    case 'bom':
      return `\ufeff${text}`;
    case 'nbsp':
      return text.replace(/ /g, NBSP);
  }
}

/** A corpus document with a few mutations applied; the name is kept for the failure report. */
export function mutatedCorpus(
  documents: ReadonlyArray<{ name: string; text: string }>,
): fc.Arbitrary<{ name: string; text: string }> {
  return fc
    .tuple(
      fc.constantFrom(...documents),
      excerptWindow,
      fc.array(mutation, { minLength: 1, maxLength: 5 }),
    )
    .map(([document, window, changes]) => ({
      name: document.name,
      text: mutateAll(excerpt(document.text, window), changes),
    }));
}

/** Longest document, in characters, that the corpus property mutates whole every time. */
const WHOLE_DOCUMENT_LIMIT = 12_000;

/** Lines a window of a long document keeps. */
const WINDOW_LINES = 150;

/** Where a window of a long document starts, or null (one time in ten) for the whole of it. */
const excerptWindow = fc.option(fraction, { freq: 10 });

/**
 * Cuts a long document down to a window of lines, so that one long corpus document, which
 * takes seconds to lint once per fix, does not take most of a fuzz run.
 */
function excerpt(text: string, window: number | null): string {
  if (window === null || text.length <= WHOLE_DOCUMENT_LIMIT) return text;
  const lines = text.split('\n');
  const start = Math.floor(window * lines.length);
  return lines.slice(start, start + WINDOW_LINES).join('\n');
}

/** A generated postmortem with a few mutations applied. */
export const mutatedPostmortem = fc
  .tuple(postmortem, fc.array(mutation, { maxLength: 3 }))
  .map(([text, changes]) => mutateAll(text, changes));

/** Lint options: a profile, sometimes with every rule at error level. */
export const lintOptions: fc.Arbitrary<LintOptions> = fc
  .tuple(
    fc.constantFrom('default' as const, 'minimal' as const, 'google-sre' as const),
    fc.boolean(),
  )
  .map(([profile, strict]) => ({
    config: resolveConfig({
      profile,
      ...(strict ? { rules: { 'pseudo-heading': 'error', 'action-item-type': 'error' } } : {}),
    }),
  }));
