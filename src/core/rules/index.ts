import { placeholder } from './placeholder';
import { summaryLength } from './summary-length';
import { frontmatterSyntax } from './frontmatter-syntax';
import { invalidMetadata } from './invalid-metadata';
import { missingMetadata } from './missing-metadata';
import { missingSection } from './missing-section';
import { pseudoHeading } from './pseudo-heading';
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
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);
