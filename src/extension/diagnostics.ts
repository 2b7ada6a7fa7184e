import * as vscode from 'vscode';
import {
  Linter,
  looksLikePostmortem,
  type LintDiagnostic,
  type LintResult,
  type ResolvedConfig,
  type Severity,
} from '../core';
import { CONFIG_FILE_NAME, ConfigResolver, readSettings } from './config';
import { PostmortemDocuments } from './documents';
import { logError } from './logger';

/** Name of the diagnostic collection and `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'postmortem';

/** The lint of one document version, kept for the tree view, code actions and commands. */
export interface DocumentLint {
  document: vscode.TextDocument;
  version: number;
  result: LintResult;
  config: ResolvedConfig;
  /** Editor diagnostics, in the order of `result.diagnostics`. */
  diagnostics: vscode.Diagnostic[];
  /** Length of a leading BOM that the core did not count (0 or 1): add it to core offsets. */
  offset: number;
  /** Milliseconds the core took to lint this version. */
  lintMs: number;
}

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Converts a core diagnostic, with 1-based lines and columns, to an editor diagnostic. */
export function toVscodeDiagnostic(diagnostic: LintDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(
    Math.max(0, diagnostic.line - 1),
    Math.max(0, diagnostic.column - 1),
    Math.max(0, diagnostic.endLine - 1),
    Math.max(0, diagnostic.endColumn - 1),
  );
  const converted = new vscode.Diagnostic(
    range,
    diagnostic.message,
    SEVERITIES[diagnostic.severity],
  );
  converted.source = DIAGNOSTIC_SOURCE;
  converted.code = { value: diagnostic.ruleId, target: vscode.Uri.parse(diagnostic.url) };
  return converted;
}

/** Returns the rule id of an editor diagnostic that this extension published. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  if (typeof code === 'object') return String(code.value);
  return code === undefined ? undefined : String(code);
}

/**
 * Lints postmortems as they are opened, edited and saved, and publishes the results in one
 * diagnostic collection. A lint result is dropped when the document changed while it ran.
 */
