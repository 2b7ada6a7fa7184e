import { DEFAULT_FILE_PATTERNS } from '../core/files';
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { logError } from './logger';
import {
  PROFILES,
  keyName,
  parseConfigBytes,
  WHOLE_FILE,
  resolveConfig,
  type ConfigError,
  type ConfigFile,
  type ProfileName,
  type ResolvedConfig,
  type RuleLevel,
} from '../core';

/** Name of the configuration file looked up from each document's folder upwards. */
export const CONFIG_FILE_NAME = '.postmortem.json';

export type RunMode = 'onType' | 'onSave';
export type TemplateStyle = 'frontmatter' | 'table';

/** The `postmortem.*` settings that apply to one document. */
export interface PostmortemSettings {
  enable: boolean;
  files: string[];
  /** The profile when a settings file sets it, so that an unset profile leaves the config file's. */
  profile: ProfileName | undefined;
  rules: Record<string, RuleLevel>;
  run: RunMode;
  debounceMs: number;
  maxDocumentSize: number;
  folder: string;
  template: TemplateStyle;
}

const RULE_LEVELS: readonly string[] = ['error', 'warning', 'info', 'off'];

/** Reads the `postmortem.*` settings for a document, a folder or, without a scope, the window. */
export function readSettings(scope?: vscode.ConfigurationScope): PostmortemSettings {
  const settings = vscode.workspace.getConfiguration('postmortem', scope);
  const files = settings.get<unknown>('files');
  const debounceMs = settings.get<unknown>('debounceMs');
  const maxDocumentSize = settings.get<unknown>('maxDocumentSize');
  const folder = settings.get<unknown>('folder');

  return {
    enable: settings.get<boolean>('enable', true) !== false,
    files: Array.isArray(files)
      ? files.filter((pattern): pattern is string => typeof pattern === 'string')
      : [...DEFAULT_FILE_PATTERNS],
    profile: explicitProfile(settings),
    rules: ruleLevels(settings.get<unknown>('rules')),
    run: settings.get<string>('run') === 'onSave' ? 'onSave' : 'onType',
    debounceMs: isNonNegativeNumber(debounceMs) ? debounceMs : 300,
    maxDocumentSize: isNonNegativeNumber(maxDocumentSize) ? maxDocumentSize : 1_000_000,
    folder: typeof folder === 'string' && folder.trim() ? folder.trim() : 'postmortems',
    template: settings.get<string>('template') === 'table' ? 'table' : 'frontmatter',
  };
}

/** Returns the profile a user, workspace or folder settings file sets, ignoring the default. */
function explicitProfile(settings: vscode.WorkspaceConfiguration): ProfileName | undefined {
  const inspected = settings.inspect<string>('profile');
  const value =
    inspected?.workspaceFolderLanguageValue ??
    inspected?.workspaceFolderValue ??
    inspected?.workspaceLanguageValue ??
    inspected?.workspaceValue ??
    inspected?.globalLanguageValue ??
    inspected?.globalValue;
  return value !== undefined && Object.hasOwn(PROFILES, value) ? (value as ProfileName) : undefined;
}

/** Returns the part of the configuration that settings set, which overrides `.postmortem.json`. */
export function settingsOverrides(settings: PostmortemSettings): ConfigFile {
  const overrides: ConfigFile = { rules: settings.rules };
  if (settings.profile) overrides.profile = settings.profile;
  return overrides;
}

