import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table } from 'mdast';
import type {
  Section,
  Span,
  TimelineEntry,
  TimelineModel,
  TimelineOrder,
  TimeValue,
} from '../types';
import { headerKey, headerNote, readTable, type TableLayout } from './table';
import {
  daysSinceEpoch,
  findLeadingTime,
  formatIsoDate,
  zoneOffset,
  type DateParts,
  type SlashOrder,
  type TimeToken,
} from './time';
import { trailingRunLength } from '../text-scan';

/** Table headers that name the time column. */
const TIME_HEADER =
  /^(?:(?:local |start |event )?(?:time|times|timestamp|date ?time|hour)|when|start|date (?:and )?time|heure|hora|zeit|uhrzeit|zeitpunkt|horodatage)(?: (?:utc|gmt|[a-z]{2,4}t))?$/;
const DATE_HEADER = /^(?:date|day|jour|fecha|datum)$/;

/** A timeline entry as collected, before its place in time is resolved. */
interface RawEntry {
  entry: TimelineEntry;
  token?: TimeToken;
  /** The table or top-level list the entry comes from, or -1 for headings and lines. */
  container: number;
  nested: boolean;
}

/** A date heading, date-only paragraph or date-only parent list item: sets the day of what follows. */
interface DateContext {
  date: DateParts;
}

type TimelineEvent = { kind: 'entry'; raw: RawEntry } | { kind: 'date'; context: DateContext };

interface Container {
  kind: 'table' | 'list';
  span: Span;
  items: Span[];
}

function spanOf(node: {
  position?: { start: { offset?: number }; end: { offset?: number } };
}): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** Moves a token found in a slice of the text to offsets of the whole text. */
function shift(token: TimeToken, base: number): TimeToken {
  return { ...token, start: token.start + base, end: token.end + base };
}

