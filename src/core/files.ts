/**
 * Paths (relative, with `/` separators) that mark a Markdown file as a postmortem whatever its
 * content. The `postmortem.files` setting defaults to these.
 */
export const DEFAULT_FILE_PATTERNS: readonly string[] = [
  '**/{postmortem,postmortems,post-mortem,post-mortems,incident,incidents,incident-reports}/**/*.md',
  '**/*{postmortem,post-mortem}*.md',
];
