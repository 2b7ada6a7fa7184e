import type { Root } from 'mdast';
import { parse as parseToml, TomlError } from 'smol-toml';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { FrontmatterInfo, Span } from '../types';
import { splitLineSlices } from '../text-scan';

/** Frontmatter as parsed, plus the text spans of each top-level key for precise diagnostics. */
export interface ParsedFrontmatter extends FrontmatterInfo {
  keySpans: Map<string, { span: Span; valueSpan: Span; rawKey: string }>;
  /** The block's raw content, for the fallback readers. */
  content: string;
}

/** Reads the YAML or TOML frontmatter block at the start of the document, if any. */
export function readFrontmatter(text: string, tree: Root): ParsedFrontmatter | undefined {
  const node = tree.children[0];
  if (!node || (node.type !== 'yaml' && (node.type as string) !== 'toml')) return undefined;
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? 0;
  // Lines may end in LF, CRLF or a lone CR.
  const opening = /\r\n|\r|\n/g;
  opening.lastIndex = start;
  const firstBreak = opening.exec(text);
  const contentStart =
    !firstBreak || firstBreak.index > end ? end : firstBreak.index + firstBreak[0].length;
  const closingLineStart = Math.max(
    contentStart,
    text.lastIndexOf('\n', end - 1) + 1,
    text.lastIndexOf('\r', end - 1) + 1,
  );
  // A lone CR becomes LF, which keeps every offset, so that the YAML, TOML and line readers,
  // which split lines at LF, read old Mac line breaks too.
  const content = text.slice(contentStart, closingLineStart).replace(/\r(?!\n)/g, '\n');
  const kind = node.type === 'yaml' ? 'yaml' : 'toml';
  const base = { kind, span: { start, end }, contentStart, content } as const;
  return kind === 'yaml' ? readYaml(base) : readToml(base);
}

type Base = Pick<ParsedFrontmatter, 'kind' | 'span' | 'contentStart' | 'content'>;

function readYaml(base: Base): ParsedFrontmatter {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: `2024-03-13` stays a string and `1:30` is not read as 90.
  const document = parseDocument(base.content, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
  });
  const errors: ParsedFrontmatter['errors'] = [];
  const duplicateKeys: ParsedFrontmatter['duplicateKeys'] = [];
  for (const error of document.errors) {
    const span = {
      start: base.contentStart + outsideCrlf(base.content, error.pos[0]),
      end: base.contentStart + outsideCrlf(base.content, Math.max(error.pos[0], error.pos[1])),
    };
    if (error.code === 'DUPLICATE_KEY') {
      const rest = base.content.slice(error.pos[0]).split('\n')[0] ?? '';
      const key =
        /^\s*["']?([^\s:"'#][^:"'#\n]*)(?:["']\s*)?:/.exec(rest)?.[1]?.trim() ?? rest.trim();
      duplicateKeys.push({ key, span });
    } else {
      errors.push({ message: firstLine(error.message), span });
    }
  }

  const keySpans: ParsedFrontmatter['keySpans'] = new Map();
  let data: Record<string, unknown> | undefined;
  if (errors.length === 0) {
    try {
      const value: unknown = document.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) {
        data = {};
      } else if (typeof value === 'object' && !Array.isArray(value)) {
        data = value as Record<string, unknown>;
      } else {
        // A list or a lone value parses, but holds no `key: value` fields.
        const range = document.contents?.range;
        errors.push({
          message: Array.isArray(value) ? 'a list' : 'a single value',
          span: {
            start: base.contentStart + (range?.[0] ?? 0),
            end: base.contentStart + (range?.[1] ?? 0),
          },
          notMap: true,
        });
      }
    } catch (error) {
      // toJS() throws on unresolved aliases and similar problems that parsing let through.
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ message, span: { start: base.contentStart, end: base.contentStart } });
    }
    if (data && isMap(document.contents)) {
      for (const pair of document.contents.items) {
        const key = pair.key;
        if (!isScalar(key) || !key.range) continue;
        const rawKey = String(key.value);
        const valueNode = pair.value as { range?: [number, number, number] } | null;
        const keyStart = base.contentStart + key.range[0];
        const valueRange = valueNode?.range;
        const valueSpan = valueRange
          ? { start: base.contentStart + valueRange[0], end: base.contentStart + valueRange[1] }
          : { start: base.contentStart + key.range[1], end: base.contentStart + key.range[1] };
        keySpans.set(rawKey.toLowerCase(), {
          rawKey,
          span: { start: keyStart, end: Math.max(valueSpan.end, base.contentStart + key.range[1]) },
          valueSpan,
        });
      }
    }
  }
  return { ...base, data, errors, duplicateKeys, keySpans };
}

function readToml(base: Base): ParsedFrontmatter {
  const keySpans: ParsedFrontmatter['keySpans'] = new Map();
  try {
    const data = parseToml(base.content) as Record<string, unknown>;
    for (const slice of splitLineSlices(base.content)) {
      const offset = base.contentStart + slice.start;
      const content = slice.text;
      const match = /^(\s*)([A-Za-z0-9_-]+)\s*=(.*)$/.exec(content);
      if (match?.[2] && match[1] !== undefined && match[3] !== undefined) {
        const value = match[3].trim();
        const keyStart = offset + match[1].length;
        const valueStart = offset + content.indexOf(value, match[1].length + match[2].length);
        keySpans.set(match[2].toLowerCase(), {
          rawKey: match[2],
          span: { start: keyStart, end: offset + content.length },
          valueSpan: { start: valueStart, end: valueStart + value.length },
        });
      }
    }
    return { ...base, data, errors: [], duplicateKeys: [], keySpans };
  } catch (error) {
    let start = base.contentStart;
    if (error instanceof TomlError) {
      const lines = base.content.split('\n').slice(0, error.line - 1);
      start +=
        lines.reduce((sum, line) => sum + line.length + 1, 0) + Math.max(0, error.column - 1);
    }
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    return {
      ...base,
      data: undefined,
      errors: [{ message, span: { start, end: start } }],
      duplicateKeys: [],
      keySpans,
    };
  }
}

/**
 * Moves an offset that falls between the CR and LF of a line break, or between the halves of a
 * surrogate pair (the YAML parser counts some positions in code points), to before the pair.
 */
function outsideCrlf(text: string, offset: number): number {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  const crlf = before === 13 && after === 10;
  const surrogates = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
  return crlf || surrogates ? offset - 1 : offset;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
