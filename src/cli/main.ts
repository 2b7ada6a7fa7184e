import { Command, InvalidArgumentError, Option } from 'commander';
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import picomatch from 'picomatch';
import {
  DEFAULT_FILE_PATTERNS,
  computeLineStarts,
  lint,
  looksLikePostmortem,
  offsetToPosition,
  PROFILES,
  resolveConfig,
  stripBom,
  type ProfileName,
} from '../core';
import type { ConfigFile } from '../core/config/types';
import {
  findConfigFile,
  formatConfigErrors,
  loadConfigFile,
  type LoadedConfig,
} from '../node/config-file';
import { findInvalidUtf8 } from '../core/utf8';
import { formatJson, formatText, type FileResult } from './format';
import { version } from '../../package.json';

/**
 * Returns why a file's bytes cannot be linted as text, as the rest of a message that starts
 * with the file name (`:line:column: …`), or undefined when they are UTF-8 text.
 */
function textFileProblem(bytes: Buffer): string | undefined {
  const invalid = isUtf8(bytes) ? undefined : findInvalidUtf8(bytes);
  if (invalid?.utf16) {
    return ': is UTF-16 (it starts with a UTF-16 byte order mark), so it was not linted. Save it as UTF-8.';
  }
  if (invalid) {
    return (
      `:${invalid.line}:${invalid.column}: byte 0x${invalid.byte} is not UTF-8, so the file was ` +
      'not linted. Save it as UTF-8 (it may be Latin-1 or Windows-1252).'
    );
  }
  const nul = bytes.indexOf(0);
  if (nul < 0) return undefined;
  const text = stripBom(bytes.toString('utf8'));
  const { line, column } = offsetToPosition(computeLineStarts(text), text.indexOf('\u0000'));
  return (
    `:${line}:${column}: contains a NUL byte, so it is binary or UTF-16 without a byte order ` +
    'mark and was not linted. Save it as UTF-8 text.'
  );
}

/** Exit codes: 0 no error-severity problem, 1 at least one, 2 usage error or unreadable file. */
const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;

interface Options {
  format: 'text' | 'json';
  config?: string;
  profile?: ProfileName;
  quiet?: boolean;
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
  cwd: string;
}

const MARKDOWN_EXTENSIONS = ['md', 'markdown', 'mdx'];

/** Expands each argument: a file as is, a folder to its Markdown files, a glob to its matches. */
async function expandPaths(
  inputs: string[],
  cwd: string,
  io: Io,
): Promise<{ files: string[]; searched: Set<string>; missing: boolean }> {
  const files: string[] = [];
  // Files found by a folder or glob search, as opposed to named one by one.
  const searched = new Set<string>();
  const named = new Set<string>();
  let missing = false;
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      stats = undefined;
    }
    if (stats?.isFile()) {
      files.push(absolute);
      named.add(absolute);
      continue;
    }
    const pattern = stats?.isDirectory()
      ? `${path.relative(cwd, absolute).replace(/\\/g, '/') || '.'}/**/*.{${MARKDOWN_EXTENSIONS.join(',')}}`
      : isDynamicPattern(input)
        ? input
        : undefined;
    const matches = pattern
      ? await glob(pattern, {
          cwd,
          absolute: true,
          ignore: ['**/node_modules/**', '**/.git/**'],
          dot: false,
        })
      : [];
    if (matches.length === 0) {
      io.stderr(`postmortem-lint: ${input}: no such file, or no Markdown files match it.\n`);
      missing = true;
    }
    for (const match of matches.sort()) {
      files.push(match);
      searched.add(match);
    }
  }
  for (const file of named) searched.delete(file);
  return { files: [...new Set(files)], searched, missing };
}