/** Pattern for the text after a leading time that makes a paragraph line an entry. */
const LINE_ENTRY_FOLLOW = /^(?:\s*$|\s*[-–—:|,;)]|\*+|_+|\s+(?=[\p{Lu}\p{N}"'`[(@*_]))/u;

class TimelineCollector {
  readonly events: TimelineEvent[] = [];
  readonly containers: Container[] = [];
  group = 0;
  private lastWasContainer = false;

  constructor(private readonly text: string) {}

  visit(nodes: readonly RootContent[]): void {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          this.heading(node);
          break;
        case 'table':
          this.table(node);
          break;
        case 'list':
          this.list(node);
          break;
        case 'paragraph':
          this.paragraph(node);
          break;
        default:
          // Quoted alerts, code blocks and raw HTML contain times that are not entries.
          break;
      }
    }
  }

  private addEntry(raw: RawEntry): void {
    raw.entry.group = this.group;
    this.events.push({ kind: 'entry', raw });
  }

  private heading(node: Heading): void {
    const span = spanOf(node);
    const raw = this.text.slice(span.start, span.end);
    const line = headingLine(this.text, node);
    const found = findLeadingTime(line.text);
    if (!found) {
      // A heading that is not a date or time starts a separate run of entries.
      this.group++;
      this.lastWasContainer = false;
      return;
    }
    const token = shift(found, line.start);
    const dateOnly = token.minutes === undefined && !token.placeholder && !token.unreadable;
    if (dateOnly && token.date && !token.implausible) {
      this.events.push({ kind: 'date', context: { date: token.date } });
      return;
    }
    if (this.lastWasContainer) this.group++;
    this.lastWasContainer = false;
    this.addEntry({
      entry: makeEntry(raw, span, 'heading', token),
      token,
      container: -1,
      nested: false,
    });
  }

  private paragraph(node: Paragraph): void {
    const span = spanOf(node);
    const raw = this.text.slice(span.start, span.end);
    const lines = splitLines(raw);

    // A paragraph that is a date alone, such as `2015-10-21 (all times UTC)`, dates what follows.
    const only = lines.length === 1 ? lines[0] : undefined;
    if (only) {
      const token = findLeadingTime(only.text);
      if (token?.date && token.minutes === undefined && !token.placeholder && !token.implausible) {
        const rest = only.text.slice(token.end).trim();
        if (rest === '' || /^\(.*\)$/.test(rest) || /^[:–—-]?$/.test(rest)) {
          this.events.push({ kind: 'date', context: { date: token.date } });
          return;
        }
      }
    }

    let current: { start: number; end: number; token: TimeToken } | undefined;
    const flush = (): void => {
      if (!current) return;
      if (this.lastWasContainer) this.group++;
      this.lastWasContainer = false;
      const entrySpan = { start: current.start, end: current.end };
      const entryText = this.text.slice(entrySpan.start, entrySpan.end);
      this.addEntry({
        entry: makeEntry(entryText, entrySpan, 'line', current.token),
        token: current.token,
        container: -1,
        nested: false,
      });
      current = undefined;
    };
    for (const line of lines) {
      const found = findLeadingTime(line.text);
      const follows = found ? LINE_ENTRY_FOLLOW.test(line.text.slice(found.end)) : false;
      if (found && follows) {
        flush();
        const start = span.start + line.start + found.start;
        current = {
          start,
          end: span.start + line.end,
          token: shift(found, span.start + line.start),
        };
      } else if (current) {
        current.end = span.start + line.end;
      }
    }
    flush();
  }

  private list(node: List, depth = 0, container?: number): void {
    let containerIndex = container;
    if (depth === 0) {
      this.group++;
      this.lastWasContainer = true;
      containerIndex = this.containers.length;
      this.containers.push({ kind: 'list', span: spanOf(node), items: [] });
    }
    for (const item of node.children) this.listItem(item, depth, containerIndex ?? -1);
  }

  private listItem(item: ListItem, depth: number, container: number): void {
    const span = spanOf(item);
    const raw = this.text.slice(span.start, span.end);
    const first = item.children[0];
    const nestedLists = item.children.filter((child): child is List => child.type === 'list');
    if (depth === 0) {
      const marker = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]*/.exec(raw)?.[0].length ?? 0;
      this.containers[container]?.items.push({ start: span.start + marker, end: span.end });
    }

    let token: TimeToken | undefined;
    if (first?.type === 'paragraph') {
      const firstSpan = spanOf(first);
      const line = splitLines(this.text.slice(firstSpan.start, firstSpan.end))[0];
      const found = line ? findLeadingTime(line.text) : undefined;
      if (found && line) token = shift(found, firstSpan.start + line.start);
    }

    const dateOnly = token !== undefined && token.minutes === undefined && !token.placeholder;
    if (dateOnly && token?.date && !token.implausible && nestedLists.length > 0) {
      this.events.push({ kind: 'date', context: { date: token.date } });
    } else {
      this.addEntry({
        entry: makeEntry(raw, span, 'list-item', token),
        ...(token ? { token } : {}),
        container,
        nested: depth > 0,
      });
    }
    for (const nested of nestedLists) this.list(nested, depth + 1, container);
  }

  private table(node: Table): void {
    const layout = readTable(this.text, node);
    if (!layout) return;
    const columns = timeColumns(layout);
    if (!columns) return;
    // `Time (UTC)`: the header states the timezone of rows that do not write one.
    const note = headerNote(layout.header.cells[columns.time]?.text ?? '');
    const headerOffset = note === undefined ? undefined : zoneOffset(note);
    this.group++;
    this.lastWasContainer = true;
    const containerIndex = this.containers.length;
    const container: Container = { kind: 'table', span: layout.span, items: [] };
    this.containers.push(container);

    for (const row of layout.rows) {
      if (row.cells.every((cell) => cell.text === '')) continue;
      container.items.push(row.span);
      const cell = row.cells[columns.time];
      let token: TimeToken | undefined;
      if (cell) {
        const found = findLeadingTime(cell.text, { compact: true });
        if (found) token = shift(found, cell.content.start);
        if (token && token.utcOffset === undefined && headerOffset !== undefined) {
          token.utcOffset = headerOffset;
        }
      }
      const dateCell = columns.date === undefined ? undefined : row.cells[columns.date];
      if (token && !token.date && dateCell) {
        const dateToken = findLeadingTime(dateCell.text);
        if (dateToken?.date) {
          token.date = dateToken.date;
          if (dateToken.implausible) token.implausible = dateToken.implausible;
        }
      }
      const rowText = this.text.slice(row.span.start, row.span.end);
      this.addEntry({
        entry: makeEntry(rowText, row.span, 'table-row', token),
        ...(token ? { token } : {}),
        container: containerIndex,
        nested: false,
      });
    }
  }
}