function ruleLevels(value: unknown): Record<string, RuleLevel> {
  const levels: Record<string, RuleLevel> = {};
  if (value === null || typeof value !== 'object') return levels;
  for (const [ruleId, level] of Object.entries(value)) {
    if (typeof level === 'string' && RULE_LEVELS.includes(level))
      levels[ruleId] = level as RuleLevel;
  }
  return levels;
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** The configuration a document is linted with, and the file it came from, if any. */
export interface DocumentConfig {
  config: ResolvedConfig;
  settings: PostmortemSettings;
  file: vscode.Uri | undefined;
}

interface ConfigFileContents {
  config: ConfigFile;
  errors: ConfigError[];
}

/**
 * Finds, reads and caches `.postmortem.json` files through `vscode.workspace.fs`, so that
 * virtual file systems work too, and merges them with the settings.
 */
export class ConfigResolver {
  /** Nearest config file for each folder already searched, keyed by folder URI. */
  private readonly nearest = new Map<string, Promise<vscode.Uri | undefined>>();
  private readonly contents = new Map<string, Promise<ConfigFileContents>>();
  /** Errors already shown, so a bad file is reported once and not on every keystroke. */
  private readonly reported = new Set<string>();
  private readonly errorEmitter = new vscode.EventEmitter<string>();
  /** Fires with the text of each configuration error message shown to the user. */
  readonly onDidReportError = this.errorEmitter.event;

  dispose(): void {
    this.errorEmitter.dispose();
  }

  /** Forgets every cached file, after a config file was created, changed or deleted. */
  invalidate(): void {
    this.nearest.clear();
    this.contents.clear();
    this.reported.clear();
  }

  /** Resolves the configuration of a document: profile, then config file, then settings. */
  resolve(document: vscode.TextDocument): Promise<DocumentConfig> {
    return this.resolveAt(document.uri, document);
  }

  /** Resolves the configuration that a file at `uri`, which may not exist yet, would get. */
  resolveForUri(uri: vscode.Uri): Promise<DocumentConfig> {
    return this.resolveAt(uri, uri);
  }

  private async resolveAt(
    uri: vscode.Uri,
    scope: vscode.ConfigurationScope,
  ): Promise<DocumentConfig> {
    const settings = readSettings(scope);
    const file = await this.findConfigFile(uri);
    let fileConfig: ConfigFile = {};
    if (file) {
      const { config, errors } = await this.readConfigFile(file);
      fileConfig = config;
      if (errors.length > 0) this.reportErrors(file, errors);
    }
    return { config: resolveConfig(fileConfig, settingsOverrides(settings)), settings, file };
  }

  /**
   * Returns the nearest `.postmortem.json` in the document's folder or one above it. An
   * untitled document has no folder, so it uses the first workspace folder's file.
   */
  findConfigFile(documentUri: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (documentUri.scheme === 'untitled') {
      const root = vscode.workspace.workspaceFolders?.[0]?.uri;
      return root ? this.findFrom(root) : Promise.resolve(undefined);
    }
    return this.findFrom(documentUri.with({ path: posix.dirname(documentUri.path) }));
  }

  private findFrom(folder: vscode.Uri): Promise<vscode.Uri | undefined> {
    const key = folder.toString();
    let found = this.nearest.get(key);
    if (!found) {
      found = this.searchFolder(folder);
      this.nearest.set(key, found);
    }
    return found;
  }

  private async searchFolder(folder: vscode.Uri): Promise<vscode.Uri | undefined> {
    const candidate = vscode.Uri.joinPath(folder, CONFIG_FILE_NAME);
    if (await isFile(candidate)) return candidate;
    const parentPath = posix.dirname(folder.path);
    if (parentPath === folder.path) return undefined;
    return this.findFrom(folder.with({ path: parentPath }));
  }

  private readConfigFile(file: vscode.Uri): Promise<ConfigFileContents> {
    const key = file.toString();
    let contents = this.contents.get(key);
    if (!contents) {
      contents = readConfigContents(file);
      this.contents.set(key, contents);
    }
    return contents;
  }

  private reportErrors(file: vscode.Uri, errors: ConfigError[]): void {
    const details = errors
      .map((error) => {
        const subject = error.path === WHOLE_FILE ? 'the file' : `key \`${keyName(error.path)}\``;
        const place = error.line === undefined ? '' : ` (line ${error.line})`;
        return `${subject}${place} ${error.message}`;
      })
      .join('; ');
    const key = `${file.toString()}\n${details}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const name = vscode.workspace.asRelativePath(file, true);
    const outcome = errors.some((error) => error.path === WHOLE_FILE)
      ? 'The defaults are used until it is fixed.'
      : "The file's other keys still apply.";
    const first = errors.find((error) => error.line !== undefined);
    const open = 'Open Configuration';
    const message = `Invalid postmortem configuration in ${name}: ${details}. ${outcome}`;
    this.errorEmitter.fire(message);
    void vscode.window.showErrorMessage(message, open).then(async (choice) => {
      if (choice !== open) return;
      const line = Math.max(0, (first?.line ?? 1) - 1);
      const character = Math.max(0, (first?.column ?? 1) - 1);
      const position = new vscode.Position(line, character);
      try {
        await vscode.window.showTextDocument(file, {
          selection: new vscode.Range(position, position),
        });
      } catch (error) {
        // The file may have been deleted or renamed since the message was shown.
        logError('Could not open the configuration file.', error, { document: file });
      }
    });
  }
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return (stat.type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

async function readConfigContents(file: vscode.Uri): Promise<ConfigFileContents> {
  try {
    const bytes = await vscode.workspace.fs.readFile(file);
    return parseConfigBytes(bytes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const errors = [{ path: WHOLE_FILE, message: `could not be read (${message})` }];
    return { config: {}, errors };
  }
}
