import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import type { Postmortem, Section, Span } from '../types';
import { trailingRunLength } from '../text-scan';

/**
 * Stands in for text the narrative rules must not read (inline code, images, inline HTML),
 * so that the surrounding words keep their positions and a sentence keeps a token there.
 */
export const OPAQUE = '\uFFFC';

/** Plain text of one paragraph, heading or table cell, with the source offset of every character. */
export interface TextBlock {
  text: string;
  /** `offsets[i]` is the source offset of `text[i]`, and the last entry is the end of the block. */
  offsets: number[];
  kind: 'paragraph' | 'heading' | 'table-cell';
  /** The block sits in a list item, which `listItemStart` identifies by its start offset. */
  inList: boolean;
  listItemStart?: number;
  inBlockquote: boolean;
  /** The block's whole text is emphasis or strong emphasis. */
  emphasised: boolean;
}

interface Builder {
  text: string;
  offsets: number[];
}

interface Context {
  source: string;
  inList: boolean;
  listItemStart?: number;
  inBlockquote: boolean;
}

function startOf(node: Nodes): number | undefined {
  return node.position?.start.offset;
}

function endOf(node: Nodes): number | undefined {
  return node.position?.end.offset;
}

/**
 * Appends a text node's value, mapping each character to its source offset. The value can differ
 * from the source (backslash escapes, entities, blockquote markers after a line break), so each
 * character is matched against the next few source characters and falls back to the last match.
 */
function appendMapped(
  builder: Builder,
  value: string,
  source: string,
  start: number,
  end: number,
): void {
  let cursor = start;
  for (const char of value) {
    let found = -1;
    for (let probe = cursor; probe < Math.min(end, cursor + 12); probe++) {
      if (source.startsWith(char, probe)) {
        found = probe;
        break;
      }
    }
    const offset = found >= 0 ? found : Math.min(cursor, end);
    for (let unit = 0; unit < char.length; unit++) {
      builder.text += char.charAt(unit);
      builder.offsets.push(offset + unit);
    }
    cursor = found >= 0 ? found + char.length : cursor;
  }
}

function appendOpaque(builder: Builder, replacement: string, offset: number): void {
  for (const char of replacement) {
    builder.text += char;
    builder.offsets.push(offset);
  }
}

/** Returns whether a link's visible text is its own address, as in `<https://…>` or a bare URL. */
function isAutolink(node: PhrasingContent): boolean {
  if (node.type !== 'link' || node.children.length !== 1) return false;
  const child = node.children[0];
  if (child?.type !== 'text') return false;
  const url = node.url.replace(/^mailto:/, '');
  return (
    child.value === url || child.value === node.url || /^(https?:\/\/|www\.)/i.test(child.value)
  );
}

function appendPhrasing(builder: Builder, nodes: readonly PhrasingContent[], source: string): void {
  for (const node of nodes) {
    const start = startOf(node);
    const end = endOf(node);
    switch (node.type) {
      case 'text':
        if (start === undefined || end === undefined)
          appendOpaque(builder, node.value, builder.offsets.at(-1) ?? 0);
        else appendMapped(builder, node.value, source, start, end);
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'linkReference':
        appendPhrasing(builder, node.children, source);
        break;
      case 'link':
        if (isAutolink(node)) appendOpaque(builder, OPAQUE, start ?? 0);
        else appendPhrasing(builder, node.children, source);
        break;
      case 'break':
        appendOpaque(builder, '\n', start ?? 0);
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test(node.value)) appendOpaque(builder, '\n', start ?? 0);
        else if (!node.value.startsWith('<!--')) appendOpaque(builder, OPAQUE, start ?? 0);
        break;
      case 'inlineCode':
      case 'image':
      case 'imageReference':
        appendOpaque(builder, OPAQUE, start ?? 0);
        break;
      default:
        // Footnote references and other inline nodes carry no narrative text.
        break;
    }
  }
}

function isWhollyEmphasised(nodes: readonly PhrasingContent[]): boolean {
  const meaningful = nodes.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  return (
    meaningful.length > 0 &&
    meaningful.every((node) => node.type === 'emphasis' || node.type === 'strong')
  );
}

