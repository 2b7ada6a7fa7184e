import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lint, parseConfigText, resolveConfig, type LintDiagnostic } from '../../src/core';
import type { PostmortemApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'blameless-postmortem.blameless-postmortem';

/** Fixture postmortem with missing sections, a missing field and an unsorted timeline. */
export const SEARCH_LATENCY = 'postmortems/2024-03-02-search-latency.md';
/** Fixture postmortem with every default section. */
export const LOGIN_OUTAGE = 'postmortems/2024-01-09-login-outage.md';
/** Fixture outside the postmortem folders that is a postmortem by its headings. */
export const CACHE_REVIEW = 'notes/cache-review.md';
export const README = 'README.md';
export const CONFIG_FILE = '.postmortem.json';

/** Timings that tests measured, printed with the test totals rather than checked against a bound. */
export const measurements: string[] = [];

/** Activates the extension and returns its test API. */
export async function getApi(): Promise<PostmortemApi> {
  const extension = vscode.extensions.getExtension<PostmortemApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri;
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Opens a workspace file in the active editor. */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/**
 * Polls `probe` every 50 ms until it returns a value other than undefined or false, and
 * fails after `timeoutMs`.
 */
export async function waitFor<T>(
  description: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the extension published diagnostics for the document's current version. */
export async function waitForLint(
  api: PostmortemApi,
  document: vscode.TextDocument,
): Promise<readonly vscode.Diagnostic[]> {
  await waitFor(`a lint of ${document.uri.path} version ${document.version}`, () =>
    api.getLint(document),
  );
  return api.getDiagnostics(document.uri);
}

/** Reverts unsaved changes and closes every editor, so no test leaves a dirty document behind. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Lints text with the core and the workspace's `.postmortem.json`, as the CLI would. */
export async function lintWithCore(text: string): Promise<LintDiagnostic[]> {
  const bytes = await vscode.workspace.fs.readFile(fixtureUri(CONFIG_FILE));
  const { config, errors } = parseConfigText(new TextDecoder().decode(bytes));
  assert.deepEqual(errors, [], 'the fixture .postmortem.json is invalid');
  return lint(text, { config: resolveConfig(config) }).diagnostics;
}

/** Comparable form of a diagnostic: rule, severity, 0-based range and message. */
export function describeDiagnostic(diagnostic: vscode.Diagnostic): string {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  const { start, end } = diagnostic.range;
  const severity = ['error', 'warning', 'info', 'hint'][diagnostic.severity];
  return `${start.line}:${start.character}-${end.line}:${end.character} ${severity} ${String(code)} ${diagnostic.message}`;
}

export function describeCoreDiagnostic(diagnostic: LintDiagnostic): string {
  const range = `${diagnostic.line - 1}:${diagnostic.column - 1}-${diagnostic.endLine - 1}:${diagnostic.endColumn - 1}`;
  return `${range} ${diagnostic.severity} ${diagnostic.ruleId} ${diagnostic.message}`;
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

/** Writes a workspace file through the file system, so the file watcher reports the change. */
export async function writeFixture(relativePath: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fixtureUri(relativePath), new TextEncoder().encode(text));
}

export async function readFixture(relativePath: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(relativePath)));
}

/** Returns today's date in the local time zone as YYYY-MM-DD. */
export function localDate(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** In-memory file system for testing documents that are not on disk. Folders are implied. */
export class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changeEmitter.event;

  constructor(files: Record<string, string>) {
    for (const [path, text] of Object.entries(files)) {
      this.files.set(path, new TextEncoder().encode(text));
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (file) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: file.byteLength };
    const prefix = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
    if ([...this.files.keys()].some((path) => path.startsWith(prefix))) {
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(): Array<[string, vscode.FileType]> {
    return [];
  }

  createDirectory(): void {
    // Folders are implied by the paths of the files.
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
    this.changeEmitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }

  rename(oldUri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(oldUri);
  }
}
