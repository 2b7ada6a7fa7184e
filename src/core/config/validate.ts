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

function describe(error: ErrorObject): ConfigError {
  const path = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty?: string }).additionalProperty);
    return { path: `${error.instancePath}/${key}`, message: `unknown key \`${key}\`` };
  }
  if (error.keyword === 'propertyNames') {
    const name = String((error.params as { propertyName?: string }).propertyName);
    return { path: `${error.instancePath}/${name}`, message: `unknown name \`${name}\`` };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    return {
      path,
      message: `must be one of ${allowed.map((value) => `\`${String(value)}\``).join(', ')}`,
    };
  }
  return { path, message: error.message ?? 'is invalid' };
}

/**
 * Validates parsed `.postmortem.json` content against the configuration schema. Returns the
 * keys that are valid, so one bad key does not discard the rest of the file.
 */
export function validateConfig(value: unknown): ConfigValidation {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { config: {}, errors: [{ path: '/', message: 'must be a JSON object' }] };
  }
  const validate = schemaValidator();
  if (validate(value)) return { config: value, errors: [] };
  const errors = (validate.errors ?? [])
    .filter((error) => error.keyword !== 'if' && !(error.propertyName && error.keyword === 'enum'))
    .map(describe);
  const unique = [
    ...new Map(errors.map((error) => [`${error.path} ${error.message}`, error])).values(),
  ];
  const badTopKeys = new Set(unique.map((error) => error.path.split('/')[1]).filter(Boolean));
  const config: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (!badTopKeys.has(key)) config[key] = entry;
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
