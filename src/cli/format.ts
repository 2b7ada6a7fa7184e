import type { LintDiagnostic } from '../core';

export interface FileResult {
  file: string;
  diagnostics: LintDiagnostic[];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Formats results as `file:line:column  severity  message  rule-id` lines and a summary line,
 * or nothing when no file was linted.
 */
export function formatText(results: FileResult[]): string {
  if (results.length === 0) return '';
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const result of results) {
    for (const d of result.diagnostics) {
      counts[d.severity]++;
      lines.push(`${result.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.ruleId}`);
    }
  }
  const total = counts.error + counts.warning + counts.info;
  const files = plural(results.length, 'file');
  lines.push(
    total === 0
      ? `No problems in ${files}.`
      : `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${files}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** Formats results as a JSON array of `{ file, diagnostics }` with 1-based positions. */
export function formatJson(results: FileResult[]): string {
  const output = results.map((result) => ({
    file: result.file,
    diagnostics: result.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      url: d.url,
    })),
  }));
  return `${JSON.stringify(output, null, 2)}\n`;
}
