import { checkItemValue } from './action-item-values';
import type { Rule } from './types';

export const actionItemPriority: Rule = {
  id: 'action-item-priority',
  description:
    'Reports an action item priority that is missing or not one of the configured priorities.',
  defaultSeverity: 'info',
  check(context) {
    checkItemValue(context, {
      noun: 'priority',
      configKey: 'priorities',
      read: (item) => ({ value: item.priority, span: item.prioritySpan }),
      column: (item) => item.table?.columns.priority,
    });
  },
};
