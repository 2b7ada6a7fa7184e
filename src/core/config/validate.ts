import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parseTree, type Node, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import schema from '../../../schemas/postmortem-config.schema.json';
import { computeLineStarts, offsetToPosition } from '../positions';
import { describeInvalidUtf8, findInvalidUtf8 } from '../utf8';
import type { ConfigFile } from './types';

/** JSON pointer of a whole configuration file, as `ConfigError.path`. */
export const WHOLE_FILE = '';

/** A problem found in a configuration file, with the JSON path of the offending key. */
export interface ConfigError {
  /** JSON pointer of the key (RFC 6901), or `WHOLE_FILE`. */
  path: string;
  message: string;
  /** 1-based line and UTF-16 column of the key or syntax error, when parsed from text. */
  line?: number;
  column?: number;
}

export interface ConfigValidation {
  /** The valid part of the configuration: every key with an error is left out. */
  config: ConfigFile;
  errors: ConfigError[];
}

let validateSchema: ValidateFunction<ConfigFile> | undefined;

/** Compiles the schema on first use, so loading the extension does not pay for it. */
function schemaValidator(): ValidateFunction<ConfigFile> {
  validateSchema ??= new Ajv({ allErrors: true, strict: false }).compile<ConfigFile>(schema);
  return validateSchema;
}

/** Keys whose entries are checked one by one, so one bad entry leaves the others in force. */
const MAPS: Record<string, string> = { rules: 'rule id', synonyms: 'section id' };

function describe(error: ErrorObject): ConfigError {
  const path = error.instancePath;
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty?: string }).additionalProperty);
    return { path: `${error.instancePath}/${escapePointer(key)}`, message: 'is not a known key' };
  }
  if (error.keyword === 'propertyNames') {
    const name = String((error.params as { propertyName?: string }).propertyName);
    const kind = MAPS[error.instancePath.slice(1)] ?? 'name';
    return {
      path: `${error.instancePath}/${escapePointer(name)}`,
      message: `is not a known ${kind}`,
    };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    const list = allowed.map((value) => `\`${String(value)}\``).join(', ');
    return { path, message: `must be one of ${list}` };
  }
  if (error.keyword === 'type') {
    const type = String((error.params as { type?: string }).type);
    return { path, message: `must be ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}` };
  }
  const limit = Number((error.params as { limit?: number }).limit);
  if (error.keyword === 'minLength') {
    return {
      path,
      message: limit === 1 ? 'must not be empty' : `must be ${limit} or more characters long`,
    };
  }
  if (error.keyword === 'minItems') {
    return { path, message: `must list at least ${limit} ${limit === 1 ? 'entry' : 'entries'}` };
  }
  if (error.keyword === 'minimum') return { path, message: `must be ${limit} or more` };
  if (error.keyword === 'uniqueItems') return { path, message: 'must not list an entry twice' };
  return { path, message: error.message ?? 'is invalid' };
}

/**
 * Validates parsed `.postmortem.json` content against the configuration schema. Returns the
 * valid part: a bad entry of `rules` or `synonyms` is dropped alone, any other bad key whole.
 */
export function validateConfig(value: unknown): ConfigValidation {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { config: {}, errors: [{ path: WHOLE_FILE, message: 'must be a JSON object' }] };
  }
  const validate = schemaValidator();
  if (validate(value)) return { config: value, errors: [] };
  // A bad property name also fails the `enum` inside `propertyNames`: report it once.
  const errors = (validate.errors ?? [])
    .filter((error) => !(error.propertyName !== undefined && error.keyword === 'enum'))
    .map(describe);
  // One error per key: an unknown rule id with an invalid level is reported as unknown.
  const unique: ConfigError[] = [];
  for (const error of errors) {
    if (!unique.some((kept) => kept.path === error.path)) unique.push(error);
  }

  const config = structuredClone(value) as Record<string, unknown>;
  for (const error of unique) {
    const [top, entry] = pointerSegments(error.path);
    if (top === undefined) continue;
    const map = config[top];
    if (
      entry !== undefined &&
      top in MAPS &&
      map &&
      typeof map === 'object' &&
      !Array.isArray(map)
    ) {
      delete (map as Record<string, unknown>)[entry];
    } else {
      delete config[top];
    }
  }
  return { config: config, errors: unique };
}