function makeBlock(
  kind: TextBlock['kind'],
  children: readonly PhrasingContent[],
  end: number | undefined,
  context: Context,
): TextBlock {
  const builder: Builder = { text: '', offsets: [] };
  appendPhrasing(builder, children, context.source);
  builder.offsets.push(end ?? builder.offsets.at(-1) ?? 0);
  const block: TextBlock = {
    text: builder.text,
    offsets: builder.offsets,
    kind,
    inList: context.inList,
    inBlockquote: context.inBlockquote,
    emphasised: isWhollyEmphasised(children),
  };
  if (context.listItemStart !== undefined) block.listItemStart = context.listItemStart;
  return block;
}

function collectInto(blocks: TextBlock[], nodes: readonly RootContent[], context: Context): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        blocks.push(makeBlock('paragraph', node.children, endOf(node), context));
        break;
      case 'heading':
        blocks.push(makeBlock('heading', node.children, endOf(node), context));
        break;
      case 'tableCell':
        blocks.push(makeBlock('table-cell', node.children, endOf(node), context));
        break;
      case 'blockquote':
        collectInto(blocks, node.children, { ...context, inBlockquote: true });
        break;
      case 'list':
        collectInto(blocks, node.children, { ...context, inList: true });
        break;
      case 'listItem': {
        const itemContext: Context = { ...context, inList: true };
        const itemStart = startOf(node);
        if (itemStart !== undefined) itemContext.listItemStart = itemStart;
        collectInto(blocks, node.children, itemContext);
        break;
      }
      case 'table':
      case 'tableRow':
      case 'footnoteDefinition':
        collectInto(blocks, node.children, context);
        break;
      default:
        // Code, HTML blocks, frontmatter, definitions and rules hold no narrative text.
        break;
    }
  }
}

/** Text blocks of a node, with the start offset the node had when they were collected. */
interface CachedBlocks {
  start: number;
  blocks: TextBlock[];
}

/**
 * Text blocks by node. A linter reuses the trees of unchanged parts of a document and moves their
 * positions, so the blocks of a node are collected once and moved with it.
 */
const blocksByNode = new WeakMap<RootContent, CachedBlocks>();

function blocksOf(node: RootContent, source: string): TextBlock[] {
  const start = startOf(node);
  if (start === undefined) {
    const blocks: TextBlock[] = [];
    collectInto(blocks, [node], { source, inList: false, inBlockquote: false });
    return blocks;
  }
  let cached = blocksByNode.get(node);
  if (!cached) {
    const blocks: TextBlock[] = [];
    collectInto(blocks, [node], { source, inList: false, inBlockquote: false });
    cached = { start, blocks };
    blocksByNode.set(node, cached);
  } else if (cached.start !== start) {
    const delta = start - cached.start;
    for (const block of cached.blocks) {
      const { offsets } = block;
      for (let index = 0; index < offsets.length; index++)
        offsets[index] = (offsets[index] ?? 0) + delta;
      if (block.listItemStart !== undefined) block.listItemStart += delta;
    }
    cached.start = start;
  }
  return cached.blocks;
}

/**
 * Collects the narrative text of `nodes`, skipping code, HTML, frontmatter and link addresses.
 * The blocks are shared between callers and must not be changed.
 */
export function collectTextBlocks(nodes: readonly RootContent[], source: string): TextBlock[] {
  if (nodes.length === 1 && nodes[0]) return blocksOf(nodes[0], source);
  const blocks: TextBlock[] = [];
  for (const node of nodes) for (const block of blocksOf(node, source)) blocks.push(block);
  return blocks;
}

/** Returns the source span of `block.text.slice(from, to)`. */
export function blockSpan(block: TextBlock, from: number, to: number): Span {
  const start = block.offsets[from] ?? block.offsets.at(-1) ?? 0;
  const last = to > from ? block.offsets[to - 1] : undefined;
  const end = last === undefined ? start : last + 1;
  return { start, end: Math.max(start, end) };
}

/** Returns the source text of a span, with line breaks and runs of spaces folded to one space. */
export function quoteSpan(pm: Postmortem, span: Span): string {
  return pm.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
}