/** Finds the column that contains each row's time, and a separate date column if there is one. */
function timeColumns(layout: TableLayout): { time: number; date?: number } | undefined {
  const keys = layout.header.cells.map((cell) => headerKey(cell.text));
  const time = keys.findIndex((key) => TIME_HEADER.test(key));
  const date = keys.findIndex((key) => DATE_HEADER.test(key));
  if (time >= 0) return date >= 0 && date !== time ? { time, date } : { time };
  if (date >= 0) return { time: date };
  // Without a telling header, the first column is the time column if its rows start with times.
  // A time in a later column, as in `| Detected | 10:05 |`, is a fact table, not a timeline.
  const holdsTime = layout.rows.some((row) => {
    const token = findLeadingTime(row.cells[0]?.text ?? '', { compact: true });
    return token !== undefined && (token.minutes !== undefined || token.placeholder);
  });
  return holdsTime ? { time: 0 } : undefined;
}

/** Splits text into lines and `<br>`-separated parts, with offsets into the text. */
function splitLines(text: string): Array<{ start: number; end: number; text: string }> {
  const parts: Array<{ start: number; end: number; text: string }> = [];
  const separator = /\r\n|\n|\r|<br\s*\/?>/gi;
  let start = 0;
  const push = (end: number): void => {
    let from = start;
    while (from < end && /[ \t]/.test(text[from] ?? '')) from++;
    let to = end;
    while (to > from && /[ \t]/.test(text[to - 1] ?? '')) to--;
    if (to > from) parts.push({ start: from, end: to, text: text.slice(from, to) });
  };
  for (const match of text.matchAll(separator)) {
    push(match.index);
    start = match.index + match[0].length;
  }
  push(text.length);
  return parts;
}

function makeEntry(
  text: string,
  span: Span,
  kind: TimelineEntry['kind'],
  token: TimeToken | undefined,
): TimelineEntry {
  const entry: TimelineEntry = {
    text,
    span,
    placeholder: token?.placeholder ?? false,
    unreadable: token?.unreadable ?? false,
    kind,
  };
  if (token) {
    entry.timeSpan = { start: token.start, end: token.end };
    entry.timeText = token.text;
    if (token.implausible) entry.implausible = token.implausible;
  }
  return entry;
}

/**
 * Returns the nodes of the timeline: the section body, then any following headings of the same
 * level that are dates (`## May 12` after `## Timeline`) with their content.
 */
function timelineNodes(text: string, tree: Root, section: Section): RootContent[] {
  const nodes = [...section.nodes];
  const children = tree.children;
  let index = children.findIndex((node) => (node.position?.start.offset ?? -1) >= section.body.end);
  while (index >= 0 && index < children.length) {
    const heading = children[index];
    if (heading?.type !== 'heading' || heading.depth > section.depth) break;
    if (!startsWithDate(headingLine(text, heading).text)) break;
    nodes.push(heading);
    index++;
    while (index < children.length) {
      const node = children[index];
      if (!node || (node.type === 'heading' && node.depth <= heading.depth)) break;
      nodes.push(node);
      index++;
    }
  }
  return nodes;
}

