import type { ActionItem, Section } from '../types';

/** Extracts the action items of the Action Items section. */
export function extractActionItems(_text: string, _section: Section | undefined): ActionItem[] {
  return [];
}