function parseProfile(value: string): ProfileName {
  if (!(value in PROFILES)) {
    throw new InvalidArgumentError(`Use one of ${Object.keys(PROFILES).join(', ')}.`);
  }
  return value as ProfileName;
}

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const program = new Command('postmortem-lint')
    .description('Lint incident postmortems written in Markdown.')
    .version(version)
    .argument('<paths...>', 'files, folders (searched for *.md) or globs; `-` reads standard input')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option(
      '-c, --config <file>',
      'configuration file to use instead of the nearest .postmortem.json',
    )
    .option('-p, --profile <name>', 'profile: default, google-sre or minimal', parseProfile)
    .option('-q, --quiet', 'report errors only, not warnings or information')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? EXIT_OK : EXIT_USAGE;
  }
  const options = program.opts<Options>();
  let exitCode = EXIT_OK;

  let explicit: LoadedConfig | undefined;
  if (options.config) {
    explicit = loadConfigFile(path.resolve(io.cwd, options.config));
    const unreadable = explicit.errors.find((error) => error.message.startsWith('cannot be read'));
    if (unreadable) {
      io.stderr(`postmortem-lint: ${explicit.file}: ${unreadable.message}\n`);
      return EXIT_USAGE;
    }
  }
  const reported = new Set<string>();
  const configFor = (file: string): ConfigFile => {
    const loaded = explicit ?? loadNearest(file === '-' ? io.cwd : path.dirname(file));
    if (!loaded) return {};
    if (loaded.errors.length > 0 && !reported.has(loaded.file)) {
      reported.add(loaded.file);
      for (const line of formatConfigErrors(loaded)) {
        io.stderr(`postmortem-lint: invalid configuration: ${line}\n`);
      }
    }
    return loaded.config;
  };

  const { files, searched, missing } = await expandPaths(program.args, io.cwd, io);
  if (missing) exitCode = EXIT_USAGE;
  const overrides: ConfigFile = options.profile ? { profile: options.profile } : {};
  const results: FileResult[] = [];
  const isPostmortemPath = picomatch([...DEFAULT_FILE_PATTERNS], { dot: true });
  let skipped = 0;

  for (const file of files) {
    const shown = file === '-' ? '<stdin>' : path.relative(io.cwd, file) || file;
    let bytes: Buffer;
    try {
      bytes = file === '-' ? io.readStdin() : readFileSync(file);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr(`postmortem-lint: ${shown}: cannot be read (${reason}).\n`);
      exitCode = EXIT_USAGE;
      continue;
    }
    const problem = textFileProblem(bytes);
    if (problem) {
      io.stderr(`postmortem-lint: ${shown}${problem}\n`);
      exitCode = EXIT_USAGE;
      continue;
    }
    const text = bytes.toString('utf8');
    const config = resolveConfig(configFor(file), overrides);
    let result;
    try {
      result = lint(text, { config });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr(`postmortem-lint: ${shown}: could not be linted (${reason}).\n`);
      exitCode = EXIT_USAGE;
      continue;
    }
    // A folder or glob search lints only postmortems, as the editor does: by path or content.
    const relative = path.relative(io.cwd, file).replace(/\\/g, '/');
    if (
      searched.has(file) &&
      !isPostmortemPath(relative) &&
      !looksLikePostmortem(result.postmortem)
    ) {
      skipped++;
      continue;
    }
    let diagnostics = result.diagnostics;
    if (options.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');
    results.push({ file: shown, diagnostics });
  }
  if (skipped > 0) {
    io.stderr(
      `postmortem-lint: skipped ${skipped} Markdown ${skipped === 1 ? 'file that is' : 'files that are'} not a postmortem (name a file to lint it anyway).\n`,
    );
  }
  if (reported.size > 0) exitCode = EXIT_USAGE;

  io.stdout(options.format === 'json' ? formatJson(results) : formatText(results));
  const hasErrors = results.some((result) =>
    result.diagnostics.some((d) => d.severity === 'error'),
  );
  if (exitCode === EXIT_OK && hasErrors) exitCode = EXIT_PROBLEMS;
  return exitCode;
}

const nearestCache = new Map<string, LoadedConfig | undefined>();

function loadNearest(directory: string): LoadedConfig | undefined {
  if (!nearestCache.has(directory)) {
    const file = findConfigFile(directory);
    nearestCache.set(directory, file ? loadConfigFile(file) : undefined);
  }
  return nearestCache.get(directory);
}

if (require.main === module) {
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0),
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `postmortem-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = EXIT_USAGE;
    },
  );
}
