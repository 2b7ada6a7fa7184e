import { compareTimelineOrder } from './model/timeline';
import type { Fix, Postmortem, Span, TimelineOrder } from './types';

/** Rows that move together: a row with a readable time and the rows without one after it. */
interface Chunk {
  items: Span[];
  order: TimelineOrder | undefined;
}

/**
 * Builds the fix that sorts the timeline table rows or list items by time, keeping each row's
 * text byte for byte. Rows without a readable time move with the row before them, and rows
 * before the first readable time stay first. Returns undefined when the timeline is not one
 * sortable block or is already in order.
 */
export function sortTimelineFix(pm: Postmortem): Fix | undefined {
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

  return {
    title: 'Sort the timeline by time',
    edits: [{ start: first.start, end: last.end, newText }],
    safe: false,
  };
}
