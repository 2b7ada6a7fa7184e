import { checkItemValue } from './action-item-values';
import type { Rule } from './types';

export const actionItemType: Rule = {
  id: 'action-item-type',
  description: 'Reports an action item type that is missing or not one of the configured types.',
  defaultSeverity: 'info',
  check(context) {
    checkItemValue(context, {
      noun: 'type',
      configKey: 'actionTypes',
      read: (item) => ({ value: item.type, span: item.typeSpan }),
      column: (item) => item.table?.columns.type,
    });
  },
};