/** Escapes one key for a JSON pointer (RFC 6901). */
function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a JSON pointer such as `/rules/placeholder` into its unescaped keys. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === WHOLE_FILE) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Formats a JSON pointer as a reader writes the key: `rules.placeholder`. */
export function keyName(pointer: string): string {
  return pointerSegments(pointer)
    .map((key) => (key === '' ? '""' : key))
    .join('.');
}

/** Plain-words reason for each JSON syntax error code, as the error message states it. */
const SYNTAX_ERRORS: Partial<Record<ParseErrorCode, string>> = {
  1: 'a character that JSON does not allow here',
  2: 'a number that is not valid',
  3: 'a property name was expected (in double quotes)',
  4: 'a value was expected',
  5: 'a colon was expected after the property name',
  6: 'a comma was expected',
  7: 'a closing `}` was expected',
  8: 'a closing `]` was expected',
  9: 'text follows the end of the JSON value',
  10: 'comments are not allowed in JSON',
  11: 'a comment is not closed',
  12: 'a string is not closed',
  13: 'a number is cut short',
  14: 'a Unicode escape is not valid',
  15: 'an escape sequence is not valid',
  16: 'a character is not valid inside a string',
};

/**
 * Finds the value node at a JSON pointer's keys. Of duplicate keys it takes the last, whose
 * value is the one that applies.
 */
function nodeAt(tree: Node, segments: readonly string[]): Node | undefined {
  let node: Node | undefined = tree;
  for (const segment of segments) {
    const children: Node[] = node?.children ?? [];
    if (node?.type === 'array') {
      node = /^\d+$/.test(segment) ? children[Number(segment)] : undefined;
      continue;
    }
    if (node?.type !== 'object') return undefined;
    let found: Node | undefined;
    for (let index = children.length - 1; index >= 0 && !found; index--) {
      if (children[index]?.children?.[0]?.value === segment) found = children[index];
    }
    node = found?.children?.[1];
  }
  return node;
}

/** Finds the node a key's error points at: the key itself for a property, else the value. */
function locate(tree: Node, pointer: string): Node | undefined {
  const segments = pointerSegments(pointer);
  let node: Node | undefined;
  // A rejected key may sit under a parent that is missing, so walk up until a node is found.
  for (let length = segments.length; length > 0 && !node; length--) {
    node = nodeAt(tree, segments.slice(0, length));
  }
  if (!node) return undefined;
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  return property?.children?.[0] ?? node;
}

/**
 * Parses and validates the bytes of a `.postmortem.json` file, which must be UTF-8. A file
 * that is not gives one error at its first invalid byte, and none of its keys apply.
 */
export function parseConfigBytes(bytes: Uint8Array): ConfigValidation {
  const invalid = findInvalidUtf8(bytes);
  if (invalid) {
    const { line, column } = invalid;
    return {
      config: {},
      errors: [{ path: WHOLE_FILE, message: describeInvalidUtf8(invalid), line, column }],
    };
  }
  return parseConfigText(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
}

/**
 * Parses and validates the text of a `.postmortem.json` file. Each error carries the line and
 * column of its key, or of the first syntax error when the text is not JSON.
 */
export function parseConfigText(text: string): ConfigValidation {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = text.slice(bom);
  const syntax: ParseError[] = [];
  const tree = parseTree(body, syntax, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = syntax[0];
  if (first || !tree) {
    const offset = first?.offset ?? body.length;
    const reason = (first && SYNTAX_ERRORS[first.error]) ?? 'the file is empty';
    return {
      config: {},
      errors: [
        {
          path: WHOLE_FILE,
          message: `is not valid JSON: ${reason}`,
          ...offsetToPosition(computeLineStarts(body), offset),
        },
      ],
    };
  }
  // The text parsed without errors, so it should be strict JSON, and JSON.parse gives plain
  // objects where jsonc-parser gives objects without a prototype.
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { config: {}, errors: [{ path: WHOLE_FILE, message: `is not valid JSON: ${reason}` }] };
  }
  const validation = validateConfig(value);
  const lineStarts = computeLineStarts(body);
  for (const error of validation.errors) {
    const node = error.path === WHOLE_FILE ? tree : locate(tree, error.path);
    if (node) Object.assign(error, offsetToPosition(lineStarts, node.offset));
  }
  validation.errors.sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  return validation;
}
