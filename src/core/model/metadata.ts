import type { Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { MetadataContainer, MetadataField, MetadataSource, Span } from '../types';
import type { ParsedFrontmatter } from './frontmatter';
import { normalizeHeading } from './normalize';
import { splitLineSlices, trailingRunLength } from '../text-scan';

/** Written key (normalised) → canonical metadata key. */
const KEY_ALIASES: Record<string, string> = {
  title: 'title',
  name: 'title',
  'incident title': 'title',
  incident: 'title',
  date: 'date',
  'incident date': 'date',
  'date of incident': 'date',
  day: 'date',
  authors: 'authors',
  author: 'authors',
  'written by': 'authors',
  owners: 'authors',
  owner: 'authors',
  'auteur rice s': 'authors',
  auteurs: 'authors',
  status: 'status',
  state: 'status',
  'document status': 'status',
  'postmortem status': 'status',
  severity: 'severity',
  sev: 'severity',
  'severity level': 'severity',
  'incident severity': 'severity',
  duration: 'duration',
  'incident duration': 'duration',
  'total duration': 'duration',
  downtime: 'duration',
  'outage duration': 'duration',
  length: 'duration',
  start: 'start',
  'start time': 'start',
  started: 'start',
  'incident start': 'start',
  end: 'end',
  'end time': 'end',
  ended: 'end',
  'incident end': 'end',
  resolved: 'end',
  type: 'type',
};

/** Label of each canonical metadata key, used in messages and inserted fields. */
const LABELS: Record<string, string> = {
  title: 'Title',
  date: 'Date',
  authors: 'Authors',
  status: 'Status',
  severity: 'Severity',
  duration: 'Duration',
};

/** Returns the label of a canonical metadata key, such as `Severity` for `severity`. */
export function metadataLabel(key: string): string {
  return LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

export function canonicalKey(rawKey: string): string {
  const normalized = normalizeHeading(rawKey);
  return KEY_ALIASES[normalized] ?? normalized;
}

export function isKnownKey(rawKey: string): boolean {
  return normalizeHeading(rawKey) in KEY_ALIASES;
}

export interface MetadataResult {
  fields: Map<string, MetadataField>;
  container?: MetadataContainer;
}

function spanOf(node: {
  position?: { start: { offset?: number }; end: { offset?: number } };
}): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

function addField(
  fields: Map<string, MetadataField>,
  rawKey: string,
  value: string,
  source: MetadataSource,
  span: Span,
  valueSpan: Span,
): void {
  const key = canonicalKey(rawKey);
  if (!key || fields.has(key)) return;
  fields.set(key, { key, rawKey: rawKey.trim(), value: value.trim(), source, span, valueSpan });
}

/** Converts a frontmatter value to the text a writer would read. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function readFrontmatterFields(
  frontmatter: ParsedFrontmatter,
  fields: Map<string, MetadataField>,
): void {
  for (const [rawKey, value] of Object.entries(frontmatter.data ?? {})) {
    const spans = frontmatter.keySpans.get(rawKey.toLowerCase());
    const span = spans?.span ?? frontmatter.span;
    addField(fields, rawKey, valueText(value), 'frontmatter', span, spans?.valueSpan ?? span);
  }
}

/**
 * Reads `Key: value` lines from frontmatter that did not parse, so that one syntax error
 * does not also report every field as missing.
 */
function readBrokenFrontmatterLines(
  frontmatter: ParsedFrontmatter,
  fields: Map<string, MetadataField>,
  source: MetadataSource,
): void {
  readLines(
    frontmatter.content,
    frontmatter.contentStart,
    source,
    fields,
    source === 'frontmatter',
  );
}

/** Reads `key = value` lines from TOML frontmatter that did not parse. */
function readBrokenTomlLines(
  frontmatter: ParsedFrontmatter,
  fields: Map<string, MetadataField>,
): void {
  for (const slice of splitLineSlices(frontmatter.content)) {
    const offset = frontmatter.contentStart + slice.start;
    const line = slice.text.trimEnd();
    const match = /^(\s*)([A-Za-z0-9_-]+)\s*=(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] && match[3] !== undefined) {
      const written = match[3].trimStart();
      const valueStart = offset + line.length - written.length;
      const value = written.replace(/^(["'])(.*)\1$/, '$2');
      const span = { start: offset + match[1].length, end: offset + line.length };
      const valueSpan = { start: valueStart, end: offset + line.length };
      addField(fields, match[2], value, 'frontmatter', span, valueSpan);
    }
  }
}

const LABEL_PATTERN =
  /\*\*([^*\n]{1,40}?)\s*:\s*\*\*|\*\*([^*\n]{1,40}?)\*\*\s*:|__([^_\n]{1,40}?):__/g;

/**
 * Reads labelled values from a stretch of text: `**Key:** value`, `**Key**: value`, several
 * such labels on one line, `Key: value` lines when the key is a known metadata key, list
 * markers, blockquote markers and `<br>` separators.
 */
function readLines(
  text: string,
  base: number,
  source: MetadataSource,
  fields: Map<string, MetadataField>,
  plainKeysAnyName = false,
): number {
  let found = 0;
  for (const slice of splitLineSlices(text)) {
    const lineStart = base + slice.start;
    for (const segment of splitBreaks(slice.text)) {
      const segmentStart = lineStart + segment.offset;
      const labels = [...segment.text.matchAll(LABEL_PATTERN)];
      if (labels.length > 0) {
        labels.forEach((label, index) => {
          const rawKey = (label[1] ?? label[2] ?? label[3] ?? '').trim();
          const valueStart = (label.index ?? 0) + label[0].length;
          const valueEnd = labels[index + 1]?.index ?? segment.text.length;
          const rawValue = segment.text.slice(valueStart, valueEnd);
          const value = rawValue.replace(/^[\s:]+/, '').trim();
          const leading = rawValue.length - rawValue.replace(/^[\s:]+/, '').length;
          if (!isKnownKey(rawKey) && !plainKeysAnyName) return;
          addField(
            fields,
            rawKey,
            value,
            source,
            { start: segmentStart + (label.index ?? 0), end: segmentStart + valueEnd },
            {
              start: segmentStart + valueStart + leading,
              end: segmentStart + valueStart + leading + value.length,
            },
          );
          found++;
        });
        continue;
      }
      const plain = /^([\s>*+-]*)([A-Za-z][\w ·'’/-]{0,30}?)\s*:(\s.*)$/.exec(segment.text);
      const plainValue = plain?.[3]?.trimStart();
      if (plain?.[1] !== undefined && plain[2] && plainValue !== undefined) {
        const rawKey = plain[2];
        if (!isKnownKey(rawKey) && !plainKeysAnyName) continue;
        const valueOffset = segment.text.length - plainValue.length;
        addField(
          fields,
          rawKey,
          plainValue,
          source,
          { start: segmentStart + plain[1].length, end: segmentStart + segment.text.length },
          { start: segmentStart + valueOffset, end: segmentStart + segment.text.trimEnd().length },
        );
        found++;
      }
    }
  }
  return found;
}

function splitBreaks(line: string): Array<{ text: string; offset: number }> {
  const parts: Array<{ text: string; offset: number }> = [];
  const pattern = /<br\s*\/?>/gi;
  let last = 0;
  for (const match of line.matchAll(pattern)) {
    parts.push({ text: line.slice(last, match.index), offset: last });
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push({ text: line.slice(last), offset: last });
  return parts;
}

/** Reads a two-column table of fields, with or without a `Field | Value` header row. */
function readTable(text: string, table: Table, fields: Map<string, MetadataField>): number {
  const rows = table.children;
  if (rows.length === 0 || rows.some((row) => row.children.length > 3)) return 0;
  let found = 0;
  rows.forEach((row, index) => {
    const [keyCell, valueCell] = row.children;
    if (!keyCell || !valueCell) return;
    const rawKey = toString(keyCell).replace(/:$/, '').trim();
    if (index === 0 && !isKnownKey(rawKey)) return;
    const cellSpan = spanOf(valueCell);
    const raw = text.slice(cellSpan.start, cellSpan.end);
    // A GFM cell's position may include its pipes and padding: narrow it to the value.
    const leading = /^[|\s]*/.exec(raw)?.[0].length ?? 0;
    const trailing = trailingRunLength(raw.slice(leading), (char) => /[|\s]/.test(char));
    const valueStart = cellSpan.start + leading;
    const value = toString(valueCell).trim();
    addField(fields, rawKey, value, 'table', spanOf(row), {
      start: valueStart,
      end: Math.max(valueStart, cellSpan.end - trailing),
    });
    if (isKnownKey(rawKey)) found++;
  });
  return found;
}

/**
 * Reads the postmortem's metadata from its frontmatter, a metadata table or labelled lines
 * before the first section, whichever contains it. `firstSectionOffset` is where the first
 * recognised section starts. `swallowedBlock` is a `---` block that was not meant as
 * frontmatter, whose labelled lines are read as ordinary metadata lines.
 */
export function extractMetadata(
  text: string,
  tree: Root,
  frontmatter: ParsedFrontmatter | undefined,
  firstSectionOffset: number,
  swallowedBlock?: ParsedFrontmatter,
): MetadataResult {
  const fields = new Map<string, MetadataField>();
  let container: MetadataContainer | undefined;

  if (frontmatter) {
    if (frontmatter.data) readFrontmatterFields(frontmatter, fields);
    else if (frontmatter.kind === 'yaml')
      readBrokenFrontmatterLines(frontmatter, fields, 'frontmatter');
    else readBrokenTomlLines(frontmatter, fields);
    container = { source: 'frontmatter', span: frontmatter.span };
  } else if (swallowedBlock) {
    readBrokenFrontmatterLines(swallowedBlock, fields, 'lines');
    // The lines end before the closing `---`, so a field added after them stays inside the
    // block. After the closing line, a `---` or `===` line below would make it a heading.
    // Blank lines before the closing line are left below the new field.
    const { content, contentStart } = swallowedBlock;
    const trailing = trailingRunLength(content, (char) => /\s/.test(char));
    const end = Math.max(contentStart + content.length - trailing, swallowedBlock.span.start);
    container = { source: 'lines', span: { start: swallowedBlock.span.start, end } };
  }

  const preamble: RootContent[] = [];
  for (const node of tree.children) {
    if ((node.position?.start.offset ?? 0) >= firstSectionOffset) break;
    if (node.type === 'yaml' || (node.type as string) === 'toml' || node.type === 'heading')
      continue;
    preamble.push(node);
  }
  for (const node of preamble) {
    const span = spanOf(node);
    if (node.type === 'table') {
      const before = fields.size;
      // The first table that gives fields is where new fields go.
      if (readTable(text, node, fields) > 0 || fields.size > before)
        container ??= { source: 'table', span };
    } else if (node.type === 'paragraph' || node.type === 'list' || node.type === 'blockquote') {
      const found = readLines(text.slice(span.start, span.end), span.start, 'lines', fields);
      if (found > 0 && !container) container = { source: 'lines', span };
      // Fields spread over several paragraphs: new ones go after the last.
      else if (found > 0 && container?.source === 'lines')
        container.span = { start: container.span.start, end: span.end };
    }
  }
  return container ? { fields, container } : { fields };
}
