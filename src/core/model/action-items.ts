import type { List, ListItem, Paragraph, RootContent, Table } from 'mdast';
import type { ActionItem, Section, Span } from '../types';
import { headerKey, readTable, type TableCell, type TableLayout } from './table';
import { trimLineBreaks } from '../text-scan';

const ACTION_HEADER =
  /^(?:actions?|action items?|action item description|action points?|items?|tasks?|descriptions?|todo|to do|what|follow[- ]?ups?|remediation|corrective actions?|steps?|mesures? à prendre)$/;
const OWNER_HEADER =
  /(?:^|\s)(?:owners?|assignees?|assigned to|who|dri|responsible|responsables?|poc|point of contact)(?:\s|$)|^lead$/;
const TYPE_HEADER = /^(?:(?:action )?type|category|kind)$/;
const PRIORITY_HEADER = /(?:^|\s)(?:priority|prio|priorité)(?:\s|$)|^p$/;
const STATUS_HEADER = /^(?:status|state|done|complete|completed|complet|progress|resolved)$/;

/** Values that fill an owner slot without naming anyone. */
const OWNER_PLACEHOLDER =
  /^(?:|tbd|tbc|tba|n\/?a|\?+|-+|–|—|none|nobody|no one|unassigned|unknown|todo|owner|name|someone|xxx?|\[[^\]]*\]|<[^>]*>|\{[^}]*\}|\([^)]*\)|@(?:owner|name|username|handle|someone|tbd))$/i;

/** Capitalised words that end items without naming an owner. */
const NOT_NAMES = new Set([
  'detect',
  'prevent',
  'mitigate',
  'repair',
  'process',
  'investigate',
  'done',
  'completed',
  'ongoing',
  'open',
  'closed',
  'todo',
  'optional',
  'high',
  'medium',
  'low',
  'urgent',
]);

/** Bracketed capitals that are not initials. */
const NOT_INITIALS = new Set([
  'TBD',
  'TBC',
  'TBA',
  'TODO',
  'DONE',
  'WIP',
  'NA',
  'FYI',
  'NB',
  'OK',
  'PR',
  'URL',
  'API',
  'AWS',
  'GCP',
  'DNS',
  'CI',
  'CD',
  'SLO',
  'SLA',
  'NEW',
  'FIX',
  'BUG',
]);

const DONE_STATUS =
  /^(?:done|completed?|closed|fixed|resolved|finished|shipped|merged|yes|oui|✅|✔️?|☑️?|\[x\])$/i;
const DONE_MARK = /[[(]\s*(?:done|completed?|fixed|resolved|closed)\s*[\])]|\bDONE\b|✅|✔️?|☑️?/;

// The owner runs to the end of the line, a bracket, `;`, `|` or `, type:`. It is read as words
// and whole runs of spaces, and the spaces after it are matched once (the `(?=(…))\2` form
// cannot give characters back), so a long run of spaces takes linear time, not cubic. The spaces
// before the owner may still be split between `\s*` and the first run; the worst-input test
// "regex worst inputs" bounds that case.
const LABELLED_OWNER =
  // eslint-disable-next-line regexp/no-super-linear-backtracking -- see above
  /(?<![\p{L}\p{N}])(?:\*\*|__)?(?:owners?|assignees?|assigned(?: to)?|dri|responsible)(?:\*\*|__)?(?:\s*[:=]|\s+[-–—])\s*(?:(?:\*\*|__)\s*){0,2}((?:[^\s)\];|]|[^\S\n]+(?![^\S\n]))*?)(?=([^\S\n]*))\2(?:(?:\*\*|__)(?=([^\S\n]*))\3)?(?=$|[\n)\];|]|,\s*(?:type|priority|prio|due|status|ticket)\b)/dimu;
/** `Add a probe - Sam Roe`, `Add a probe (Sam)`: a name of one to three capitalised words at the end. */
const TRAILING_NAME = /(?:\s[-–—]\s+|\s\()(\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,2})\)?[.\s]*$/du;
const HANDLE = /(?<![\p{L}\p{N}_.@/\\])@([A-Za-z0-9](?:[\w.-]*[\w])?)/gu;
const INITIALS =
  /\[([A-Z]{2,4}(?:\s*[,/&+]\s*[A-Z]{2,4})*)(?:\s+(?:to|will|for|and|with)\b[^\]\n]*)?\]/g;
const INLINE_TYPE =
  /(?<![\p{L}\p{N}])type\s*[:=]\s*(?:\*\*|__)?([\p{L}][\p{L} -]*?)(?:\*\*|__)?(?=$|[\n)\],;|.])/dimu;
const INLINE_PRIORITY_LABEL =
  /(?<![\p{L}\p{N}])(?:priority|prio)\s*[:=]\s*(?:\*\*|__)?([\p{L}\p{N}-]+)/diu;
