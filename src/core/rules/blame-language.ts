import type { Postmortem, Section, Span } from '../types';
import { blockSpan, quoteSpan, sectionTextBlocks, type TextBlock } from './text-utils';
import type { Memo } from '../incremental/memo';
import type { Rule, RuleContext } from './types';

/** A blame phrase found in a block, as offsets into the block's text. */
interface Finding {
  from: number;
  to: number;
  reason: 'judgement' | 'person' | 'counterfactual';
}

/** Sections whose text names people on purpose: owners of follow-up work, not causes. */
const SKIPPED_SECTIONS: ReadonlySet<string> = new Set(['action-items', 'glossary']);

/** Words that judge a person rather than describe what happened. */
const JUDGEMENT =
  /\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|laziness|sloppy|sloppiness|sloppily|incompeten(?:t|ce|cy)|reckless(?:ly|ness)?|stupid(?:ity)?|idiot(?:ic|s)?|should(?: have|'ve|’ve) (?:known|caught|noticed|checked|realised|realized)|screwed up|messed up|dropped the ball)\b/giu;

/**
 * `lazy` and `dumb` also name techniques (`lazy loading`, `dumb pipe`), so they count only when
 * they describe someone: after a verb such as `was`, or before a person.
 */
const PERSON_ADJECTIVE =
  /\b(?:(?:was|were|is|are|been|being|too|so|very|plain)\s+(?:lazy|dumb)\b(?!\s+\p{Ll}*(?:load|loading|lookups?|evaluation|init\w*|pipes?|terminals?|mode))|(?:lazy|dumb)\s+(?:engineers?|developers?|operators?|people|person|admins?|mistakes?|errors?))/giu;

/** `blame` as an accusation; `blameless`, `no blame` and `not to blame` are left alone. */
const BLAME = /\b(?:blamed?|blames|blaming)\b/giu;

/** `fault` held by someone: `Sam's fault`, `our fault`, `at fault`, `the fault of`. */
const FAULT =
  /(?:\b[\p{L}@][\p{L}\p{N}._-]*['’]s|\b(?:my|your|his|her|their|our|whose))\s+(?:fault|mistake|negligence|carelessness|screw-?up)\b(?![-\p{L}])|\bat fault\b|\bfault (?:of|lies|lay|was with)\b/giu;

/** A negation within two words before a match: `no blame`, `avoid sentiment/blame`. */
const NEGATION =
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- read on NEGATION_WINDOW characters at most
  /\b(?:no|not|without|never|avoid|avoiding|nobody|nor|isn't|wasn't|non)(?:[\s/,-]+[\p{L}'’-]+){0,2}[\s/,-]+$/iu;

/** Verbs that only a person does, so a capitalised word before them is a name. */
const PERSON_VERB =
  "(?:forgot|forgets|forgotten|neglected|neglects|overlooked|carelessly|mistakenly|accidentally|should(?: have|'ve|’ve)|shouldn['’]t have|should not have|(?:didn['’]t|did not|failed to|never) (?:bother|check|double-check|verify|notice|realise|realize|review|read|follow|ask|tell|think|confirm|test))";

/** Verbs that machines do too, so the subject must be known to be a person. */
const ANY_BLAME_VERB =
  "(?:broke|ignored|missed|didn['’]t|did not|failed to|forgot|forgets|neglected|overlooked|mistakenly|accidentally|carelessly|should(?: have|'ve|’ve))";

const ROLE =
  '(?:the|an?|our|their)\\s+(?:on-?call(?: engineer| person| SRE)?|engineer|developer|dev|operator|admin|administrator|SRE|team member|contractor|intern|new hire|reviewer|release manager|incident commander)';

/** Roles acting: `the engineer forgot`, `the on-call missed`. */
const ROLE_BLAME = new RegExp(
  `\\b${ROLE}\\s+(?!(?:didn['’]t|did not|failed to) (?:get|receive|have|know|see|hear|need|reach|access|log|load|connect))${ANY_BLAME_VERB}\\b`,
  'giu',
);

/** One capitalised word: in `Alex Doe forgot`, the surname next to the verb is the subject. */
const NAME = "\\p{Lu}\\p{Ll}+(?:[-'’]\\p{Lu}?\\p{Ll}+)?";
const HANDLE = '@[\\p{L}\\p{N}][\\p{L}\\p{N}._-]*';

/**
 * A capitalised word or an @handle followed by a verb only a person does.
 * NOTE: a product name before such a verb (`Renovate didn't check`) is still reported as a person
 * unless the document also writes it as a system (`the Renovate`, `Renovate job`).
 */
const NAMED_PERSON_BLAME = new RegExp(
  `(?<![\\p{L}\\p{N}@])(${NAME}|${HANDLE}|[Hh]e|[Ss]he)\\s+${PERSON_VERB}\\b`,
  'gu',
);

/** A capitalised word or an @handle followed by a verb that a machine could do as well. */
const NAMED_ANY_BLAME = new RegExp(
  `(?<![\\p{L}\\p{N}@])(${NAME}|${HANDLE})\\s+${ANY_BLAME_VERB}\\b`,
  'gu',
);

/** `if Alex had checked`, `had the engineer tested`: what a person should have done. */
const COUNTERFACTUAL = new RegExp(
  `\\b[Ii]f\\s+(?:only\\s+)?(${NAME}|${HANDLE}|${ROLE}|he|she)\\s+had\\b|(?:^|[.;,]\\s*)\\b[Hh]ad\\s+(${NAME}|${HANDLE}|${ROLE}|he|she)\\s+(?:only\\s+)?\\p{Ll}+ed\\b`,
  'gu',
);

/** A person as the stated cause: `caused by Tom`, `because of Sam`, `Tom caused the outage`. */
const NAMED_CAUSE = new RegExp(
  `\\b(?:(?:caused|triggered|started|broken)\\s+by|[Bb]ecause\\s+of)\\s+(${NAME}|${HANDLE})\\b(?!['’]s)|(?<![\\p{L}\\p{N}@])(${NAME}|${HANDLE})\\s+(?:caused|triggered)\\s+(?:the|this|an?)\\s+(?:outage|incident|failure|problem|issue|downtime|regression)\\b`,
  'gu',
);

/** `because Dave didn't run the migration`: a person's omission given as the reason. */
const BECAUSE_PERSON = new RegExp(
  `\\b[Bb]ecause\\s+(${NAME}|${HANDLE})\\s+(?:didn['’]t|did not|forgot|failed to|never|ignored|missed|skipped)\\b`,
  'gu',
);

/**
 * Lower-case words that, written after a capitalised word, show it names a system rather than a
 * person: `Redis cluster`, `Jenkins job`.
 */
const TECHNICAL_NOUNS = new Set(
  (
    'cluster clusters server servers service services node nodes database databases db job jobs ' +
    'pipeline pipelines api apis queue queues cache caches instance instances pod pods container ' +
    'containers deployment deployments deploy config configuration version versions upgrade ' +
    'update release build builds dashboard dashboards alert alerts log logs metrics memory cpu ' +
    'disk process processes worker workers controller plugin plugins connection connections ' +
    'client clients primary replica replicas index indexes query queries table tables bucket ' +
    'buckets endpoint endpoints request requests traffic load latency host hosts agent agents ' +
    'daemon scheduler runner runners task tasks sidecar proxy gateway certificate certificates ' +
    'token tokens key keys secret secrets backup backups storage volume volumes network ' +
    'integration migration migrations schema account project repository repo branch image images'
  ).split(' '),
);

/**
 * Capitalised words the document uses as a system. A match never runs across the start of a
 * line that begins with `#`, so the text is read in pieces cut there, each computed once.
 */
function technicalWords(text: string, memo: Memo): Set<string> {
  const words = new Set<string>();
  for (const piece of text.split(/(?=\n#)/)) {
    for (const word of memo.get('blame-language:technical', piece, technicalWordsOf))
      words.add(word);
  }
  return words;
}

/** Capitalised words a text uses as a system: before a technical noun, or after `the`. */
function technicalWordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.matchAll(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}]*)\s+(\p{Ll}+)/gu)) {
    if (match[1] && match[2] && TECHNICAL_NOUNS.has(match[2])) words.add(match[1]);
  }
  for (const match of text.matchAll(/\b(?:the|a|an|our|its|their)\s+(\p{Lu}\p{Ll}+)\b/gu)) {
    if (match[1]) words.add(match[1]);
  }
  return words;
}

/**
 * Capitalised words that start sentences or name groups, places and times rather than a person.
 * Products are not listed, because the person-only verbs (forgot, neglected) rarely follow one.
 */
const NOT_NAMES = new Set(
  (
    'The This That These Those There Here Then It Its We Our They Their I You A An One Some Any ' +
    'No Nobody Noone Someone Somebody Everyone Everybody Anyone Anybody Nothing Everything ' +
    'All Both Each Either Neither Most Many Several Also And But Or So Yet If When While After ' +
    'Before Because Since Although Though Once Unfortunately However Finally Eventually Meanwhile ' +
    'Later Earlier Initially Ultimately Instead Still Even Only Just Team Teams Finance Support ' +
    'Engineering Security Legal Sales Marketing Operations Ops Product Management Leadership ' +
    'Customer Customers User Users Monitoring Alerting Automation Nobody Monday Tuesday Wednesday ' +
    'Thursday Friday Saturday Sunday January February March April May June July August ' +
    'September October November December Today Yesterday Tomorrow Staging Production Prod ' +
    'Someone Who What Which Why How'
  ).split(' '),
);

/** Returns the first word of a name match, or the handle. */
function subjectOf(match: RegExpMatchArray): string {
  return (match[1] ?? '').split(/\s+/)[0] ?? '';
}

function isPersonSubject(subject: string): boolean {
  if (subject.startsWith('@')) return true;
  if (/^(?:he|she)$/i.test(subject)) return true;
  return !NOT_NAMES.has(subject);
}

/**
 * Returns the names that the document itself gives as people: metadata values of people fields,
 * action-item owners and @handles.
 */
function knownPeople(pm: Postmortem): Set<string> {
  const people = new Set<string>();
  const addNames = (value: string): void => {
    for (const word of value.match(/@?[\p{L}][\p{L}'’-]*/gu) ?? []) {
      if (/^\p{Lu}/u.test(word) || word.startsWith('@')) people.add(word);
    }
  };
  for (const field of pm.metadata.values()) {
    if (
      /author|owner|participant|attendee|reviewer|responder|commander|on-?call|facilitator|people|team/i.test(
        field.key,
      )
    ) {
      addNames(field.value);
    }
  }
  for (const item of pm.actionItems) if (item.owner) addNames(item.owner);
  return people;
}

/** Characters before a match that `NEGATION` reads: a negation and up to two words. */
const NEGATION_WINDOW = 200;

/**
 * Tells whether a negation ends just before `index`. Only the last characters are read, since
 * `NEGATION` is anchored at the end and would otherwise be tried from every earlier offset. The
 * window starts after a space, so that it does not begin inside a word.
 */
function negatedBefore(text: string, index: number): boolean {
  let start = Math.max(0, index - NEGATION_WINDOW);
  if (start > 0) {
    const space = text.slice(start, index).search(/\s/);
    start = space < 0 ? index : start + space;
  }
  return NEGATION.test(text.slice(start, index));
}

/**
 * A possible blame phrase, found from the text alone. Whether a `subject` is a person depends
 * on the whole document, so that test is applied later: `person` needs a person subject,
 * `known` needs a known person or an @handle, `free` needs nothing.
 */
interface Candidate extends Finding {
  subject?: string;
  needs: 'free' | 'person' | 'known';
}

/** Finds the blame phrases in one block's text, before the document-wide tests of subjects. */
function findCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  const add = (
    from: number,
    to: number,
    reason: Finding['reason'],
    needs: Candidate['needs'] = 'free',
    subject?: string,
  ): void => {
    candidates.push(
      subject === undefined ? { from, to, reason, needs } : { from, to, reason, needs, subject },
    );
  };

  for (const match of text.matchAll(JUDGEMENT)) {
    if (negatedBefore(text, match.index)) continue;
    add(match.index, match.index + match[0].length, 'judgement');
  }
  for (const match of text.matchAll(PERSON_ADJECTIVE)) {
    if (negatedBefore(text, match.index)) continue;
    add(match.index, match.index + match[0].length, 'judgement');
  }
  for (const match of text.matchAll(BLAME)) {
    const before = text.slice(0, match.index);
    if (NEGATION.test(before) || /-$/.test(before)) continue;
    if (/^\s*(?:-?free|less|lessly)/i.test(text.slice(match.index + match[0].length))) continue;
    add(match.index, match.index + match[0].length, 'judgement');
  }
  for (const match of text.matchAll(FAULT)) {
    if (negatedBefore(text, match.index)) continue;
    add(match.index, match.index + match[0].length, 'judgement');
  }
  for (const match of text.matchAll(ROLE_BLAME)) {
    add(match.index, match.index + match[0].length, 'person');
  }
  // `Alex Doe forgot`: the report starts at the first name, not the surname.
  const nameStart = (index: number): number => {
    const before = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)\s+$/u.exec(text.slice(0, index));
    return before?.[1] && !NOT_NAMES.has(before[1]) ? before.index : index;
  };
  for (const match of text.matchAll(NAMED_PERSON_BLAME)) {
    add(
      nameStart(match.index),
      match.index + match[0].length,
      'person',
      'person',
      subjectOf(match),
    );
  }
  for (const match of text.matchAll(NAMED_CAUSE)) {
    const subject = match[1] ?? match[2] ?? '';
    add(match.index, match.index + match[0].length, 'person', 'person', subject);
  }
  for (const match of text.matchAll(BECAUSE_PERSON)) {
    const subject = match[1] ?? '';
    // The report starts at the name, so a longer match of the same name wins the overlap.
    add(
      match.index + match[0].indexOf(subject),
      match.index + match[0].length,
      'person',
      'person',
      subject,
    );
  }
  for (const match of text.matchAll(NAMED_ANY_BLAME)) {
    add(nameStart(match.index), match.index + match[0].length, 'person', 'known', subjectOf(match));
  }
  for (const match of text.matchAll(COUNTERFACTUAL)) {
    const subject = (match[1] ?? match[2] ?? '').split(/\s+/)[0] ?? '';
    if (/^\p{Lu}/u.test(subject) && !isPersonSubject(subject)) continue;
    const lead =
      match[0].search(/\S/) + (/^[.;,]/.test(match[0]) ? match[0].slice(1).search(/\S/) + 1 : 0);
    add(match.index + lead, match.index + match[0].length, 'counterfactual');
  }
  return candidates;
}

function findInBlock(
  block: TextBlock,
  people: ReadonlySet<string>,
  technical: ReadonlySet<string>,
  memo: Memo,
): Finding[] {
  // A person is named, or a capitalised word the document never uses for a system.
  const isPerson = (subject: string): boolean =>
    people.has(subject) || (isPersonSubject(subject) && !technical.has(subject));
  const findings = memo.get('blame-language', block.text, findCandidates).filter((candidate) => {
    const subject = candidate.subject ?? '';
    if (candidate.needs === 'person') return isPerson(subject);
    if (candidate.needs === 'known') return subject.startsWith('@') || people.has(subject);
    return true;
  });
  return withoutOverlaps(findings);
}

function withoutOverlaps(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: Finding[] = [];
  for (const finding of sorted) {
    const previous = kept.at(-1);
    if (previous && finding.from < previous.to) continue;
    kept.push(finding);
  }
  return kept;
}

function messageFor(quoted: string, reason: Finding['reason']): string {
  switch (reason) {
    case 'judgement':
      return `Blame: \`${quoted}\` judges a person. Describe what happened and what the system allowed instead.`;
    case 'person':
      return `Blame: \`${quoted}\` names a person as the cause. Describe what the system allowed instead.`;
    case 'counterfactual':
      return `Blame: \`${quoted}\` says what a person should have done. Describe what would have caught the problem instead.`;
  }
}

/** Sections to read: every section but those that list owners, and their sub-sections. */
function narrativeSections(pm: Postmortem): Section[] {
  const skipped = pm.sections.filter((section) => section.id && SKIPPED_SECTIONS.has(section.id));
  return pm.sections.filter(
    (section) =>
      !skipped.some(
        (outer) =>
          section.heading.start >= outer.heading.start && section.heading.start < outer.body.end,
      ),
  );
}

/** Spans of metadata written in the body (tables and `Label: value` lines), which name authors. */
function metadataSpans(pm: Postmortem): Span[] {
  return [...pm.metadata.values()]
    .filter((field) => field.source === 'table' || field.source === 'lines')
    .map((field) => field.span);
}

function check(context: RuleContext): void {
  const { pm } = context;
  const people = knownPeople(pm);
  const technical = technicalWords(pm.text, context.memo);
  const metadata = metadataSpans(pm);
  for (const section of narrativeSections(pm)) {
    for (const block of sectionTextBlocks(pm, section)) {
      // Quoted chat and alerts are evidence, not the writer's narrative.
      if (block.inBlockquote) continue;
      const start = block.offsets[0] ?? 0;
      if (metadata.some((span) => start >= span.start && start < span.end)) continue;
      for (const finding of findInBlock(block, people, technical, context.memo)) {
        const span = blockSpan(block, finding.from, finding.to);
        context.report({ message: messageFor(quoteSpan(pm, span), finding.reason), span });
      }
    }
  }
}

export const blameLanguage: Rule = {
  id: 'blame-language',
  description:
    'Reports blame in the narrative: a person named as the cause, judgement words, counterfactuals.',
  defaultSeverity: 'warning',
  check,
};
