import type { MetadataField } from '../types';
import type { Report, Rule } from './types';

/** Compares allowed values loosely: case, spaces, hyphens and underscores do not count. */
export function looseKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '');
}

function isAllowed(value: string, allowed: readonly string[]): boolean {
  const key = looseKey(value);
  return allowed.some((candidate) => looseKey(candidate) === key);
}

/** Words writers use for the default statuses; a value that starts with one is accepted. */
const STATUS_WORDS: Record<string, string> = {
  complete: 'Final',
  completed: 'Final',
  published: 'Final',
  approved: 'Final',
  final: 'Final',
  done: 'Final',
  draft: 'Draft',
  wip: 'Draft',
  review: 'In Review',
  inreview: 'In Review',
  underreview: 'In Review',
  reviewed: 'In Review',
};

function isAllowedStatus(value: string, allowed: readonly string[]): boolean {
  if (isAllowed(value, allowed)) return true;
  const firstWords = looseKey(value.split(/[,;(\u2013\u2014]| - /)[0] ?? '');
  const meaning = STATUS_WORDS[firstWords];
  return meaning !== undefined && isAllowed(meaning, allowed);
}

/** Values that are template leftovers; the placeholder rule reports those. */
function isPlaceholder(value: string): boolean {
  return /^(?:tbd|tbc|todo|n\/a|\?+|-+|<[^>]*>|\[[^\]]*\]|yyyy-mm-dd.*|x+)$/i.test(value.trim());
}

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Returns why a date value is not a date, or undefined when it reads as one. */
export function dateProblem(value: string): string | undefined {
  const text = value.trim();
  const iso = /^(\d{4,})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s,])/.exec(text);
  if (iso?.[1] && iso[2] && iso[3]) {
    const year = Number(iso[1]);
    const month = Number(iso[2]);
    const day = Number(iso[3]);
    if (iso[1].length !== 4) return `year \`${iso[1]}\` has ${iso[1].length} digits`;
    if (month < 1 || month > 12) return `month \`${iso[2]}\` does not exist`;
    if (day < 1 || day > daysInMonth(year, month))
      return `day \`${iso[3]}\` does not exist in that month`;
    return undefined;
  }
  const named =
    new RegExp(`\\b(?:${MONTHS})[a-z]*\\.?\\b`, 'i').test(text) && /\b\d{4}\b/.test(text);
  if (named) return undefined;
  const dayFirst = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$/.exec(text);
  if (dayFirst) return undefined;
  return 'expected a date such as `2024-05-14`';
}

function timestamp(value: string): number | undefined {
  const match =
    /^(\d{4}-\d{2}-\d{2})[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i.exec(
      value.trim(),
    );
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  let zone = match[5] ?? 'Z';
  if (/^utc$/i.test(zone)) zone = 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const parsed = Date.parse(
    `${match[1]}T${match[2].padStart(2, '0')}:${match[3]}:${match[4] ?? '00'}${zone}`,
  );
  return Number.isNaN(parsed) ? undefined : parsed;
}

function valueReport(field: MetadataField, message: string): Report {
  return {
    message,
    span: field.valueSpan.end > field.valueSpan.start ? field.valueSpan : field.span,
    data: { key: field.key },
  };
}

function list(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}

export const invalidMetadata: Rule = {
  id: 'invalid-metadata',
  description:
    'Reports a severity or status outside the allowed values, a date that is not a date and an end before the start.',
  defaultSeverity: 'warning',
  check({ pm, config, report }) {
    // Values read from frontmatter that did not parse are guesses: frontmatter-syntax reports it.
    const brokenFrontmatter = (pm.frontmatter?.errors.length ?? 0) > 0;
    const field = (key: string): MetadataField | undefined => {
      const found = pm.metadata.get(key);
      return found && !(brokenFrontmatter && found.source === 'frontmatter') ? found : undefined;
    };
    const severity = field('severity');
    if (
      severity?.value &&
      !isPlaceholder(severity.value) &&
      !isAllowed(severity.value, config.severities)
    ) {
      report(
        valueReport(
          severity,
          `Severity \`${severity.value}\` is not an allowed value. Use one of ${list(config.severities)}.`,
        ),
      );
    }
    const status = field('status');
    if (
      status?.value &&
      !isPlaceholder(status.value) &&
      !isAllowedStatus(status.value, config.statuses)
    ) {
      report(
        valueReport(
          status,
          `Status \`${status.value}\` is not an allowed value. Use one of ${list(config.statuses)}.`,
        ),
      );
    }
    const date = field('date');
    if (date?.value && !isPlaceholder(date.value)) {
      const problem = dateProblem(date.value);
      if (problem) report(valueReport(date, `Date \`${date.value}\` is not a date: ${problem}.`));
    }
    const start = field('start');
    const end = field('end');
    const startTime = start && timestamp(start.value);
    const endTime = end && timestamp(end.value);
    if (end && startTime !== undefined && endTime !== undefined && endTime < startTime) {
      report(
        valueReport(
          end,
          `End \`${end.value}\` is before start \`${start?.value ?? ''}\`. Correct one of the two times.`,
        ),
      );
    }
  },
};