export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly lints = new Map<string, DocumentLint>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Latest lint request per document: an older request that finishes later is dropped. */
  private readonly requests = new Map<string, number>();
  /**
   * One incremental linter per open document, which parses again only the parts of the text that
   * an edit changed. A lint runs synchronously once its configuration is read, so two lints of
   * one document never run at once, and a request that a newer one replaced is dropped first.
   */
  private readonly linters = new Map<string, Linter>();
  private requestCount = 0;
  /**
   * Documents whose last editor tab was closed. VS Code can keep such a document open for a
   * while, and `onDidCloseTextDocument` fires only when it is disposed, so the diagnostics are
   * cleared when the tab closes and come back when a tab shows the document again.
   */
  private readonly closedInEditor = new Set<string>();
  /** Documents skipped for their size whose message was already shown. */
  private readonly oversized = new Set<string>();
  private readonly lintEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];

  /** Fires after a document's diagnostics were published or cleared. */
  readonly onDidLint = this.lintEmitter.event;

  constructor(
    private readonly configResolver: ConfigResolver,
    private readonly documents: PostmortemDocuments,
  ) {
    this.disposables.push(
      this.collection,
      this.lintEmitter,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onDidChange(event)),
      vscode.workspace.onDidSaveTextDocument((document) => this.onDidSave(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.onDidClose(document)),
      vscode.window.tabGroups.onDidChangeTabs((event) => this.onDidChangeTabs(event)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('postmortem')) this.relintAll();
      }),
    );

    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const onConfigFileEvent = (): void => {
      this.configResolver.invalidate();
      this.relintAll();
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onConfigFileEvent),
      watcher.onDidChange(onConfigFileEvent),
      watcher.onDidDelete(onConfigFileEvent),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Returns the lint of the document's current version, if it has one. */
  getLint(document: vscode.TextDocument): DocumentLint | undefined {
    const stored = this.lints.get(document.uri.toString());
    return stored && stored.version === document.version ? stored : undefined;
  }

  /**
   * Returns the latest lint of a document, which may be of an older version: the tree view
   * shows it while `postmortem.run` is `onSave` and the document has unsaved edits.
   */
  getLatestLint(uri: vscode.Uri): DocumentLint | undefined {
    return this.lints.get(uri.toString());
  }

  /** Returns the lint of the document's current version, linting it now when needed. */
  async ensureLint(document: vscode.TextDocument): Promise<DocumentLint | undefined> {
    return this.getLint(document) ?? (await this.lintNow(document));
  }

  /** Lints every open document again, after a settings or config file change. */
  relintAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Lints a document after `delayMs`, replacing a lint already scheduled for it. */
  schedule(document: vscode.TextDocument, delayMs: number): void {
    const key = document.uri.toString();
    if (this.closedInEditor.has(key)) return;
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      void this.lintNow(document);
    }, delayMs);
    this.timers.set(key, timer);
  }

  /**
   * Lints a document now and publishes its diagnostics. Returns undefined when the document is
   * not a postmortem, is too large, or changed while the configuration was being read.
   */
  async lintNow(document: vscode.TextDocument): Promise<DocumentLint | undefined> {
    const key = document.uri.toString();
    const request = ++this.requestCount;
    this.requests.set(key, request);
    this.closedInEditor.delete(key);

    const settings = readSettings(document);
    const kind = this.documents.classify(document, settings.files);
    if (!settings.enable || kind === 'ignored' || document.isClosed) {
      this.linters.delete(key);
      this.clear(document.uri);
      return undefined;
    }

    const text = document.getText();
    if (text.length > settings.maxDocumentSize) {
      this.clear(document.uri);
      this.reportOversized(document, text.length, settings.maxDocumentSize);
      return undefined;
    }
    this.oversized.delete(key);

    const version = document.version;
    let lintResult: LintResult;
    let config: ResolvedConfig;
    let lintMs: number;
    try {
      config = (await this.configResolver.resolve(document)).config;
      if (this.requests.get(key) !== request || document.isClosed) return undefined;
      if (document.version !== version) {
        // The text changed while the configuration was read: lint the new text instead.
        this.schedule(document, settings.debounceMs);
        return undefined;
      }
      let linter = this.linters.get(key);
      if (!linter) {
        linter = new Linter();
        this.linters.set(key, linter);
      }
      const lintStarted = performance.now();
      lintResult = linter.lint(text, { config });
      lintMs = performance.now() - lintStarted;
      for (const crashed of lintResult.diagnostics.filter((d) => d.data?.['internalError'])) {
        logError('A rule failed.', crashed.data?.['internalError'], {
          document: document.uri,
          ruleId: crashed.ruleId,
        });
      }
    } catch (error) {
      logError('Linting failed.', error, { document: document.uri });
      return undefined;
    }

    if (kind === 'detect' && !looksLikePostmortem(lintResult.postmortem)) {
      this.clear(document.uri);
      return undefined;
    }

    const stored: DocumentLint = {
      document,
      version,
      result: lintResult,
      config,
      diagnostics: lintResult.diagnostics.map(toVscodeDiagnostic),
      offset: text.charCodeAt(0) === 0xfeff ? 1 : 0,
      lintMs,
    };
    this.lints.set(key, stored);
    this.collection.set(document.uri, stored.diagnostics);
    this.lintEmitter.fire(document.uri);
    return stored;
  }

  /** Removes a document's diagnostics and stored lint. */
  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    const hadResult = this.lints.delete(key) || this.collection.has(uri);
    this.collection.delete(uri);
    if (hadResult) this.lintEmitter.fire(uri);
  }

  private onDidChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const settings = readSettings(event.document);
    if (settings.run === 'onType') this.schedule(event.document, settings.debounceMs);
  }

  private onDidSave(document: vscode.TextDocument): void {
    if (readSettings(document).run === 'onSave') this.schedule(document, 0);
  }

  private onDidClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.requests.delete(key);
    this.linters.delete(key);
    this.oversized.delete(key);
    this.closedInEditor.delete(key);
    this.documents.forget(document.uri);
    this.clear(document.uri);
  }

  private onDidChangeTabs(event: vscode.TabChangeEvent): void {
    for (const tab of event.closed) {
      const uri = tabUri(tab);
      if (!uri || isInAnyTab(uri)) continue;
      const key = uri.toString();
      const pending = this.timers.get(key);
      if (pending) clearTimeout(pending);
      this.timers.delete(key);
      this.requests.delete(key);
      this.closedInEditor.add(key);
      this.clear(uri);
    }
    for (const tab of event.opened) {
      const uri = tabUri(tab);
      if (!uri || !this.closedInEditor.delete(uri.toString())) continue;
      const document = vscode.workspace.textDocuments.find(
        (candidate) => candidate.uri.toString() === uri.toString(),
      );
      if (document) this.schedule(document, 0);
    }
  }

  private reportOversized(document: vscode.TextDocument, length: number, limit: number): void {
    const key = document.uri.toString();
    if (this.oversized.has(key)) return;
    this.oversized.add(key);
    const name = vscode.workspace.asRelativePath(document.uri, false);
    void vscode.window.showInformationMessage(
      `${name} was not linted as a postmortem: it has ${length} characters, more than ` +
        `\`postmortem.maxDocumentSize\` (${limit}). Raise that setting to lint it.`,
    );
  }
}

/** Returns the document a tab shows: the file of a text tab, or the changed side of a diff. */
function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  if (tab.input instanceof vscode.TabInputText) return tab.input.uri;
  if (tab.input instanceof vscode.TabInputTextDiff) return tab.input.modified;
  return undefined;
}

function isInAnyTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tabUri(tab)?.toString() === key),
  );
}