const INLINE_PRIORITY = /(?<![\p{L}\p{N}])(P[0-4])(?![\p{L}\p{N}])/du;

const DONE_HEADING = /\b(?:done|completed?|closed|finished|resolved)\b/i;

const ACTION_POINT =
  /^(?:\*\*|__)?(?:action points?|action items?|action|follow[- ]up)(?:\*\*|__)?\s*:/i;

/** First words that are past participles yet start imperative items (`Need`, `Embed`). */
const NOT_PAST_TENSE = new Set([
  'need',
  'embed',
  'feed',
  'seed',
  'speed',
  'shed',
  'proceed',
  'exceed',
  'succeed',
  'bleed',
  'breed',
  'heed',
  'weed',
  'shred',
  'based',
]);

function spanOf(node: {
  position?: { start: { offset?: number }; end: { offset?: number } };
}): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** Tells whether an owner value names no one: empty, `TBD`, `N/A`, `[project lead]`, `<owner>`. */
export function isOwnerPlaceholder(value: string): boolean {
  return OWNER_PLACEHOLDER.test(value.replace(/[*_`]/g, '').trim());
}

interface Found {
  value: string;
  span: Span;
}

/** Blanks out inline code so that `@types/node` or `[AB]` inside code is not read as an owner. */
function maskCode(text: string): string {
  return text.replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
}

/** Finds the owner written in a piece of item text that starts at offset `base` of the document. */
function findOwner(text: string, base: number): { owner?: Found; placeholder?: Found } {
  const masked = maskCode(text);
  const labelled = findLabelled(LABELLED_OWNER, text, base);
  if (labelled) {
    return isOwnerPlaceholder(labelled.value) ? { placeholder: labelled } : { owner: labelled };
  }
  for (const match of masked.matchAll(HANDLE)) {
    const value = match[0];
    if (isOwnerPlaceholder(value)) continue;
    const start = base + match.index;
    return { owner: { value, span: { start, end: start + value.length } } };
  }
  for (const match of masked.matchAll(INITIALS)) {
    const initials = match[1] ?? '';
    if (NOT_INITIALS.has(initials)) continue;
    const start = base + match.index + 1;
    return { owner: { value: initials, span: { start, end: start + initials.length } } };
  }
  const trailing = findLabelled(TRAILING_NAME, text, base);
  if (trailing && !NOT_NAMES.has(trailing.value.toLowerCase())) return { owner: trailing };
  return {};
}

/** Finds the first capture group of a `d`-flagged pattern, trimmed, with its span. */
function findLabelled(pattern: RegExp, text: string, base: number): Found | undefined {
  const match = pattern.exec(maskCode(text));
  const indices = match?.indices?.[1];
  if (!match || !indices) return undefined;
  const raw = match[1] ?? '';
  const value = raw.trim();
  const start = base + indices[0] + (raw.length - raw.trimStart().length);
  return { value, span: { start, end: start + value.length } };
}

/** Reads the owner, type, priority and done state written inline in an item's text. */
function readInline(item: ActionItem, text: string, base: number): void {
  const { owner, placeholder } = findOwner(text, base);
  if (owner) {
    item.owner = owner.value;
    item.ownerSpan = owner.span;
  } else if (placeholder) {
    item.ownerSpan = placeholder.span;
  }
  const type = findLabelled(INLINE_TYPE, text, base);
  if (type) {
    item.type = type.value;
    item.typeSpan = type.span;
  }
  const priority =
    findLabelled(INLINE_PRIORITY_LABEL, text, base) ?? findLabelled(INLINE_PRIORITY, text, base);
  if (priority) {
    item.priority = priority.value;
    item.prioritySpan = priority.span;
  }
  if (DONE_MARK.test(maskCode(text)) || /^~~[\s\S]*~~$/.test(text.trim())) item.done = true;
}

/** Tells whether a list item is only a reference to a tracker (`#2127`, a bare URL). */
function isReferenceOnly(text: string): boolean {
  const stripped = text
    .replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/<https?:[^>]*>|https?:\/\/\S+/g, '')
    .replace(/(?:^|\s)[\w.-]*#\d+/g, '')
    .replace(/[\s,;.*_()[\]-]/g, '');
  return stripped.length === 0;
}

class ActionCollector {
  readonly items: ActionItem[] = [];
  private underDoneHeading = false;

  constructor(private readonly text: string) {}

  visit(nodes: readonly RootContent[]): void {
    for (const node of nodes) {
      const before = this.items.length;
      if (node.type === 'heading') {
        // Items under a `### Done` or `### Completed` sub-heading are done.
        const span = spanOf(node);
        this.underDoneHeading = DONE_HEADING.test(this.text.slice(span.start, span.end));
      } else if (node.type === 'table') this.table(node);
      else if (node.type === 'list') this.list(node);
      else if (node.type === 'paragraph') this.paragraph(node);
      if (this.underDoneHeading) for (const item of this.items.slice(before)) item.done = true;
    }
  }

  private list(node: List): void {
    const completedList = describesCompletedWork(this.text, node);
    for (const item of node.children) {
      const first = item.children[0];
      const nested = item.children.filter((child): child is List => child.type === 'list');
      // `- Prevent:` or `- **Short term**` over nested items labels a group and is not an item.
      if (first?.type === 'paragraph' && nested.length > 0) {
        const label = this.text.slice(spanOf(first).start, spanOf(first).end).trim();
        const emphasised =
          first.children.length === 1 &&
          (first.children[0]?.type === 'strong' || first.children[0]?.type === 'emphasis');
        const colon = /:(?:\*\*|__)?$/.test(label);
        if ((colon || emphasised) && label.length <= 60 && !/\bowner\b/i.test(label)) {
          for (const list of nested) this.list(list);
          continue;
        }
      }
      const actionItem = this.listItem(item, nested);
      if (!actionItem) continue;
      if (completedList) actionItem.done = true;
      this.items.push(actionItem);
    }
  }

  private listItem(item: ListItem, nested: List[]): ActionItem | undefined {
    const first = item.children[0];
    if (first?.type !== 'paragraph') return undefined;
    const firstSpan = spanOf(first);
    const firstText = this.text.slice(firstSpan.start, firstSpan.end);
    if (firstText.trim() === '' || isReferenceOnly(firstText)) return undefined;

    const actionItem: ActionItem = {
      text: firstText,
      span: spanOf(item),
      done: item.checked === true,
      kind: 'list-item',
      textSpan: firstSpan,
      // After the whole first paragraph, so that a wrapped line is not split.
      appendAt: firstSpan.end,
    };
    readInline(actionItem, firstText, firstSpan.start);

    // `- Owner: @x` and `- Status: done` as sub-bullets.
    for (const list of nested) {
      for (const child of list.children) {
        const childFirst = child.children[0];
        if (childFirst?.type !== 'paragraph') continue;
        const childSpan = spanOf(childFirst);
        const childText = this.text.slice(childSpan.start, childSpan.end);
        if (!actionItem.owner && /^(?:\*\*|__)?(?:owners?|assignees?|dri)\b/i.test(childText)) {
          const { owner } = findOwner(childText, childSpan.start);
          if (owner) {
            actionItem.owner = owner.value;
            actionItem.ownerSpan = owner.span;
          }
        }
        if (
          /^(?:\*\*|__)?status(?:\*\*|__)?\s*:\s*(?:(?:\*\*|__)\s*)?(?:done|completed?)\b/i.test(
            childText,
          )
        ) {
          actionItem.done = true;
        }
      }
    }
    return actionItem;
  }

  private paragraph(node: Paragraph): void {
    const span = spanOf(node);
    const raw = this.text.slice(span.start, span.end);
    let offset = 0;
    for (const line of raw.split(/(?<=\r\n|\n|\r)/)) {
      const content = trimLineBreaks(line);
      if (ACTION_POINT.test(content.trim())) {
        const start = span.start + offset + (content.length - content.trimStart().length);
        const end = span.start + offset + content.trimEnd().length;
        const item: ActionItem = {
          text: this.text.slice(start, end),
          span: { start, end },
          textSpan: { start, end },
          done: false,
          kind: 'paragraph',
          appendAt: end,
        };
        readInline(item, item.text, start);
        this.items.push(item);
      }
      offset += line.length;
    }
  }

  private table(node: Table): void {
    const layout = readTable(this.text, node);
    if (!layout) return;
    const columns = actionColumns(layout);
    for (const row of layout.rows) {
      if (row.cells.every((cell) => cell.text === '')) continue;
      const actionCell = row.cells[columns.action];
      if (!actionCell || actionCell.text === '') continue;
      const item: ActionItem = {
        text: actionCell.text,
        span: row.span,
        textSpan: actionCell.content,
        done: false,
        kind: 'table-row',
        table: {
          span: layout.span,
          headerRow: layout.header.span,
          delimiterRow: layout.delimiter,
          columns: tableColumns(columns),
          cells: row.cells.map((cell) => cell.inner),
        },
      };
      this.tableCells(item, row.cells, columns);
      this.items.push(item);
    }
  }

  private tableCells(item: ActionItem, cells: TableCell[], columns: ActionColumns): void {
    const cellAt = (index: number | undefined): TableCell | undefined =>
      index === undefined ? undefined : cells[index];

    const ownerCell = cellAt(columns.owner);
    if (ownerCell) {
      item.ownerSpan =
        ownerCell.content.end > ownerCell.content.start ? ownerCell.content : ownerCell.inner;
      if (!isOwnerPlaceholder(ownerCell.text)) item.owner = ownerCell.text;
    }
    // Without an owner column, or with an empty owner cell (a column added for other rows),
    // the action text may name the owner: `Rotate keys @alice`. `TBD` in the cell says no one.
    if (!ownerCell || ownerCell.text === '') {
      const actionCell = cellAt(columns.action);
      if (actionCell) {
        const { owner } = findOwner(actionCell.text, actionCell.content.start);
        if (owner) {
          item.owner = owner.value;
          item.ownerSpan = owner.span;
        }
      }
    }

    const typeCell = cellAt(columns.type);
    if (typeCell && typeCell.text !== '') {
      item.type = typeCell.text;
      item.typeSpan = typeCell.content;
    }
    const priorityCell = cellAt(columns.priority);
    if (priorityCell && priorityCell.text !== '') {
      item.priority = priorityCell.text;
      item.prioritySpan = priorityCell.content;
    }
    if (columns.type === undefined || columns.priority === undefined) {
      const actionCell = cellAt(columns.action);
      if (actionCell) {
        const inline: ActionItem = { ...item };
        readInline(inline, actionCell.text, actionCell.content.start);
        if (columns.type === undefined && inline.type !== undefined) {
          item.type = inline.type;
          if (inline.typeSpan) item.typeSpan = inline.typeSpan;
        }
        if (columns.priority === undefined && inline.priority !== undefined) {
          item.priority = inline.priority;
          if (inline.prioritySpan) item.prioritySpan = inline.prioritySpan;
        }
      }
    }

    const statusCell = cellAt(columns.status);
    if (statusCell && DONE_STATUS.test(statusCell.text.replace(/[*_`]/g, '').trim()))
      item.done = true;
    // `n/a DONE` in a Bug column, `#97 (done)` in an Issue column, `[done]` after the action.
    if (cells.some((cell) => DONE_MARK.test(maskCode(cell.text)))) item.done = true;
  }
}

interface ActionColumns {
  action: number;
  owner?: number;
  type?: number;
  priority?: number;
  status?: number;
}

type TableColumns = NonNullable<ActionItem['table']>['columns'];

function tableColumns(columns: ActionColumns): TableColumns {
  const result: TableColumns = { action: columns.action };
  if (columns.owner !== undefined) result.owner = columns.owner;
  if (columns.type !== undefined) result.type = columns.type;
  if (columns.priority !== undefined) result.priority = columns.priority;
  return result;
}

/** Finds the action, owner, type, priority and status columns of an action item table. */
function actionColumns(layout: TableLayout): ActionColumns {
  const keys = layout.header.cells.map((cell) => headerKey(cell.text));
  const find = (pattern: RegExp): number | undefined => {
    const index = keys.findIndex((key) => pattern.test(key));
    return index >= 0 ? index : undefined;
  };
  const owner = find(OWNER_HEADER);
  const type = find(TYPE_HEADER);
  const priority = find(PRIORITY_HEADER);
  const status = find(STATUS_HEADER);
  const known = new Set([owner, type, priority, status]);
  // Without an Action header, the action is the first column that is not a number or a known one.
  const action =
    find(ACTION_HEADER) ??
    keys.findIndex(
      (key, index) => !known.has(index) && !/^(?:#|no\.?|n°|id|ticket|bug|issue|link)$/.test(key),
    );
  const columns: ActionColumns = { action: Math.max(action, 0) };
  if (owner !== undefined) columns.owner = owner;
  if (type !== undefined) columns.type = type;
  if (priority !== undefined) columns.priority = priority;
  if (status !== undefined) columns.status = status;
  return columns;
}

/**
 * Tells whether a list reads as a record of measures already taken: most items open with a
 * past-tense verb (`Expanded our monitoring`, `Enforced PR reviews`).
 */
function describesCompletedWork(text: string, list: List): boolean {
  // NOTE: a planned item written as a noun phrase (`Improved alerting for X`) also starts with
  // `-ed`. Requiring two thirds of at least two items keeps single phrases like that reported.
  const firstWords = list.children.map((item) => {
    const span = spanOf(item);
    const raw = text.slice(span.start, span.end).replace(/^[-*+]\s*(?:\[[ xX]\]\s*)?/, '');
    return /^[*_]*([A-Z][a-z]+)\b/.exec(raw)?.[1] ?? '';
  });
  const past = firstWords.filter(
    (word) => /ed$/.test(word) && word.length > 4 && !NOT_PAST_TENSE.has(word.toLowerCase()),
  );
  return firstWords.length >= 2 && past.length * 3 >= firstWords.length * 2;
}

/** Extracts the action items of the Action Items section. */
export function extractActionItems(text: string, section: Section | undefined): ActionItem[] {
  if (!section) return [];
  const collector = new ActionCollector(text);
  collector.visit(section.nodes);
  return collector.items;
}
