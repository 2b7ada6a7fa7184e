import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { keyName, parseConfigBytes, WHOLE_FILE, type ConfigError } from '../core/config/validate';
import type { ConfigFile } from '../core/config/types';

/** Name of the configuration file looked up from each linted document's folder upwards. */
export const CONFIG_FILE_NAME = '.postmortem.json';

export interface LoadedConfig {
  file: string;
  config: ConfigFile;
  errors: ConfigError[];
}

/** Finds the nearest `.postmortem.json`, walking up from `directory` to the file system root. */
export function findConfigFile(directory: string): string | undefined {
  let current = path.resolve(directory);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Reads and validates a configuration file. A read error is returned as a config error. */
export function loadConfigFile(file: string): LoadedConfig {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const errors = [{ path: WHOLE_FILE, message: `cannot be read: ${message}` }];
    return { file, config: {}, errors };
  }
  return { file, ...parseConfigBytes(bytes) };
}

/**
 * Formats config errors as one line each, `file:line:column: key \`rules.x\` is not a known rule
 * id`, followed by what the linter does meanwhile.
 */
export function formatConfigErrors(loaded: LoadedConfig): string[] {
  return loaded.errors.map((error) => {
    const place = error.line === undefined ? '' : `:${error.line}:${error.column ?? 1}`;
    const whole = error.path === WHOLE_FILE;
    const subject = whole ? 'the file' : `key \`${keyName(error.path)}\``;
    const outcome = whole
      ? 'The defaults are used until it is fixed.'
      : "The file's other keys still apply.";
    return `${loaded.file}${place}: ${subject} ${error.message}. ${outcome}`;
  });
}
