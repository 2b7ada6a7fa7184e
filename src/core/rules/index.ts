import { blameLanguage } from './blame-language';
import { emptySection } from './empty-section';
import { placeholder } from './placeholder';
import { summaryLength } from './summary-length';
import { vagueRootCause } from './vague-root-cause';
import { frontmatterSyntax } from './frontmatter-syntax';
import { invalidMetadata } from './invalid-metadata';
import { missingMetadata } from './missing-metadata';
import { missingSection } from './missing-section';
import { pseudoHeading } from './pseudo-heading';
import { actionItemOwner } from './action-item-owner';
import { actionItemPriority } from './action-item-priority';
import { actionItemType } from './action-item-type';
import { timelineOrder } from './timeline-order';
import { timelineTime } from './timeline-time';
import type { Rule } from './types';

/** Every rule, in the order their diagnostics are reported for one position. */
export const RULES: readonly Rule[] = [
  missingSection,
  missingMetadata,
  invalidMetadata,
  frontmatterSyntax,
  pseudoHeading,
  placeholder,
  summaryLength,
  vagueRootCause,
  blameLanguage,
  emptySection,
  timelineOrder,
  timelineTime,
  actionItemOwner,
  actionItemType,
  actionItemPriority,
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);
