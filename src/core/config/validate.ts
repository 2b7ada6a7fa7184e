import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../schemas/postmortem-config.schema.json';
import type { ConfigFile } from './types';

/** A problem found in a configuration file, with the JSON path of the offending key. */
export interface ConfigError {
  path: string;
  message: string;
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
  const path = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty?: string }).additionalProperty);
    return { path: `${error.instancePath}/${key}`, message: 'is not a known key' };
  }
  if (error.keyword === 'propertyNames') {
    const name = String((error.params as { propertyName?: string }).propertyName);
    const kind = MAPS[error.instancePath.slice(1)] ?? 'name';
    return { path: `${error.instancePath}/${name}`, message: `is not a known ${kind}` };
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
  return { path, message: error.message ?? 'is invalid' };
}

/**
 * Validates parsed `.postmortem.json` content against the configuration schema. Returns the
 * valid part: a bad entry of `rules` or `synonyms` is dropped alone, any other bad key whole.
 */
export function validateConfig(value: unknown): ConfigValidation {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { config: {}, errors: [{ path: '/', message: 'must be a JSON object' }] };
  }
  const validate = schemaValidator();
  if (validate(value)) return { config: value, errors: [] };
  // A bad property name also fails the `enum` inside `propertyNames`: report it once.
  const errors = (validate.errors ?? [])
    .filter((error) => !(error.propertyName && error.keyword === 'enum'))
    .map(describe);
  const unique = [
    ...new Map(errors.map((error) => [`${error.path} ${error.message}`, error])).values(),
  ];

  const config = structuredClone(value) as Record<string, unknown>;
  for (const error of unique) {
    const [top, entry] = error.path.split('/').slice(1);
    if (!top) continue;
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

/** Parses and validates the text of a `.postmortem.json` file. */
export function parseConfigText(text: string): ConfigValidation {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { config: {}, errors: [{ path: '/', message: `is not valid JSON: ${message}` }] };
  }
  return validateConfig(value);
}
