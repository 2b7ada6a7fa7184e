import type { Rule, RuleContext } from './types';

function check(context: RuleContext): void {
  for (const entry of context.pm.timeline.entries) {
    if (!entry.timeSpan) continue;
    const written = entry.timeText ?? '';
    if (entry.unreadable) {
      context.report({
        message:
          `Timeline time \`${written}\` is not a valid time of day. ` +
          'Write it as `HH:MM` on the 24-hour clock or with AM or PM.',
        span: entry.timeSpan,
        data: { time: written, problem: 'unreadable' },
      });
    } else if (entry.implausible) {
      context.report({
        message: `Timeline date \`${written}\` cannot be real: ${entry.implausible}. Correct the date.`,
        span: entry.timeSpan,
        data: { time: written, problem: 'implausible' },
      });
    }
  }
}

export const timelineTime: Rule = {
  id: 'timeline-time',
  description: 'Reports a timeline time that cannot be read or a date that cannot exist.',
  defaultSeverity: 'warning',
  check,
};
