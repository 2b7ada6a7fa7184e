import type { ResolvedConfig } from './config/types';
import type { Fix, Postmortem } from './types';

export { insertMissingSectionsFix, insertSectionFix } from './section-fixes';
export { addMetadataFix } from './metadata-fixes';

/** Builds the fix that sorts the timeline table rows or list items by time, keeping each row's text. */
export function sortTimelineFix(_pm: Postmortem): Fix | undefined {
  return undefined;
}