/** Returns the text of a heading's first line without the `#` marks, and its offset. */
/** Removes an ATX heading's closing sequence (` ##`), as `/[ \t]+#+[ \t]*$/` would. */
function withoutClosingHashes(line: string): string {
  const isBlank = (char: string): boolean => char === ' ' || char === '\t';
  let end = line.length - trailingRunLength(line, isBlank);
  const hashes = trailingRunLength(line.slice(0, end), (char) => char === '#');
  if (hashes === 0) return line;
  end -= hashes;
  const blanks = trailingRunLength(line.slice(0, end), isBlank);
  return blanks === 0 ? line : line.slice(0, end - blanks);
}

function headingLine(text: string, node: Heading): { start: number; text: string } {
  const span = spanOf(node);
  const raw = text.slice(span.start, span.end);
  const prefix = /^ {0,3}#{1,6}[ \t]*/.exec(raw)?.[0].length ?? 0;
  const line = raw.slice(prefix).split(/\r?\n|\r/)[0] ?? '';
  return { start: span.start + prefix, text: withoutClosingHashes(line) };
}

function startsWithDate(text: string): boolean {
  const token = findLeadingTime(text);
  return token !== undefined && (token.date !== undefined || token.minutes !== undefined);
}

/** Finds a timezone that the timeline states for every entry, as in "All times in EEST". */
function stateDefaultZone(
  text: string,
  section: Section,
  nodes: readonly RootContent[],
): number | undefined {
  const candidates = [section.title];
  for (const node of nodes.slice(0, 3)) {
    if (node.type !== 'paragraph' && node.type !== 'heading') continue;
    const span = spanOf(node);
    candidates.push(text.slice(span.start, span.end));
  }
  for (const candidate of candidates) {
    if (!/\btimes?\b|\bUTC\b|\bGMT\b/i.test(candidate)) continue;
    const match = /\b(UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?|\b(?:[A-Z]{3,4})\b/.exec(
      candidate.replace(/^[#\s]+/, ''),
    );
    if (!match) continue;
    const offset = zoneOffset(match[0]);
    if (offset !== undefined) return offset;
  }
  return undefined;
}

interface ResolveState {
  contextDay: number | undefined;
  contextYear: number | undefined;
  /** False when the context date's year is a stand-in because the document gives none. */
  yearKnown: boolean;
  dayShift: number;
  previous: { utcMinute: number; dated: boolean } | undefined;
}

/**
 * Resolves the year of a date written without one from the surrounding dates. `known` is false
 * when neither the document nor the timeline gives a year.
 */
function resolveYear(
  date: DateParts,
  state: ResolveState,
  defaultYear: number | undefined,
): { year: number; known: boolean } {
  if (date.year !== undefined) return { year: date.year, known: true };
  const known = state.yearKnown || defaultYear !== undefined;
  const year = state.contextYear ?? defaultYear ?? UNKNOWN_YEAR;
  // `Dec 31` then `Jan 1`: a month far before the previous date is in the next year.
  if (state.contextDay !== undefined) {
    const candidate = daysSinceEpoch(year, date.month, date.day);
    if (candidate < state.contextDay - 180) return { year: year + 1, known };
  }
  return { year, known };
}

/**
 * Gives a date to slash dates such as `03/04/2024`: in the order that other slash dates of the
 * timeline show (`13/03/2024` is day-first), or else in the order that keeps the dates rising.
 */
function settleSlashDates(events: readonly TimelineEvent[]): void {
  const tokens = events.flatMap((event) =>
    event.kind === 'entry' && event.raw.token ? [event.raw.token] : [],
  );
  const ambiguous = tokens.filter((token) => token.ambiguousDate !== undefined);
  if (ambiguous.length === 0) return;
  const ordersShown = new Set(
    tokens.flatMap((token) => (token.slashOrder ? [token.slashOrder] : [])),
  );
  const dateIn = (token: TimeToken, order: SlashOrder): DateParts => {
    const parts = token.ambiguousDate ?? { first: 1, second: 1, year: UNKNOWN_YEAR };
    return order === 'day-first'
      ? { year: parts.year, month: parts.second, day: parts.first }
      : { year: parts.year, month: parts.first, day: parts.second };
  };
  const backwardSteps = (order: SlashOrder): number => {
    let steps = 0;
    let previous: number | undefined;
    for (const token of ambiguous) {
      const date = dateIn(token, order);
      const day = daysSinceEpoch(date.year ?? UNKNOWN_YEAR, date.month, date.day);
      if (previous !== undefined && day < previous) steps++;
      previous = day;
    }
    return steps;
  };
  let order: SlashOrder | undefined = ordersShown.size === 1 ? [...ordersShown][0] : undefined;
  if (ordersShown.size === 0) {
    const dayFirst = backwardSteps('day-first');
    const monthFirst = backwardSteps('month-first');
    if (dayFirst !== monthFirst) order = dayFirst < monthFirst ? 'day-first' : 'month-first';
  }
  // NOTE: when neither order is shown nor keeps the dates rising, the dates stay unread.
  if (!order) return;
  for (const token of ambiguous) token.date = dateIn(token, order);
}

/** Placeholder year for dates written without one when the document gives no year at all. */
const UNKNOWN_YEAR = 2000;

function resolveOrder(
  events: readonly TimelineEvent[],
  defaultDate: string | undefined,
  defaultOffset: number | undefined,
): void {
  const defaultYear = defaultDate ? Number(defaultDate.slice(0, 4)) : firstYear(events);
  const twelveHourClock = usesTwelveHourClock(events);
  const state: ResolveState = {
    contextDay: undefined,
    contextYear: undefined,
    yearKnown: false,
    dayShift: 0,
    previous: undefined,
  };

  const setContext = (date: DateParts): number => {
    const { year, known } = resolveYear(date, state, defaultYear);
    const day = daysSinceEpoch(year, date.month, date.day);
    state.contextDay = day;
    state.contextYear = year;
    state.yearKnown = known;
    state.dayShift = 0;
    return day;
  };

  for (const event of events) {
    if (event.kind === 'date') {
      setContext(event.context.date);
      continue;
    }
    const { entry, token } = event.raw;
    if (!token || token.placeholder || token.unreadable) continue;
    // A slash date left unread (`03/04/2024` when neither order fits the timeline) still names
    // a day, so the time alone would place the entry on the wrong one.
    if (token.ambiguousDate && !token.date) continue;
    const explicitDate = token.date && !token.implausible ? token.date : undefined;
    if (!explicitDate && token.minutes === undefined) continue;

    let day: number;
    let dated: boolean;
    if (explicitDate) {
      day = setContext(explicitDate);
      dated = true;
    } else if (state.contextDay !== undefined) {
      day = state.contextDay + state.dayShift;
      dated = true;
    } else {
      day = state.dayShift;
      dated = false;
    }

    const time: TimeValue = { minutes: token.minutes ?? 0 };
    if (token.utcOffset !== undefined) time.utcOffset = token.utcOffset;
    if (token.approximate) time.approximate = true;

    if (token.minutes === undefined) {
      entry.order = { day, dated };
      continue;
    }

    const offset = token.utcOffset ?? defaultOffset ?? 0;
    let utcMinute = day * 1440 + token.minutes - offset;
    const previous = state.previous;
    if (!explicitDate && previous && previous.dated === dated) {
      const previousLocal = (((previous.utcMinute + offset) % 1440) + 1440) % 1440;
      if (
        utcMinute < previous.utcMinute &&
        token.ambiguousHour &&
        twelveHourClock &&
        previousLocal >= 11 * 60 &&
        utcMinute + 720 >= previous.utcMinute
      ) {
        // `11:50 AM`, `12:10`, `1:05`: past noon, an hour without AM/PM on a 12-hour clock
        // reads as PM. Before 11:00 a step back is a step back (`10:15`, `9:55`).
        utcMinute += 720;
      } else if (utcMinute < previous.utcMinute - 720) {
        // Stepping back more than 12 hours means the clock passed midnight.
        const days = Math.ceil((previous.utcMinute - 720 - utcMinute) / 1440);
        state.dayShift += days;
        day += days;
        utcMinute += days * 1440;
      }
    }
    state.previous = { utcMinute, dated };
    entry.order = { day, dated, utcMinute };
    if (dated && state.yearKnown) {
      const date = new Date(day * 86_400_000);
      time.date = formatIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    }
    entry.time = time;
  }
}

/**
 * Tells whether the timeline reads as a 12-hour clock: it writes AM or PM somewhere, or it never
 * writes an hour from 13 to 23 nor an hour with a leading zero (`09:30`).
 */
function usesTwelveHourClock(events: readonly TimelineEvent[]): boolean {
  const tokens = events.flatMap((event) =>
    event.kind === 'entry' && event.raw.token?.minutes !== undefined ? [event.raw.token] : [],
  );
  if (tokens.some((token) => token.twelveHour)) return true;
  const twentyFourHour = tokens.some(
    (token) =>
      (token.minutes ?? 0) >= 13 * 60 || (!token.ambiguousHour && (token.minutes ?? 0) < 10 * 60),
  );
  return !twentyFourHour;
}

function firstYear(events: readonly TimelineEvent[]): number | undefined {
  for (const event of events) {
    const date = event.kind === 'date' ? event.context.date : event.raw.token?.date;
    if (date?.year !== undefined && !(event.kind === 'entry' && event.raw.token?.implausible)) {
      return date.year;
    }
  }
  return undefined;
}

/** Extracts the timeline entries of the Timeline section. */
export function extractTimeline(
  text: string,
  tree: Root,
  section: Section | undefined,
  defaultDate: string | undefined,
): TimelineModel {
  if (!section) return { entries: [] };
  const nodes = timelineNodes(text, tree, section);
  const collector = new TimelineCollector(text);
  collector.visit(nodes);
  settleSlashDates(collector.events);
  resolveOrder(collector.events, defaultDate, stateDefaultZone(text, section, nodes));

  const raws = collector.events.flatMap((event) => (event.kind === 'entry' ? [event.raw] : []));
  const model: TimelineModel = { entries: raws.map((raw) => raw.entry) };
  const block = sortableBlock(raws, collector.containers);
  if (block) model.block = block;
  return model;
}

/** Returns the table or list a sort fix may reorder: the only one, holding every timed entry. */
function sortableBlock(
  raws: readonly RawEntry[],
  containers: readonly Container[],
): TimelineModel['block'] {
  const timed = raws.filter((raw) => raw.entry.order !== undefined);
  if (timed.length < 2) return undefined;
  const container = timed[0]?.container ?? -1;
  if (container < 0) return undefined;
  if (timed.some((raw) => raw.container !== container || raw.nested)) return undefined;
  const target = containers[container];
  if (!target || target.items.length < 2) return undefined;
  return { kind: target.kind, span: target.span, items: target.items };
}

/**
 * Compares where two entries fall in time: negative when `a` comes first, zero when they are
 * at the same moment or cannot be compared. A date alone is compared by day only. An entry
 * without a date is compared with a dated one by time of day, a step back of more than 12 hours
 * counting as the next day.
 */
export function compareTimelineOrder(a: TimelineOrder, b: TimelineOrder): number {
  if (a.utcMinute === undefined || b.utcMinute === undefined) {
    return a.dated && b.dated ? a.day - b.day : 0;
  }
  if (a.dated === b.dated) return a.utcMinute - b.utcMinute;
  const minuteOfDay = (value: number): number => ((value % 1440) + 1440) % 1440;
  let difference = minuteOfDay(a.utcMinute) - minuteOfDay(b.utcMinute);
  if (difference > 720) difference -= 1440;
  if (difference < -720) difference += 1440;
  return difference;
}
