import { sortTimelineFix } from '../timeline-fix';
import { compareTimelineOrder } from '../model/timeline';
import type { TimelineEntry } from '../types';
import type { Rule, RuleContext } from './types';

/** Minutes an approximate time (`~16:46`) may be off before the order counts as broken. */
const APPROXIMATE_TOLERANCE = 5;

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

function check(context: RuleContext): void {
  const { pm } = context;
  const fix = sortTimelineFix(pm);

  // Each table, list or sub-section is a separate run of entries, checked on its own.
  // Placeholders and unreadable times neither break nor reset the order.
  const groups = new Map<number, TimelineEntry[]>();
  for (const entry of pm.timeline.entries) {
    if (!entry.order || entry.placeholder || entry.unreadable || !entry.timeSpan) continue;
    const group = groups.get(entry.group ?? 0) ?? [];
    group.push(entry);
    groups.set(entry.group ?? 0, group);
  }

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

      const time = entry.timeText ?? '';
      const previousTime = previous.timeText ?? '';
      context.report({
        message:
          `Timeline entry at \`${time}\` is earlier than the entry before it (\`${previousTime}\`). ` +
          'Move it or correct the time.',
        span: entry.timeSpan,
        fixes: fix ? [fix] : [],
        data: { time, previous: previousTime },
      });
    });
  }
}

export const timelineOrder: Rule = {
  id: 'timeline-order',
  description: 'Reports a timeline entry whose time is earlier than the entry before it.',
  defaultSeverity: 'warning',
  check,
};