/** Returns the sections with a canonical id, in document order. */
export function sectionsWithId(pm: Postmortem, id: string): Section[] {
  return pm.sections.filter((section) => section.id === id);
}

/**
 * Returns where a section's own content ends: at the first other section that starts inside
 * its body, so that sub-sections are left out.
 */
export function ownContentEnd(pm: Postmortem, section: Section): number {
  const { starts, sections } = headingIndex(pm);
  let end = section.body.end;
  for (let index = lowerBound(starts, section.body.start); index < starts.length; index++) {
    if (sections[index] === section) continue;
    const start = starts[index] ?? end;
    if (start < end) end = start;
    break;
  }
  return end;
}

/** Headings of a model sorted by start, with the furthest end reached up to each one. */
interface HeadingIndex {
  starts: number[];
  maxEnds: number[];
  sections: Section[];
}

const headingIndexes = new WeakMap<Postmortem, HeadingIndex>();

/**
 * Returns the model's headings sorted by start, built once per model, so that a rule reading
 * every section does not compare each one with every other.
 */
function headingIndex(pm: Postmortem): HeadingIndex {
  let index = headingIndexes.get(pm);
  if (!index) {
    const sections = [...pm.sections].sort((a, b) => a.heading.start - b.heading.start);
    const maxEnds: number[] = [];
    let furthest = -Infinity;
    for (const section of sections) {
      furthest = Math.max(furthest, section.heading.end);
      maxEnds.push(furthest);
    }
    index = { starts: sections.map((section) => section.heading.start), maxEnds, sections };
    headingIndexes.set(pm, index);
  }
  return index;
}

/** Index of the first value not below `target` in ascending `values`. */
function lowerBound(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Tells whether any heading overlaps the span from `start` to `end`. */
function overlapsAnyHeading(pm: Postmortem, start: number, end: number): boolean {
  const { starts, maxEnds } = headingIndex(pm);
  // Headings that start before `end`; one of them overlaps when the furthest end passes `start`.
  const last = lowerBound(starts, end) - 1;
  return last >= 0 && (maxEnds[last] ?? -Infinity) > start;
}

/**
 * Collects the narrative text of a section's own content: its body up to the first sub-section,
 * without the text of any heading (a pseudo-heading can share a paragraph with its body).
 */
export function sectionTextBlocks(pm: Postmortem, section: Section): TextBlock[] {
  const end = ownContentEnd(pm, section);
  const headings = pm.sections.map((other) => other.heading);
  const inside = (offset: number): boolean =>
    offset >= section.body.start &&
    offset < end &&
    !headings.some((heading) => offset >= heading.start && offset < heading.end);
  const blocks: TextBlock[] = [];
  for (const block of collectTextBlocks(section.nodes, pm.text)) {
    // Most blocks lie wholly inside the section and touch no heading: they are kept as they are.
    const first = block.offsets[0] ?? 0;
    const last = block.offsets.at(-2) ?? first;
    if (first >= section.body.start && last < end && !overlapsAnyHeading(pm, first, last + 1)) {
      if (block.text.trim() !== '') blocks.push(block);
      continue;
    }
    let text = '';
    const offsets: number[] = [];
    for (let i = 0; i < block.text.length; i++) {
      const offset = block.offsets[i] ?? 0;
      if (!inside(offset)) continue;
      text += block.text.charAt(i);
      offsets.push(offset);
    }
    if (text.trim() === '') continue;
    offsets.push(block.offsets.at(-1) ?? offsets.at(-1) ?? 0);
    blocks.push({ ...block, text, offsets });
  }
  return blocks;
}

/** Returns the body nodes of a section that come before its first sub-section. */
export function ownNodes(pm: Postmortem, section: Section): RootContent[] {
  const end = ownContentEnd(pm, section);
  return section.nodes.filter((node) => {
    const start = startOf(node);
    if (start === undefined) return true;
    if (start < section.body.start || start >= end) return false;
    return !overlapsHeading(pm, node);
  });
}

function overlapsHeading(pm: Postmortem, node: RootContent): boolean {
  const start = startOf(node);
  const end = endOf(node);
  if (start === undefined || end === undefined) return false;
  return overlapsAnyHeading(pm, start, end);
}

/** Returns whether a section has a sub-section: a section whose heading starts inside its body. */
export function hasSubsections(pm: Postmortem, section: Section): boolean {
  return ownContentEnd(pm, section) < section.body.end;
}

/** Counts the words of a text, ignoring stand-ins for code. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’._-]*/gu)?.length ?? 0;
}

