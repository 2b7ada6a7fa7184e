import type { ActionItem } from '../types';
import { excerpt, itemLineSpan } from './action-item-owner';
import type { RuleContext } from './types';

/** One of the values an action item states against a configured list: its type or priority. */
export interface ItemValue {
  /** Singular noun for messages: `type`, `priority`. */
  noun: string;
  /** Config key that lists the allowed values. */
  configKey: 'actionTypes' | 'priorities';
  read(item: ActionItem): { value?: string; span?: { start: number; end: number } };
  column(item: ActionItem): number | undefined;
}

function normalise(value: string): string {
  return value.replace(/[*_`]/g, '').trim().toLowerCase();
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}

/**
 * Reports stated values missing from the configured list, and missing values where the document
 * sets the expectation: a table with a column for them, or other items that state theirs.
 */
export function checkItemValue(context: RuleContext, spec: ItemValue): void {
  const { pm, config } = context;
  const allowed = config[spec.configKey];
  const allowedSet = new Set(allowed.map(normalise));
  const stated = pm.actionItems.some((item) => spec.read(item).value !== undefined);

  for (const item of pm.actionItems) {
    const { value, span } = spec.read(item);
    if (value !== undefined) {
      if (allowedSet.size === 0 || allowedSet.has(normalise(value))) continue;
      context.report({
        message:
          `Action item ${spec.noun} \`${value}\` is not one of ${quoteList(allowed)}. ` +
          `Use one of them or add it to \`${spec.configKey}\` in the configuration.`,
        span: span ?? itemLineSpan(item),
        data: { value, problem: 'unknown' },
      });
      continue;
    }
    if (item.done) continue;
    const hasColumn = spec.column(item) !== undefined;
    if (!hasColumn && !stated) continue;
    const choices = allowed.length > 0 ? ` Use one of ${quoteList(allowed)}.` : '';
    const cellIndex = spec.column(item);
    const cell = cellIndex === undefined ? undefined : item.table?.cells[cellIndex];
    context.report({
      message: `Action item \`${excerpt(item.text)}\` has no ${spec.noun}.${choices}`,
      span: cell ?? itemLineSpan(item),
      data: { problem: 'missing' },
    });
  }
}
