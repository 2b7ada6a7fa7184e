import type { Root } from 'mdast';
import type { Section, TimelineModel } from '../types';

/** Extracts the timeline entries of the Timeline section. */
export function extractTimeline(
  _text: string,
  _tree: Root,
  _section: Section | undefined,
  _defaultDate: string | undefined,
): TimelineModel {
  return { entries: [] };
}
