export { insertMissingSectionsFix, insertSectionFix } from './section-fixes';
export { addMetadataFix } from './metadata-fixes';

export { sortTimelineFix } from './timeline-fix';
