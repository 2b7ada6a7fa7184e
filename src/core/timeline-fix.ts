import type { ResolvedConfig } from './config/types';
import type { Memo } from './incremental/memo';
import { buildPostmortem } from './model/build';
import { compareTimelineOrder } from './model/timeline';
import type { Fix, Postmortem, Span, TimelineEntry, TimelineOrder } from './types';

/** Minutes an approximate time (`~16:46`) may be off before the order counts as broken. */
const APPROXIMATE_TOLERANCE = 5;

/** An entry whose time is earlier than the entry before it in the same run. */
export interface OrderProblem {
  entry: TimelineEntry;
  previous: TimelineEntry;
}

/** Tells whether a run of entries is written newest first: most steps go back in time. */
function isNewestFirst(entries: readonly TimelineEntry[]): boolean {
  let backward = 0;
  let forward = 0;
  for (let index = 1; index < entries.length; index++) {
    const current = entries[index]?.order;
    const previous = entries[index - 1]?.order;
    if (!current || !previous) continue;
    const difference = compareTimelineOrder(current, previous);
    if (difference < 0) backward++;
    else if (difference > 0) forward++;
  }
  return backward >= 2 && backward > forward;
}

/**
 * Finds the timeline entries that come earlier than the entry before them. Each table, list or
 * sub-section is a separate run of entries, checked on its own. Placeholders and unreadable
 * times neither break nor reset the order.
 */
export function findOrderProblems(pm: Postmortem): OrderProblem[] {
  const groups = new Map<number, TimelineEntry[]>();
  for (const entry of pm.timeline.entries) {
    if (!entry.order || entry.placeholder || entry.unreadable || !entry.timeSpan) continue;
    const group = groups.get(entry.group ?? 0) ?? [];
    group.push(entry);
    groups.set(entry.group ?? 0, group);
  }

  const problems: OrderProblem[] = [];
  for (const entries of groups.values()) {
    // NOTE: a run written newest first, as status updates often are, is left unchecked.
    if (isNewestFirst(entries)) continue;
    entries.forEach((entry, index) => {
      const previous = entries[index - 1];
      if (!previous?.order || !entry.order || !entry.timeSpan) return;
      const difference = compareTimelineOrder(entry.order, previous.order);
      if (difference >= 0) return;
      const approximate = entry.time?.approximate === true || previous.time?.approximate === true;
      const timed = entry.order.utcMinute !== undefined && previous.order.utcMinute !== undefined;
      if (approximate && timed && difference >= -APPROXIMATE_TOLERANCE) return;
      problems.push({ entry, previous });
    });
  }
  return problems;
}

/** Rows that move together: a row with a readable time and the rows without one after it. */
interface Chunk {
  items: Span[];
  order: TimelineOrder | undefined;
}

/**
 * Builds the fix that sorts the timeline table rows or list items by time, keeping each row's
 * text byte for byte. Rows without a readable time move with the row before them, and rows
 * before the first readable time stay first. Returns undefined when the timeline is not one
 * sortable block or is already in order, and when sorting would change what a row means.
 *
 * How a time reads depends on the rows before it. A date carries over to the rows after it, a
 * step back of over 12 hours passes midnight, and an hour without AM/PM after 11:00 reads as PM.
 * Slash dates such as `03/04` are read in the order that keeps them rising. So the sorted
 * document is read again, and the fix is offered only when its timeline is in order and every
 * row reads as the same moment as before. `memo` keeps that reading from one lint to the next.
 */
export function sortTimelineFix(
  pm: Postmortem,
  config: ResolvedConfig,
  memo?: Memo,
): Fix | undefined {
  const edit = sortBlock(pm);
  if (!edit) return undefined;
  const text = pm.text.slice(0, edit.start) + edit.newText + pm.text.slice(edit.end);
  const read = (key: string): { ordered: boolean; readings: string } => {
    const sorted = buildPostmortem(key, config);
    return { ordered: findOrderProblems(sorted).length === 0, readings: entryReadings(sorted) };
  };
  const result = memo
    ? memo.get(`timeline-sort ${JSON.stringify(config)}`, text, read)
    : read(text);
  if (!result.ordered || result.readings !== entryReadings(pm)) return undefined;
  return { title: 'Sort the timeline by time', edits: [edit], safe: false };
}

/**
 * Lists each timed entry's text with the moment it reads as, in a fixed order, so that two
 * versions of a timeline with the same rows in another order give the same string.
 */
function entryReadings(pm: Postmortem): string {
  // An ordered list item's number stays in its slot while the item's text moves.
  const content = (text: string): string => text.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '');
  const readings = pm.timeline.entries
    .filter((entry) => entry.order !== undefined)
    .map((entry) => JSON.stringify([content(entry.text), entry.order]))
    .sort();
  return readings.join('\n');
}

/** Builds the edit that sorts the block by the times as they read in `pm`. */
function sortBlock(pm: Postmortem): { start: number; end: number; newText: string } | undefined {
  const block = pm.timeline.block;
  if (!block || block.items.length < 2) return undefined;

  const chunks: Chunk[] = [];
  // Items and entries are both in document order, so one forward walk pairs them; a search
  // per item took quadratic time on a timeline of many thousand rows.
  const entries = [...pm.timeline.entries].sort((a, b) => a.span.start - b.span.start);
  let next = 0;
  for (const item of block.items) {
    while (next < entries.length && (entries[next]?.span.end ?? 0) < item.end) next++;
    const candidate = entries[next];
    const entry =
      candidate && candidate.span.start <= item.start && item.end <= candidate.span.end
        ? candidate
        : undefined;
    const order = entry && !entry.placeholder && !entry.unreadable ? entry.order : undefined;
    const last = chunks[chunks.length - 1];
    if (order || !last) chunks.push({ items: [item], order });
    else last.items.push(item);
  }

  const leading = chunks[0]?.order ? [] : chunks.splice(0, 1);
  const orders = chunks.flatMap((chunk) => (chunk.order ? [chunk.order] : []));
  // Entries with and without a date cannot be placed on one scale.
  if (orders.some((order) => order.dated) && orders.some((order) => !order.dated)) return undefined;

  const sorted = chunks
    .map((chunk, index) => ({ chunk, index }))
    .sort((a, b) => {
      const byTime =
        a.chunk.order && b.chunk.order ? compareTimelineOrder(a.chunk.order, b.chunk.order) : 0;
      return byTime || a.index - b.index;
    });
  if (sorted.every((entry, index) => entry.index === index)) return undefined;

  // Each slot keeps its separator (line break, list marker) and takes the text of the row sorted into it.
  const newItems = [...leading, ...sorted.map((entry) => entry.chunk)].flatMap(
    (chunk) => chunk.items,
  );
  const first = block.items[0];
  const last = block.items[block.items.length - 1];
  if (!first || !last) return undefined;
  let newText = '';
  block.items.forEach((slot, index) => {
    const moved = newItems[index] ?? slot;
    newText += pm.text.slice(moved.start, moved.end);
    const next = block.items[index + 1];
    if (next) newText += pm.text.slice(slot.end, next.start);
  });

  return { start: first.start, end: last.end, newText };
}
