import type { Postmortem, Section, Span } from '../types';
import {
  blockSpan,
  collectTextBlocks,
  countWords,
  quoteSpan,
  sectionsWithId,
  splitSentences,
  type TextBlock,
} from './text-utils';
import type { Rule, RuleContext } from './types';

/** One sentence of the root cause, with the block it came from. */
interface Sentence {
  text: string;
  block: TextBlock;
  from: number;
}

/**
 * A root cause with fewer words than this cannot show a chain of causes.
 * NOTE: the patterns below are English, so a one-sentence root cause in another language is
 * reported as having no causal link.
 */
const MIN_WORDS = 12;

/** Words that link one event to another: a cause, a consequence, a condition or a sequence. */
const CAUSAL =
  /\b(?:because|since|as a result|due to|owing to|caused|causing|led to|leading to|resulted|resulting|result of|so|therefore|thus|hence|which|that|allowed|allowing|let|meant|meaning|without|no|not|never|after|when|while|until|once|during|before|but|however|although|though|triggered|prevented|unless|if)\b|n't\b|[;:]|,\s+\p{Ll}+ing\b/iu;

/**
 * A systemic factor: a missing or weak guardrail, test, alert, review or limit, or what allowed
 * a mistake or failure to do damage.
 */
const SYSTEMIC =
  /\b(?:guardrails?|safeguards?|safety net|allowed|allowing|allows|permitted|let (?:it|the|a|an)|nothing (?:prevented|stopped|caught|blocked)|no way to|hard-?coded|single point of failure)\b|\b(?:no|missing|lack(?:ed)? of|lacked|lacks|without|absence of|insufficient|inadequate|weak|unclear|did not have|didn't have|had no|has no)\s+(?:\S+\s+){0,3}?(?:tests?|testing|alerts?|alerting|monitoring|checks?|validation|review|reviews|limits?|quotas?|protection|confirmation|prompt|throttle|timeouts?|retr(?:y|ies)|redundancy|runbooks?|documentation|process|rollback|canary|staging|backups?|locks?|approval|safeguards?|guardrails?|dry-run|policy|policies|ownership)\b|\b(?:not|never|wasn't|weren't|isn't)\s+(?:\S+\s+)?(?:tested|reviewed|validated|monitored|alerted|caught|detected|documented|enforced|protected|limited|throttled|checked)\b/iu;

const HUMAN_ERROR =
  /\b(?:human|operator|user|engineer|developer|manual|personnel|staff)[ -]errors?\b/giu;

const NEGATED_BEFORE =
  /\b(?:not|no|rather than|instead of|beyond|more than|never|isn't|wasn't)\s+(?:\S+\s+)?$/iu;

/** A person doing the wrong thing: `an engineer ran the wrong command`. */
const PERSON_MISTAKE =
  /\b(?:(?:an?|the|one of (?:our|the)|our)\s+(?:engineers?|developers?|operators?|admins?|administrators?|SREs?|team members?|contractors?|on-?call(?: engineer)?|staff member|person|colleague)|someone|somebody)\s+(?:(?:mistakenly|accidentally|inadvertently|erroneously|incorrectly|wrongly|unintentionally)\s+)?(?:ran|run|typed|deleted|pushed|deployed|executed|applied|entered|changed|misconfigured|made (?:a|an) (?:mistake|error|typo)|chose|clicked|selected|removed|dropped|forgot|overwrote|merged|committed)\b/giu;

const WRONGNESS =
  /\b(?:wrong|mistakes?|mistakenly|incorrect(?:ly)?|accidentally|accidental|inadvertently|by mistake|forgot|misconfigured|typo|unintentionally|erroneously|wrongly)\b/iu;

/** A component that failed, with no reason given: `the database crashed`. */
const FAILURE =
  /\b(?:failed|crashed|went down|went offline|stopped working|stopped responding|broke|died|fell over|was down|were down|malfunctioned)\b/giu;

/** The cause is not known yet. */
const UNKNOWN =
  /\b(?:(?:root\s+)?(?:cause|reason|trigger|origin)\s+(?:\S+\s+){0,3}?(?:is|was|remains|are|were)\s+(?:still\s+)?(?:unknown|unclear|undetermined|not (?:yet )?(?:known|clear|determined|identified|understood))|(?:not yet|yet to be|to be) (?:determined|identified|known|understood)|under investigation|being investigated|still investigating|(?:unknown|unclear) (?:root )?(?:cause|reason))\b/giu;

const UNKNOWN_ALONE = /^\s*(?:unknown|unclear|not known|undetermined|n\/a)\s*(?:[.!]\s*)?$/iu;

/** Root-cause sections, leaving out those nested inside another root-cause section. */
function rootCauseSections(pm: Postmortem): Section[] {
  const sections = sectionsWithId(pm, 'root-cause');
  return sections.filter(
    (section) =>
      !sections.some(
        (outer) =>
          outer !== section &&
          outer.body.start <= section.heading.start &&
          section.heading.start < outer.body.end,
      ),
  );
}

