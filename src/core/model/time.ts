/**
 * Reading of the time and date tokens that start timeline entries: 24-hour and 12-hour clock
 * times, ISO and written-out dates, timezone names and offsets, ranges, approximate times,
 * template placeholders and dates that cannot exist.
 */

/** A calendar date as written; the year is missing for forms such as `May 12`. */
export interface DateParts {
  year?: number;
  month: number;
  day: number;
}

/** A time or date token found in a piece of text. */
export interface TimeToken {
  /** Offsets of the token in the scanned text. */
  start: number;
  end: number;
  text: string;
  date?: DateParts;
  /** Minutes since midnight; undefined when the token is a date alone. */
  minutes?: number;
  /** Offset from UTC in minutes, when a timezone with a known offset is written. */
  utcOffset?: number;
  /** The timezone as written, such as `UTC`, `PDT` or `GMT+1`. */
  zone?: string;
  approximate: boolean;
  /** A template placeholder or a partly known time (`HH:mm`, `14:??`, `--:--`). */
  placeholder: boolean;
  /** Looks like a time but has no valid reading (`25:10`, `13:00 AM`). */
  unreadable: boolean;
  /** Reason the written date cannot be real, such as a five-digit year or day 32. */
  implausible?: string;
  /** True when the hour has no AM/PM and no leading zero (`1:10`), so it may be a 12-hour time. */
  ambiguousHour: boolean;
  /** True when the time is written with AM/PM, `noon` or `midnight`. */
  twelveHour: boolean;
  /** For a slash date with one part above 12, the order of day and month it shows. */
  slashOrder?: SlashOrder;
  /** A slash date, such as `03/04/2024`, in which either part could be the day. */
  ambiguousDate?: AmbiguousDate;
}

export interface TimeScanOptions {
  /** Accepts `0730` as a time, which is only safe in a table's time column. */
  compact?: boolean;
}

/** Offsets from UTC, in minutes, of the timezone abbreviations that postmortems use. */
const ZONE_OFFSETS: Record<string, number | undefined> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  BST: 60,
  IST: 330,
  WAT: 60,
  CAT: 120,
  EAT: 180,
  SAST: 120,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  BRT: -180,
  ART: -180,
  JST: 540,
  KST: 540,
  SGT: 480,
  HKT: 480,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  AWST: 480,
  NZST: 720,
  NZDT: 780,
  // Generic names that do not say whether daylight saving applies: read, but without an offset.
  PT: undefined,
  MT: undefined,
  CT: undefined,
  ET: undefined,
};

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?(?![a-z])';

