import type { ResolvedConfig } from './config/types';
import { metadataLabel } from './model/metadata';
import { offsetToPosition } from './positions';
import { lineBreakOf } from './rules/anchor';
import type { Fix, Postmortem } from './types';

function escapeChoice(value: string): string {
  return value.replace(/[$}\\,|]/g, (match) => `\\${match}`);
}

/** Snippet text for a field's value: a choice list where values are fixed, else a tab stop. */
function valueSnippet(key: string, config: ResolvedConfig): string {
  const choices: Record<string, readonly string[]> = {
    status: config.statuses,
    severity: config.severities,
  };
  const values = choices[key];
  if (values && values.length > 0) return `\${1|${values.map(escapeChoice).join(',')}|}`;
  if (key === 'date') return '${1:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE}';
  // `TBD` keeps a placeholder report until the writer replaces it.
  return '${1:TBD}';
}

function lineStartOf(pm: Postmortem, offset: number): number {
  const { line } = offsetToPosition(pm.lineStarts, offset);
  return pm.lineStarts[line - 1] ?? 0;
}

/**
 * Builds the fix that adds a metadata field where the others are: a frontmatter key, a
 * metadata table row or a `**Key:**` line. Without metadata it adds YAML frontmatter.
 */
export function addMetadataFix(
  pm: Postmortem,
  config: ResolvedConfig,
  key: string,
): Fix | undefined {
  const label = metadataLabel(key);
  const lineBreak = lineBreakOf(pm.text);
  const value = valueSnippet(key, config);
  const container = pm.metadataContainer;
  const title = `Add metadata field \`${label}\``;

  if (container?.source === 'frontmatter' && pm.frontmatter) {
    const { span } = pm.frontmatter;
    // The new key goes at the start of the closing fence's line, whatever line break ends the
    // line before it.
    const closing = lineStartOf(pm, Math.max(span.start, span.end - 1));
    if (pm.frontmatter.kind === 'toml') {
      return {
        title,
        edits: [{ start: closing, end: closing, newText: `${key} = "${value}"${lineBreak}` }],
        safe: false,
        snippet: true,
      };
    }
    return {
      title,
      edits: [{ start: closing, end: closing, newText: `${key}: ${value}${lineBreak}` }],
      safe: false,
      snippet: true,
    };
  }
  if (container?.source === 'table') {
    const end = container.span.end;
    return {
      title,
      edits: [{ start: end, end, newText: `${lineBreak}| ${label} | ${value} |` }],
      safe: false,
      snippet: true,
    };
  }
  if (container?.source === 'lines') {
    const end = container.span.end;
    const lastLine = pm.text.slice(
      Math.max(pm.text.lastIndexOf('\n', end - 1), pm.text.lastIndexOf('\r', end - 1)) + 1,
      end,
    );
    const bullet = /^\s*([-*+]\s+)/.exec(lastLine)?.[1] ?? '';
    const quote = /^\s*(>\s*)/.exec(lastLine)?.[1] ?? '';
    return {
      title,
      edits: [{ start: end, end, newText: `${lineBreak}${quote}${bullet}**${label}:** ${value}` }],
      safe: false,
      snippet: true,
    };
  }
  const block = `---${lineBreak}${key}: ${value}${lineBreak}---${lineBreak}`;
  // A second byte order mark (the first is not part of `pm.text`) is ignored by the Markdown
  // parser only at the very start, so the frontmatter goes after it.
  const start = pm.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { title, edits: [{ start, end: start, newText: block }], safe: false, snippet: true };
}
