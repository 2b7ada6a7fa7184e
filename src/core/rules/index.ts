import type { Rule } from './types';

/** Every rule, in the order their diagnostics are reported for one position. */
export const RULES: readonly Rule[] = [];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);
