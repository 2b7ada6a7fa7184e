import type { Root } from 'mdast';
import { resolveConfig } from './config/resolve';
import { IncrementalParser } from './incremental/parser';
import { Memo } from './incremental/memo';
import { parseMarkdown } from './model/parse';
import type { ResolvedConfig } from './config/types';
import { buildPostmortem } from './model/build';
import { offsetToPosition } from './positions';
import { RULES } from './rules';
import type { Report, Rule } from './rules/types';
import type { LintDiagnostic, Postmortem, Severity } from './types';
import { separateFixLineBreaks } from './fix-all';

export type * from './types';
export type { ConfigFile, ProfileName, ResolvedConfig } from './config/types';
export type { Rule } from './rules/types';
export { RULES, RULE_IDS } from './rules';
export { buildPostmortem, looksLikePostmortem } from './model/build';
export { resolveConfig, PROFILES } from './config/resolve';
export {
  validateConfig,
  parseConfigBytes,
  parseConfigText,
  keyName,
  WHOLE_FILE,
} from './config/validate';
export type { ConfigError, ConfigValidation } from './config/validate';
export { SECTION_DEFINITIONS } from './model/section-definitions';
export { computeLineStarts, offsetToPosition } from './positions';
export * from './fixes';
export { applyTextEdits, selectFixAll } from './fix-all';

/** Base of the rule documentation links carried by every diagnostic. */
export const DOCS_BASE_URL =
  'https://github.com/blameless-postmortem/blameless-postmortem/blob/main/docs/rules/';

export function ruleUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

export interface LintResult {
  diagnostics: LintDiagnostic[];
  postmortem: Postmortem;
}

export interface LintOptions {
  config?: ResolvedConfig;
  /** Runs only these rules (the others are off), as the rule documentation tests do. */
  only?: readonly string[];
}

/** Removes a leading byte order mark, which editors do not show and positions must not count. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Lints a postmortem. Positions refer to `text` without its leading BOM, if any.
 * A rule that throws is reported under its own id with `data.internalError` set, instead of
 * failing the run, so editors can log it. To lint one document again and again as it is edited,
 * use a `Linter`, which parses again only the parts that changed.
 */
export function lint(text: string, options: LintOptions = {}): LintResult {
  return new Linter().lint(text, options);
}

/**
 * Lints successive versions of one document. It keeps the parsed parts of the last version
 * (see `IncrementalParser`) and what the rules computed from unchanged text, and gives the same
 * diagnostics as parsing each version whole. A result's `postmortem` is valid until the next
 * call on the same linter, which moves the positions of the trees it reuses.
 */
export class Linter {
  private readonly parser = new IncrementalParser();
  private readonly memo = new Memo();

  lint(text: string, options: LintOptions = {}): LintResult {
    const source = stripBom(text);
    const result = lintTree(source, this.parser.parse(source), options, this.memo);
    this.memo.endRun();
    return result;
  }

  /** Number of document parts parsed by the last call, rather than taken from the last version. */
  get lastParsedParts(): number {
    return this.parser.lastParsedParts;
  }
}

/** Lints a document parsed whole, in one piece: the reference that `Linter` must agree with. */
export function lintWholeDocument(text: string, options: LintOptions = {}): LintResult {
  const source = stripBom(text);
  return lintTree(source, parseMarkdown(source), options, new Memo());
}

function lintTree(source: string, tree: Root, options: LintOptions, memo: Memo): LintResult {
  const config = options.config ?? resolveConfig();
  const postmortem = buildPostmortem(source, config, tree);
  const lineStarts = postmortem.lineStarts;
  const diagnostics: LintDiagnostic[] = [];

  for (const rule of RULES) {
    if (options.only && !options.only.includes(rule.id)) continue;
    const level = config.rules[rule.id] ?? rule.defaultSeverity;
    if (level === 'off') continue;
    const report = (found: Report): void => {
      const fixes = found.fixes?.map((fix) => separateFixLineBreaks(source, fix));
      const settled = fixes ? { ...found, fixes } : found;
      diagnostics.push(toDiagnostic(rule, found.severity ?? level, settled, lineStarts));
    };
    try {
      rule.check({ pm: postmortem, config, report, memo });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report({
        message: `Rule \`${rule.id}\` failed on this document: ${message}`,
        span: { start: 0, end: 0 },
        severity: 'error',
        data: { internalError: message },
      });
    }
  }

  diagnostics.sort(
    (a, b) =>
      a.start - b.start ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return { diagnostics, postmortem };
}

function toDiagnostic(
  rule: Rule,
  severity: Severity,
  report: Report,
  lineStarts: number[],
): LintDiagnostic {
  const start = offsetToPosition(lineStarts, report.span.start);
  const end = offsetToPosition(lineStarts, Math.max(report.span.start, report.span.end));
  const diagnostic: LintDiagnostic = {
    ruleId: rule.id,
    severity,
    message: report.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    start: report.span.start,
    end: Math.max(report.span.start, report.span.end),
    url: ruleUrl(rule.id),
    fixes: report.fixes ?? [],
  };
  if (report.data) diagnostic.data = report.data;
  return diagnostic;
}
export { renderTemplate, slugify } from './template';
export type { TemplateOptions } from './template';
export { DEFAULT_FILE_PATTERNS } from './files';
