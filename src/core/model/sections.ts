import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Section, SectionDefinition, Span } from '../types';
import { normalizeHeading } from './normalize';
import { SECTION_DEFINITIONS } from './section-definitions';
import { replaceBracketGroups } from '../text-scan';

/** Looks up canonical section ids by normalised heading text. */
/** Matchers by their extra synonyms, since building one normalises every known section name. */
const MATCHERS = new Map<string, SectionMatcher>();

/** Returns the matcher for a configuration's extra synonyms, building it on first use. */
export function sectionMatcher(extraSynonyms: Record<string, string[]> = {}): SectionMatcher {
  const key = JSON.stringify(extraSynonyms);
  let matcher = MATCHERS.get(key);
  if (!matcher) {
    // A long-running editor may see many configurations: keep the matchers of the latest few.
    if (MATCHERS.size >= 16) MATCHERS.clear();
    matcher = new SectionMatcher(extraSynonyms);
    MATCHERS.set(key, matcher);
  }
  return matcher;
}

export class SectionMatcher {
  private readonly byName = new Map<string, string>();

  constructor(extraSynonyms: Record<string, string[]> = {}) {
    for (const definition of SECTION_DEFINITIONS) {
      this.add(definition.title, definition.id);
      for (const synonym of definition.synonyms) this.add(synonym, definition.id);
      for (const synonym of extraSynonyms[definition.id] ?? []) this.add(synonym, definition.id);
    }
    for (const [name, id] of EXTRA_NAMES) this.add(name, id);
  }

  private add(name: string, id: string): void {
    const key = normalizeHeading(name);
    if (key && !this.byName.has(key)) this.byName.set(key, id);
  }

  /** Returns the canonical id for a heading, or undefined when it names no known section. */
  match(heading: string): string | undefined {
    const candidates = [heading];
    // "Timeline (in 24-hour clock, UTC)" and "Trigger: a latent bug" name their section first.
    const withoutBrackets = replaceBracketGroups(heading, ' ');
    candidates.push(withoutBrackets);
    // Footnote numbers glued to the last word, as in "Timeline167".
    candidates.push(withoutBrackets.replace(/(\p{L})\d{1,4}(\s*(?:[:.]\s*)?)$/u, '$1$2'));
    const beforeColon = /^([^:]{3,40}?)\s*[:\u2013\u2014]\d*\s+\S/.exec(withoutBrackets);
    if (beforeColon?.[1]) candidates.push(beforeColon[1]);
    for (const candidate of candidates) {
      const id = this.byName.get(normalizeHeading(candidate));
      if (id) return id;
    }
    return undefined;
  }
}

/** Headings seen in real postmortems that the section definitions do not list as synonyms. */
const EXTRA_NAMES: ReadonlyArray<[string, string]> = [
  ['What didn’t work', 'what-could-have-gone-better'],
  ['What slowed recovery', 'what-could-have-gone-better'],
  ['Possible improvements', 'what-could-have-gone-better'],
  ['Ce qui n’a pas fonctionné', 'what-could-have-gone-better'],
  ['Ce qui a fonctionné', 'what-went-well'],
  ['Facteurs de chance', 'where-we-got-lucky'],
  ['User impact', 'impact'],
  ['How users were affected', 'impact'],
  ['System impact', 'impact'],
  ['Full resolution', 'resolution'],
  ['Immediate mitigation', 'resolution'],
  ['Resolution & recovery', 'resolution'],
  ['Recommendations', 'action-items'],
  ['Chronologie des événements', 'timeline'],
  ['Résumé', 'executive-summary'],
  ['Leçons retenues', 'lessons-learned'],
  ['Mesures de suivi', 'action-items'],
];

export function getDefinition(id: string): SectionDefinition | undefined {
  return SECTION_DEFINITIONS.find((definition) => definition.id === id);
}

interface Marker {
  node: RootContent;
  index: number;
  title: string;
  depth: number;
  kind: 'heading' | 'pseudo';
  span: Span;
}

function spanOf(node: {
  position?: { start: { offset?: number }; end: { offset?: number } };
}): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/**
 * Reads a paragraph or a one-item list used in place of a heading: `**Timeline**`,
 * `**Root Cause:**`, `1. Executive Summary`, or a line that contains only a section name.
 */
function pseudoHeadingTitle(node: RootContent, matcher: SectionMatcher): string | undefined {
  let paragraph: RootContent | undefined = node;
  if (node.type === 'list') {
    if (node.children.length !== 1) return undefined;
    const item = node.children[0];
    if (!item || item.children.length !== 1) return undefined;
    paragraph = item.children[0];
  }
  if (!paragraph || paragraph.type !== 'paragraph') return undefined;
  const children = paragraph.children.filter(
    (child) => !(child.type === 'text' && /^[\s:]*$/.test(child.value)),
  );
  const text = toString(paragraph).trim();
  if (text.length === 0 || text.length > 60 || text.includes('\n')) return undefined;
  const onlyStrong = children.length === 1 && children[0]?.type === 'strong';
  const plain = children.every((child) => child.type === 'text');
  if (!onlyStrong && !plain) return undefined;
  if (plain && node.type === 'paragraph' && /[.!]$/.test(text)) return undefined;
  return matcher.match(text) ? text : undefined;
}

/** Finds the headings and pseudo-headings of the document and the body of each. */
export function extractSections(text: string, tree: Root, matcher: SectionMatcher): Section[] {
  const markers: Marker[] = [];
  const children = tree.children;

  children.forEach((node, index) => {
    if (node.type === 'heading') {
      const title = toString(node).trim();
      markers.push({ node, index, title, depth: node.depth, kind: 'heading', span: spanOf(node) });
      return;
    }
    if (node.type === 'html') {
      // Raw HTML headings, as in documents written entirely as `<h2>Timeline:</h2>` blocks.
      const base = node.position?.start.offset ?? 0;
      // Headings inside HTML comments do not count: blank out the comments, keeping offsets.
      const visible = node.value.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) =>
        ' '.repeat(comment.length),
      );
      for (const match of visible.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi)) {
        const title = (match[2] ?? '')
          .replace(/<[^<>]+>/g, '')
          .replace(/&[a-z]+;/gi, ' ')
          .trim();
        const start = base + (match.index ?? 0);
        const span = { start, end: start + match[0].length };
        markers.push({ node, index, title, depth: Number(match[1]), kind: 'heading', span });
      }
      return;
    }
    if (node.type === 'paragraph' || node.type === 'list') {
      const title = pseudoHeadingTitle(node, matcher);
      if (title) markers.push({ node, index, title, depth: 0, kind: 'pseudo', span: spanOf(node) });
    }
  });

  // A pseudo-heading stands at the level most recognised headings use, or 2 when there are none.
  const pseudoDepth = mostCommon(
    markers.filter((m) => m.kind === 'heading' && matcher.match(m.title)).map((m) => m.depth),
  );
  for (const marker of markers) if (marker.kind === 'pseudo') marker.depth = pseudoDepth ?? 2;

  return markers.map((marker, position) => {
    let endIndex = children.length;
    let bodyEnd = text.length;
    for (const next of markers.slice(position + 1)) {
      if (next.depth <= marker.depth) {
        endIndex = next.index;
        bodyEnd = next.span.start;
        break;
      }
    }
    return {
      id: matcher.match(marker.title),
      title: marker.title,
      depth: marker.depth,
      kind: marker.kind,
      heading: marker.span,
      body: { start: marker.span.end, end: Math.max(marker.span.end, bodyEnd) },
      nodes: children.slice(marker.index + 1, endIndex),
    };
  });
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: number | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
