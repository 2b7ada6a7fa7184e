import { findOrderProblems, sortTimelineFix } from '../timeline-fix';
import type { Rule, RuleContext } from './types';

function check(context: RuleContext): void {
  const { pm } = context;
  const problems = findOrderProblems(pm);
  if (problems.length === 0) return;
  const fix = sortTimelineFix(pm, context.config, context.memo);
  for (const { entry, previous } of problems) {
    if (!entry.timeSpan) continue;
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
  }
}

export const timelineOrder: Rule = {
  id: 'timeline-order',
  description: 'Reports a timeline entry whose time is earlier than the entry before it.',
  defaultSeverity: 'warning',
  check,
};
