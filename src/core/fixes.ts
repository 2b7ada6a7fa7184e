import type { ResolvedConfig } from './config/types';
import type { Fix, Postmortem } from './types';

/** Builds the fix that inserts one canonical section, with its template, at its canonical place. */
export function insertSectionFix(
  _pm: Postmortem,
  _config: ResolvedConfig,
  _sectionId: string,
): Fix | undefined {
  return undefined;
}

/** Builds one fix that inserts every required section the document lacks. */
export function insertMissingSectionsFix(_pm: Postmortem, _config: ResolvedConfig): Fix | undefined {
  return undefined;
}

/** Builds the fix that sorts the timeline table rows or list items by time, keeping each row's text. */
export function sortTimelineFix(_pm: Postmortem): Fix | undefined {
  return undefined;
}