const WEEKDAY =
  /(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+/iy;

const APPROXIMATE_PREFIX =
  /(?:~|≈|approx\.?|approximately|circa|ca\.|around|about|roughly)\s*(?=[\d(]|noon|midnight)/iy;

const APPROXIMATE_SUFFIX = /\s*(?:\(\s*)?(?:approx\.?|approximately|estimated?)\s*\)?(?![a-z])/iy;

const ISO_DATE_PLACEHOLDER = /(?:YYYY|yyyy)-(?:MM|mm)-(?:DD|dd)(?![a-z\d])/y;
const ISO_DATE = /(\d{4,5})-(\d{1,2})-(\d{1,2})(?!\d)/y;
const SLASH_ISO_DATE = /(\d{4})\/(\d{1,2})\/(\d{1,2})(?!\d)/y;
/** `13/03/2024` or `03/13/2024`: day and month order cannot be decided in general. */
const SLASH_DATE = /(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?!\d)/y;
const MONTH_DAY = new RegExp(
  `${MONTH}[\\s-]+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:(?:,\\s*|\\s+|-)(\\d{4})(?![\\d:]))?`,
  'iy',
);
const DAY_MONTH = new RegExp(
  `(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4})(?![\\d:]))?`,
  'iy',
);

/** Separator allowed between a date and its time. */
const DATE_TIME_SEPARATOR = /(?:T|\s*,\s*(?:at\s+)?|\s+at\s+|\s*\/\s*|\s+-\s+|\s+)/iy;

const PLACEHOLDER_TIME =
  /(?:\d{1,2}|[Hh]{1,2}|[Xx]{2}|\?\?|--|__):(?:\d{2}|[Mm]{2}|[Xx]{2}|\?\?|--|__|\d[?Xx])(?::(?:\d{2}|[Ss]{2}|[Xx]{2}|\?\?|--))?(?![\p{L}\p{N}?])/uy;
const NAMED_TIME = /(noon|midnight)(?![a-z])/iy;
const COLON_TIME = /(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?!\d)/y;
const DOT_TIME = /(\d{1,2})\.(\d{2})(?![\d.,]?\d)(?![\p{L}%])/uy;
const H_TIME = /(\d{1,2})h(\d{2})(?!\d)/iy;
const HOUR_ONLY = /(\d{1,2})(?=\s?[ap]\.?\s?m\b|\s?[ap]\.?m\.)/iy;
const COMPACT_TIME = /(\d{2})(\d{2})(?![\d:])/y;
const MERIDIEM = /\s*([ap])\.?\s?m\.?(?![a-z])/iy;

const RANGE_SEPARATOR = /\s*(?:-|–|—|to|until|till)\s*/iy;

const ZONE_NAMED =
  /\s*(?:(\()\s*)?(UTC|GMT)(?:\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?)?(?![a-z\d])\s*(\))?/iy;
const ZONE_OFFSET = /\s?(\()?([+\-−])(\d{2}):?(\d{2})(?!\d)(\))?/y;
const ZONE_ABBREVIATION = /\s*(?:(\()\s*)?([A-Z]{2,4})(?![A-Za-z\d])\s*(\))?/y;

function run(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

function daysInMonth(month: number, year: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Returns why a date cannot be real, or undefined when it can. */
export function checkDate(parts: DateParts, yearText?: string): string | undefined {
  if (yearText !== undefined && yearText.length > 4) {
    return `the year \`${yearText}\` has ${yearText.length} digits`;
  }
  if (parts.year !== undefined && (parts.year < 1970 || parts.year > 2099)) {
    return `the year \`${parts.year}\` is outside 1970–2099`;
  }
  if (parts.month < 1 || parts.month > 12) return `there is no month ${parts.month}`;
  // A date without a year is checked against a leap year, so `Feb 29` passes.
  const limit = daysInMonth(parts.month, parts.year ?? 2000);
  if (parts.day < 1 || parts.day > limit) {
    const monthName = MONTH_NAMES[parts.month - 1] ?? '';
    const year = parts.month === 2 && parts.year !== undefined ? ` ${parts.year}` : '';
    return parts.day < 1 || parts.day > 31
      ? `there is no day ${parts.day} in any month`
      : `${monthName}${year} has no day ${parts.day}`;
  }
  return undefined;
}

/** Formats a date with a year as `YYYY-MM-DD`. */
export function formatIsoDate(year: number, month: number, day: number): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** Returns the number of days from 1970-01-01 to a date. */
export function daysSinceEpoch(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;
}

interface DateMatch {
  end: number;
  date?: DateParts;
  placeholder: boolean;
  implausible?: string;
  slash?: SlashOrder;
  ambiguous?: AmbiguousDate;
}

/** Order of day and month in a `dd/mm/yyyy` or `mm/dd/yyyy` date. */
export type SlashOrder = 'day-first' | 'month-first';

/** A slash date such as `03/04/2024` whose day and month could be either part. */
export interface AmbiguousDate {
  first: number;
  second: number;
  year: number;
}

function readDate(text: string, index: number): DateMatch | undefined {
  let match = run(ISO_DATE_PLACEHOLDER, text, index);
  if (match) return { end: index + match[0].length, placeholder: true };

  match = run(ISO_DATE, text, index) ?? run(SLASH_ISO_DATE, text, index);
  if (match) {
    const yearText = match[1] ?? '';
    const date = { year: Number(yearText), month: Number(match[2]), day: Number(match[3]) };
    return withCheck(index + match[0].length, date, yearText);
  }

  match = run(MONTH_DAY, text, index);
  if (match) {
    const date: DateParts = { month: monthNumber(match[1] ?? ''), day: Number(match[2]) };
    if (match[3]) date.year = Number(match[3]);
    return withCheck(index + match[0].length, date, match[3]);
  }

  match = run(DAY_MONTH, text, index);
  if (match) {
    const date: DateParts = { month: monthNumber(match[2] ?? ''), day: Number(match[1]) };
    if (match[3]) date.year = Number(match[3]);
    return withCheck(index + match[0].length, date, match[3]);
  }

  match = run(SLASH_DATE, text, index);
  if (match) {
    // Day-first and month-first writers both exist: the order is read here only when one part
    // is above 12, and the timeline settles `03/04/2024` from the other dates of the document.
    const first = Number(match[1]);
    const second = Number(match[2]);
    const year = (match[3] ?? '').length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    const end = index + match[0].length;
    if (first > 12 && second <= 12) {
      return { ...withCheck(end, { year, month: second, day: first }), slash: 'day-first' };
    }
    if (second > 12 && first <= 12) {
      return { ...withCheck(end, { year, month: first, day: second }), slash: 'month-first' };
    }
    return { end, placeholder: false, ambiguous: { first, second, year } };
  }
  return undefined;
}

function withCheck(end: number, date: DateParts, yearText?: string): DateMatch {
  const implausible = checkDate(date, yearText);
  return implausible
    ? { end, date, placeholder: false, implausible }
    : { end, date, placeholder: false };
}

interface ClockMatch {
  end: number;
  minutes?: number;
  placeholder: boolean;
  unreadable: boolean;
  ambiguousHour: boolean;
  twelveHour: boolean;
}

function clock(
  end: number,
  hourText: string,
  minute: number,
  second: number,
  meridiem: string | undefined,
): ClockMatch {
  let hour = Number(hourText);
  const result: ClockMatch = {
    end,
    placeholder: false,
    unreadable: false,
    ambiguousHour: false,
    twelveHour: meridiem !== undefined,
  };
  if (minute > 59 || second > 60 || hour > 24 || (hour === 24 && minute + second > 0)) {
    result.unreadable = true;
    return result;
  }
  if (meridiem) {
    const pm = meridiem.toLowerCase() === 'p';
    if (hour === 0 || (hour > 12 && !pm)) {
      result.unreadable = true;
      return result;
    }
    // `13:00 PM` gives the afternoon twice, and it is still readable.
    if (hour <= 12) hour = (hour % 12) + (pm ? 12 : 0);
  } else {
    result.ambiguousHour = hourText.length === 1 && hour >= 1 && hour <= 12;
  }
  result.minutes = hour * 60 + minute;
  return result;
}

function readMeridiem(text: string, index: number): { end: number; letter?: string } {
  const match = run(MERIDIEM, text, index);
  return match ? { end: index + match[0].length, letter: match[1] } : { end: index };
}

function readClock(
  text: string,
  index: number,
  options: { allowDot: boolean; compact: boolean },
): ClockMatch | undefined {
  let match = run(NAMED_TIME, text, index);
  if (match) {
    const minutes = (match[1] ?? '').toLowerCase() === 'noon' ? 720 : 0;
    return {
      end: index + match[0].length,
      minutes,
      placeholder: false,
      unreadable: false,
      ambiguousHour: false,
      twelveHour: true,
    };
  }

  match = run(COLON_TIME, text, index);
  if (match) {
    const meridiem = readMeridiem(text, index + match[0].length);
    return clock(
      meridiem.end,
      match[1] ?? '',
      Number(match[2]),
      Number(match[3] ?? 0),
      meridiem.letter,
    );
  }

  match = run(PLACEHOLDER_TIME, text, index);
  if (match) {
    return {
      end: index + match[0].length,
      placeholder: true,
      unreadable: false,
      ambiguousHour: false,
      twelveHour: false,
    };
  }

  if (options.allowDot) {
    match = run(DOT_TIME, text, index) ?? run(H_TIME, text, index);
    if (match) {
      const meridiem = readMeridiem(text, index + match[0].length);
      return clock(meridiem.end, match[1] ?? '', Number(match[2]), 0, meridiem.letter);
    }
  }

  match = run(HOUR_ONLY, text, index);
  if (match) {
    const meridiem = readMeridiem(text, index + match[0].length);
    return clock(meridiem.end, match[1] ?? '', 0, 0, meridiem.letter);
  }

  if (options.compact) {
    match = run(COMPACT_TIME, text, index);
    if (match) {
      const after = text.slice(index + match[0].length);
      if (/^(?:Z|\s*$|\s*\(?[A-Z]{2,4}\b|\s*(?:hrs?|h)\b)/.test(after)) {
        return clock(index + match[0].length, match[1] ?? '', Number(match[2]), 0, undefined);
      }
    }
  }
  return undefined;
}

interface ZoneMatch {
  end: number;
  zone: string;
  utcOffset?: number;
}

function signedOffset(sign: string, hours: string, minutes: string | undefined): number {
  const value = Number(hours) * 60 + Number(minutes ?? 0);
  return sign === '+' ? value : -value;
}

/** Reads a timezone right after a time: `UTC`, `(UTC)`, `GMT+1`, `+05:30`, `Z`, `PDT`. */
function readZone(text: string, index: number): ZoneMatch | undefined {
  if (text[index] === 'Z' && !/[\p{L}\p{N}]/u.test(text[index + 1] ?? '')) {
    return { end: index + 1, zone: 'Z', utcOffset: 0 };
  }

  let match = run(ZONE_NAMED, text, index);
  if (match && Boolean(match[1]) === Boolean(match[6])) {
    const utcOffset = match[3] ? signedOffset(match[3], match[4] ?? '0', match[5]) : 0;
    return {
      end: index + match[0].length,
      zone: match[0].trim().replace(/^\(|\)$/g, ''),
      utcOffset,
    };
  }
  if (match?.[1] && !match[6]) {
    // `(UTC+1 for the alert)`: the zone is read, the bracket stays part of the text.
    const inner = run(ZONE_NAMED, text, index + match[0].indexOf('(') + 1);
    if (inner) {
      const utcOffset = inner[3] ? signedOffset(inner[3], inner[4] ?? '0', inner[5]) : 0;
      return { end: index + match[0].length, zone: inner[0].trim(), utcOffset };
    }
  }

  match = run(ZONE_OFFSET, text, index);
  if (match && Boolean(match[1]) === Boolean(match[5])) {
    return {
      end: index + match[0].length,
      zone: `${match[2]}${match[3]}:${match[4]}`,
      utcOffset: signedOffset(match[2] ?? '+', match[3] ?? '0', match[4]),
    };
  }

  match = run(ZONE_ABBREVIATION, text, index);
  if (match && Boolean(match[1]) === Boolean(match[3])) {
    const zone = match[2] ?? '';
    if (zone in ZONE_OFFSETS) {
      const result: ZoneMatch = { end: index + match[0].length, zone };
      const offset = ZONE_OFFSETS[zone];
      if (offset !== undefined) result.utcOffset = offset;
      return result;
    }
  }
  return undefined;
}

/** Returns the UTC offset, in minutes, of a timezone name such as `EEST` or `UTC+1`. */
export function zoneOffset(name: string): number | undefined {
  return readZone(name.trim(), 0)?.utcOffset;
}

/**
 * Reads a time token that starts exactly at `index`: an optional approximate marker, an
 * optional date, a time, an optional range end and an optional timezone.
 */
export function readTimeAt(
  text: string,
  index: number,
  options: TimeScanOptions = {},
): TimeToken | undefined {
  const start = index;
  let position = index;
  let approximate = false;

  const approx = run(APPROXIMATE_PREFIX, text, position);
  if (approx) {
    approximate = true;
    position += approx[0].length;
  }
  const weekday = run(WEEKDAY, text, position);
  if (weekday && readDate(text, position + weekday[0].length)) position += weekday[0].length;

  const date = readDate(text, position);
  let clockMatch: ClockMatch | undefined;
  if (date) {
    const separator = run(DATE_TIME_SEPARATOR, text, date.end);
    const timeStart = separator ? date.end + separator[0].length : date.end;
    if (separator) clockMatch = readClock(text, timeStart, { allowDot: true, compact: false });
  } else {
    clockMatch = readClock(text, position, { allowDot: true, compact: options.compact === true });
  }
  if (!date && !clockMatch) return undefined;

  let end = clockMatch?.end ?? date?.end ?? position;
  const token: TimeToken = {
    start,
    end,
    text: '',
    approximate,
    placeholder: Boolean(date?.placeholder || clockMatch?.placeholder),
    unreadable: Boolean(clockMatch?.unreadable),
    ambiguousHour: Boolean(clockMatch?.ambiguousHour),
    twelveHour: Boolean(clockMatch?.twelveHour),
  };
  if (date?.date) token.date = date.date;
  if (date?.slash) token.slashOrder = date.slash;
  if (date?.ambiguous) token.ambiguousDate = date.ambiguous;
  if (date?.implausible) token.implausible = date.implausible;
  if (clockMatch?.minutes !== undefined) token.minutes = clockMatch.minutes;

  if (clockMatch) {
    let zone = readZone(text, end);
    if (zone) end = zone.end;
    const range = run(RANGE_SEPARATOR, text, end);
    if (range) {
      // `17:15 - 23:00`: the entry is placed at the start of the range.
      const rangeEnd = readTimeAt(text, end + range[0].length);
      if (rangeEnd?.minutes !== undefined) {
        end = rangeEnd.end;
        if (!zone && rangeEnd.zone !== undefined) {
          zone = { end, zone: rangeEnd.zone };
          if (rangeEnd.utcOffset !== undefined) zone.utcOffset = rangeEnd.utcOffset;
        }
      }
    }
    if (zone) {
      token.zone = zone.zone;
      if (zone.utcOffset !== undefined) token.utcOffset = zone.utcOffset;
    }
    const suffix = run(APPROXIMATE_SUFFIX, text, end);
    if (suffix && /[(~]|approx/i.test(suffix[0])) {
      token.approximate = true;
      end += suffix[0].length;
    }
  }

  // A token glued to a word (`12:30pmx`, `2024-01-01abc`) is not a time.
  const glued = /[\p{L}\p{N}]/u;
  if (glued.test(text[end] ?? '') && glued.test(text[end - 1] ?? '')) return undefined;

  token.end = end;
  token.text = text.slice(start, end).trimEnd();
  token.end = start + token.text.length;
  return token;
}

/** Markdown decoration that may come before the time of an entry: emphasis, links, bullets. */
const LEADING_DECORATION = /(?:\s|\*|_|`|\[|\(|<br\s*\/?>|&nbsp;|[•·–—-](?=\s))*/iy;

/**
 * Finds the time token at the start of a piece of text, after Markdown decoration such as
 * `**`, `[` or a bullet, or returns undefined when the text does not start with one.
 */
export function findLeadingTime(
  text: string,
  options: TimeScanOptions = {},
): TimeToken | undefined {
  const decoration = run(LEADING_DECORATION, text, 0);
  const index = decoration ? decoration[0].length : 0;
  return readTimeAt(text, index, options);
}

/** Tells whether a word reads as a time or a date, for instance a table header or a heading. */
export function isTimeText(text: string): boolean {
  const token = findLeadingTime(text);
  return token !== undefined && text.slice(token.end).trim().length === 0;
}
