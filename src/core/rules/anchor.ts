import { lineEndOffset } from '../positions';
import type { Postmortem, Span } from '../types';

/**
 * Span that document-level problems (a missing section or field) are reported on: the title
 * heading when there is one, else the first line that contains text.
 */
export function documentAnchor(pm: Postmortem): Span {
  const title = pm.sections.find((section) => section.kind === 'heading' && section.depth === 1);
  if (title) return firstLineOf(pm, title.heading);
  const match = /\S/.exec(pm.text);
  const start = pm.frontmatter ? pm.frontmatter.span.start : (match?.index ?? 0);
  return { start, end: lineEndOffset(pm.text, pm.lineStarts, start) };
}

/** Narrows a span to its first line, so an editor underlines one line and not a block. */
export function firstLineOf(pm: Postmortem, span: Span): Span {
  return {
    start: span.start,
    end: Math.min(span.end, lineEndOffset(pm.text, pm.lineStarts, span.start)),
  };
}

/**
 * Returns the line break the document uses, so inserted text matches it: CRLF when there is
 * one, else LF, else a lone CR (old Mac files), and LF for a document of one line.
 */
export function lineBreakOf(text: string): string {
  if (text.includes('\r\n')) return '\r\n';
  if (text.includes('\n') || !text.includes('\r')) return '\n';
  return '\r';
}

/**
 * Returns the span of the opening `+++` line of TOML frontmatter that is never closed, which
 * the Markdown parser then reads as text. An unclosed `---` is not reported: it is also a
 * thematic break, and the metadata lines under it are still read.
 */
export function unclosedTomlFrontmatter(pm: Postmortem): Span | undefined {
  if (pm.frontmatter) return undefined;
  // The Markdown parser skips a second byte order mark before the fence.
  const start = pm.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const opening = /^\+\+\+[ \t]*(?:\r\n|\r|\n)/.exec(pm.text.slice(start));
  if (!opening) return undefined;
  const rest = pm.text.slice(start + 3);
  if (/(?:\r\n|\r|\n)\+\+\+[ \t]*(?:\r\n|\r|\n|$)/.test(rest)) return undefined;
  return { start, end: start + 3 };
}