/** Words that end with a full stop without ending the sentence, compared in lower case. */
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'v',
  'vs',
  'cf',
  'al',
  'approx',
  'est',
  'incl',
  'excl',
  'resp',
  'ca',
  'viz',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'fig',
  'eq',
  'no',
  'nos',
  'vol',
  'ver',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** Returns whether the word before a full stop is an abbreviation or an initial, which ends no sentence. */
function isAbbreviation(word: string): boolean {
  const bare = word.replace(/^[("'“‘[]+/, '').toLowerCase();
  if (ABBREVIATIONS.has(bare)) return true;
  // Initials and dotted forms: `J.`, `U.S.`, `a.m.`, `p.m.`, `e.g.` without its comma.
  if (/^\p{Lu}$/u.test(word.replace(/^[("'“‘[]+/, ''))) return true;
  return /^(?:\p{L}\.)+\p{L}$/u.test(bare);
}

/**
 * Splits text into sentences, as offsets into `text`. A sentence ends at `.`, `!`, `?` or `…`
 * followed by white space and a word that does not start in lower case. Abbreviations, initials,
 * decimals, versions, times and URLs do not end a sentence because no space follows their dots
 * or the dot belongs to a known abbreviation.
 */
export function splitSentences(text: string): Array<{ from: number; to: number }> {
  const sentences: Array<{ from: number; to: number }> = [];
  let start = 0;
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (!/[.!?…]/.test(char)) {
      index++;
      continue;
    }
    let end = index + 1;
    while (end < text.length && /[.!?…)"'’”\]*_]/.test(text.charAt(end))) end++;
    const rest = text.slice(end);
    const gap = /^\s+/.exec(rest);
    const atEnd = rest.trim() === '';
    if (!atEnd && !gap) {
      index = end;
      continue;
    }
    const next = rest.slice(gap?.[0].length ?? 0).charAt(0);
    const before = text.slice(start, index);
    const word = before.slice(before.length - trailingRunLength(before, (c) => /\S/.test(c)));
    const endsSentence =
      atEnd ||
      (!/\p{Ll}/u.test(next) && !(char === '.' && isAbbreviation(word)) && !/^[,;:]/.test(next));
    if (endsSentence) {
      pushSentence(sentences, text, start, end);
      start = end;
    }
    index = end;
  }
  pushSentence(sentences, text, start, text.length);
  return sentences;
}

function pushSentence(
  sentences: Array<{ from: number; to: number }>,
  text: string,
  from: number,
  to: number,
): void {
  const slice = text.slice(from, to);
  if (!/[\p{L}\p{N}]/u.test(slice)) return;
  const lead = slice.length - slice.trimStart().length;
  const trail = slice.length - slice.trimEnd().length;
  sentences.push({ from: from + lead, to: to - trail });
}

/** Descendants of each top-level node by type, found once per node like its text blocks. */
const descendantsByNode = new WeakMap<RootContent, Map<string, Nodes[]>>();

/**
 * Returns every node of `type` in the tree, in document order, reading each top-level node's
 * descendants once while the node is reused.
 */
export function nodesOfType<T extends Nodes['type']>(
  pm: Postmortem,
  type: T,
): Extract<Nodes, { type: T }>[] {
  const found: Nodes[] = [];
  for (const top of pm.tree.children) {
    let byType = descendantsByNode.get(top);
    if (!byType) {
      byType = new Map();
      descendantsByNode.set(top, byType);
    }
    let nodes = byType.get(type);
    if (!nodes) {
      nodes = [];
      collectOfType(top, type, nodes);
      byType.set(type, nodes);
    }
    for (const node of nodes) found.push(node);
  }
  return found as Extract<Nodes, { type: T }>[];
}

function collectOfType(node: Nodes, type: string, into: Nodes[]): void {
  if (node.type === type) into.push(node);
  if ('children' in node)
    for (const child of node.children as Nodes[]) collectOfType(child, type, into);
}
