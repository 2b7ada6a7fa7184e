import type { ResolvedConfig } from '../config/types';
import type { Memo } from '../incremental/memo';
import type { Fix, Postmortem, Severity, Span } from '../types';

/** A problem as a rule reports it. The engine adds the rule id, severity, position and URL. */
export interface Report {
  message: string;
  span: Span;
  fixes?: Fix[];
  data?: Record<string, string>;
  /** Overrides the configured severity for this one report (the placeholder rule uses it). */
  severity?: Severity;
}

export interface RuleContext {
  pm: Postmortem;
  config: ResolvedConfig;
  report: (report: Report) => void;
  /** Results of earlier lints of the same document, for work that depends only on a string. */
  memo: Memo;
}

/** One lint rule: a stable id, a one-line description and a pure check. */
export interface Rule {
  id: string;
  description: string;
  defaultSeverity: Severity;
  check(context: RuleContext): void;
}