function sentencesOf(pm: Postmortem, section: Section): Sentence[] {
  const headings = pm.sections.map((other) => other.heading);
  const sentences: Sentence[] = [];
  for (const block of collectTextBlocks(section.nodes, pm.text)) {
    if (block.kind === 'heading') continue;
    const start = block.offsets[0] ?? 0;
    if (headings.some((heading) => start >= heading.start && start < heading.end)) continue;
    for (const sentence of splitSentences(block.text)) {
      sentences.push({
        text: block.text.slice(sentence.from, sentence.to),
        block,
        from: sentence.from,
      });
    }
  }
  return sentences;
}

function spanIn(sentence: Sentence, from: number, to: number): Span {
  return blockSpan(sentence.block, sentence.from + from, sentence.from + to);
}

const ADVICE = 'the missing guardrail, test, alert, review or limit';

function checkSection(context: RuleContext, section: Section): void {
  const { pm } = context;
  const sentences = sentencesOf(pm, section);
  const text = sentences.map((sentence) => sentence.text).join(' ');
  const words = countWords(text);
  // An empty root cause is reported by the empty-section rule.
  if (words === 0) return;
  const systemic = SYSTEMIC.test(text);
  const causal = sentences.some((sentence) => CAUSAL.test(sentence.text));
  let reported = false;
  const report = (message: string, span: Span): void => {
    reported = true;
    context.report({ message, span });
  };

  for (const sentence of sentences) {
    if (systemic) break;
    for (const match of sentence.text.matchAll(HUMAN_ERROR)) {
      if (NEGATED_BEFORE.test(sentence.text.slice(0, match.index))) continue;
      const span = spanIn(sentence, match.index, match.index + match[0].length);
      report(
        `Root cause stops at \`${quoteSpan(pm, span)}\`. ` +
          `Add what allowed the mistake to cause damage: ${ADVICE}.`,
        span,
      );
    }
    if (!WRONGNESS.test(sentence.text)) continue;
    for (const match of sentence.text.matchAll(PERSON_MISTAKE)) {
      const span = spanIn(sentence, match.index, match.index + match[0].length);
      report(
        `Root cause stops at a person's action \`${quoteSpan(pm, span)}\`. ` +
          `Add what allowed it to cause damage: ${ADVICE}.`,
        span,
      );
    }
  }

  for (const sentence of sentences) {
    if (systemic) break;
    const alone = UNKNOWN_ALONE.test(sentence.text);
    const matches = alone
      ? [{ index: sentence.text.search(/\S/), length: sentence.text.trim().length }]
      : [...sentence.text.matchAll(UNKNOWN)].map((match) => ({
          index: match.index,
          length: match[0].length,
        }));
    for (const match of matches) {
      const span = spanIn(sentence, match.index, match.index + match.length);
      report(
        `Root cause is \`${quoteSpan(pm, span)}\`. ` +
          `Record what is known so far and what allowed the failure to do damage, then update it.`,
        span,
      );
    }
  }

  if (!causal && !reported) {
    for (const sentence of sentences) {
      for (const match of sentence.text.matchAll(FAILURE)) {
        const span = spanIn(sentence, match.index, match.index + match[0].length);
        report(
          `Root cause stops at \`${quoteSpan(pm, span)}\`. ` +
            `Add why it failed and what let the failure do damage: ${ADVICE}.`,
          span,
        );
      }
    }
  }

  if (reported) return;
  const linksElsewhere = /\b(?:see|refer to|described in|details in)\b/i.test(text);
  const singleBare = sentences.length === 1 && !causal;
  if (linksElsewhere) return;
  if (words < MIN_WORDS) {
    context.report({
      message:
        `Root cause has only \`${words}\` words and no chain of causes. ` +
        `Add what allowed the failure to happen and do damage: ${ADVICE}.`,
      span: section.heading,
      data: { words: String(words) },
    });
  } else if (singleBare && sentences[0]) {
    const only = sentences[0];
    const span = spanIn(only, 0, only.text.length);
    const quoted = quoteSpan(pm, span);
    context.report({
      message:
        `Root cause \`${quoted.length > 48 ? `${quoted.slice(0, 45).trimEnd()}…` : quoted}\` ` +
        `names no cause behind the failure. Add what allowed it to happen and do damage: ${ADVICE}.`,
      span,
    });
  }
}

function check(context: RuleContext): void {
  for (const section of rootCauseSections(context.pm)) checkSection(context, section);
}

export const vagueRootCause: Rule = {
  id: 'vague-root-cause',
  description: 'Reports a root cause that stops at human error, a failed part or an unknown.',
  defaultSeverity: 'warning',
  check,
};
