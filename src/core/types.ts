import type { Root, RootContent } from 'mdast';

/** Severity of a reported problem, from most to least serious. */
export type Severity = 'error' | 'warning' | 'info';

/** A rule's configured level: a severity, or `off` to disable it. */
export type RuleLevel = Severity | 'off';

/** A replacement of the text between two UTF-16 offsets of the linted text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A fix offered for a diagnostic: edits applied together as one change. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** True when the fix can be applied together with others by "Fix all" without review. */
  safe: boolean;
  /** True when `newText` uses snippet syntax (`${1:owner}`) and needs a snippet-aware editor. */
  snippet?: boolean;
}

/** One problem found in a postmortem. Lines and columns are 1-based, columns in UTF-16 code units. */
export interface LintDiagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** UTF-16 offsets into the linted text (after a leading BOM is removed). */
  start: number;
  end: number;
  url: string;
  fixes: Fix[];
  /** Rule-specific facts, such as the missing section's id, for editors and tests. */
  data?: Record<string, string>;
}

/** Span of the linted text, as UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** A canonical section a profile can require. */
export interface SectionDefinition {
  id: string;
  title: string;
  /** Other headings that mean the same section, compared after normalisation. */
  synonyms: string[];
  /** Markdown inserted under the heading by the "insert section" fix. */
  template: string;
}

/** A heading (or a bold line standing in for one) found in the document. */
export interface Section {
  /** Canonical section id, or undefined for a section that no profile defines. */
  id: string | undefined;
  title: string;
  depth: number;
  kind: 'heading' | 'pseudo';
  /** Span of the heading line (or the pseudo-heading paragraph or list item). */
  heading: Span;
  /** Span from the end of the heading to the start of the next heading of the same or a higher level. */
  body: Span;
  /** Top-level mdast nodes that make up the body. */
  nodes: RootContent[];
}

export type MetadataSource = 'frontmatter' | 'table' | 'lines' | 'heading';

export interface MetadataField {
  /** Canonical key: title, date, authors, status, severity, duration, or the lower-cased key as written. */
  key: string;
  /** Key as written in the document. */
  rawKey: string;
  value: string;
  source: MetadataSource;
  /** Span of the whole field (the frontmatter line, the table row or the line). */
  span: Span;
  /** Span of the value alone, for precise diagnostics. */
  valueSpan: Span;
}

export interface FrontmatterInfo {
  kind: 'yaml' | 'toml';
  /** Span of the whole block, fences included. */
  span: Span;
  /** Offset of the first character of the block's content (after the opening fence line). */
  contentStart: number;
  /** Parsed data, or undefined when it did not parse. */
  data: Record<string, unknown> | undefined;
  /** `notMap` marks a block that parses but is a list or a single value instead of fields. */
  errors: Array<{ message: string; span: Span; notMap?: boolean }>;
  duplicateKeys: Array<{ key: string; span: Span }>;
}

/** Block that contains the existing metadata fields, where new ones are added. */
export interface MetadataContainer {
  source: MetadataSource;
  span: Span;
}

export interface TimeValue {
  /** Minutes since midnight, in the entry's own timezone. */
  minutes: number;
  /** ISO date (YYYY-MM-DD) when the entry or a heading above it gives one. */
  date?: string;
  /** Offset from UTC in minutes, when a timezone is written. */
  utcOffset?: number;
  approximate?: boolean;
}

export interface TimelineEntry {
  /** Text of the entry as written (the row, the list item or the line). */
  text: string;
  span: Span;
  /** Span of the time token, when one was found. */
  timeSpan?: Span;
  /** The time token as written. */
  timeText?: string;
  time?: TimeValue;
  /** A template placeholder or a partially known time (`HH:mm`, `14:??`, `--:--`). */
  placeholder: boolean;
  /** A time-like token was found but could not be read. */
  unreadable: boolean;
  /** A date that cannot be real, such as a five-digit year or day 32. */
  implausible?: string;
  kind: 'table-row' | 'list-item' | 'line' | 'heading';
  /** Index of the table, list or sub-section the entry belongs to; order is checked within one. */
  group?: number;
  /** Position of the entry in time, when its time or date could be read. */
  order?: TimelineOrder;
}

/** The position of a timeline entry in time, resolved from its own date, headings and neighbours. */
export interface TimelineOrder {
  /**
   * Calendar day of the entry in its own timezone: days since 1970-01-01 when `dated`, otherwise
   * days counted from the first entry by the midnight crossings seen so far.
   */
  day: number;
  dated: boolean;
  /** Minutes since 1970-01-01 00:00 UTC (or since the first entry's day), undefined for a date alone. */
  utcMinute?: number;
}

export interface TimelineModel {
  entries: TimelineEntry[];
  /** Table rows or list items that a sort can reorder, when the timeline is one such block. */
  block?: { kind: 'table' | 'list'; span: Span; items: Span[] };
}

export interface ActionItem {
  text: string;
  span: Span;
  owner?: string;
  ownerSpan?: Span;
  type?: string;
  typeSpan?: Span;
  priority?: string;
  prioritySpan?: Span;
  done: boolean;
  kind: 'table-row' | 'list-item' | 'paragraph';
  /** Span of `text` in the document. */
  textSpan?: Span;
  /** Offset after the item's first paragraph, where an inline `(owner: …)` can be appended. */
  appendAt?: number;
  /** For table rows: whether the table has an owner, type and priority column. */
  table?: {
    span: Span;
    headerRow: Span;
    delimiterRow: Span;
    columns: { owner?: number; type?: number; priority?: number; action?: number };
    /** Spans of this row's cells. */
    cells: Span[];
  };
}

/** The postmortem as the rules see it. */
export interface Postmortem {
  /** The linted text, without a leading BOM. */
  text: string;
  tree: Root;
  title?: MetadataField;
  frontmatter?: FrontmatterInfo;
  metadata: Map<string, MetadataField>;
  metadataContainer?: MetadataContainer;
  sections: Section[];
  timeline: TimelineModel;
  actionItems: ActionItem[];
  /** Line starts, for offset to position conversion. */
  lineStarts: number[];
}
