import picomatch from 'picomatch';
import * as vscode from 'vscode';

/**
 * Treatment of a document. `postmortem`: linted, because its path matches `postmortem.files` or
 * the user forced it. `detect`: a Markdown file linted only when its content looks like a
 * postmortem. `ignored`: never linted.
 */
export type DocumentKind = 'postmortem' | 'detect' | 'ignored';

/** Schemes of read-only views of other content (diffs, output, notebook cells), never linted. */
const IGNORED_SCHEMES = new Set([
  'git',
  'gitfs',
  'output',
  'vscode-scm',
  'comment',
  'vscode-notebook-cell',
  'vscode-chat-code-block',
]);

/** Tracks the documents the user chose to lint as postmortems, whatever their path or content. */
export class PostmortemDocuments {
  private readonly forced = new Set<string>();

  force(uri: vscode.Uri): void {
    this.forced.add(uri.toString());
  }

  forget(uri: vscode.Uri): void {
    this.forced.delete(uri.toString());
  }

  isForced(uri: vscode.Uri): boolean {
    return this.forced.has(uri.toString());
  }

  /** Classifies a document with the `postmortem.files` patterns that apply to it. */
  classify(document: vscode.TextDocument, filePatterns: readonly string[]): DocumentKind {
    if (IGNORED_SCHEMES.has(document.uri.scheme)) return 'ignored';
    if (this.isForced(document.uri)) return 'postmortem';
    if (document.languageId !== 'markdown') return 'ignored';
    const path = matchablePath(document.uri);
    if (path !== undefined && matchesFilePatterns(path, filePatterns)) return 'postmortem';
    return 'detect';
  }
}

/**
 * Returns the path that `postmortem.files` patterns are matched against: relative to the
 * workspace folder, or the absolute path without its leading slash for a file outside every
 * folder. An untitled document has no path.
 */
export function matchablePath(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'untitled') return undefined;
  if (vscode.workspace.getWorkspaceFolder(uri)) return vscode.workspace.asRelativePath(uri, false);
  return uri.path.replace(/^\/+/, '');
}

const matchers = new Map<string, (path: string) => boolean>();

/** Tells whether a slash-separated path matches one of the glob patterns. */
export function matchesFilePatterns(path: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const key = JSON.stringify(patterns);
  let isMatch = matchers.get(key);
  if (!isMatch) {
    // `dot` lets `**` cross folders such as `.github`. `nocase` accepts `Postmortems/` too.
    isMatch = picomatch([...patterns], { dot: true, nocase: true });
    matchers.set(key, isMatch);
  }
  return isMatch(path.replace(/\\/g, '/'));
}
