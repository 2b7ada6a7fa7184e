import * as vscode from 'vscode';

/** Subject of an error: the document and, when one was running, the rule. */
export interface LogContext {
  document?: vscode.Uri;
  ruleId?: string;
}

let channel: vscode.LogOutputChannel | undefined;

/** Errors already logged: a lint that fails on every keystroke is logged once per document. */
const logged = new Set<string>();
const MAX_REMEMBERED_ERRORS = 1000;

/**
 * Writes an error to the "Blameless Postmortem" output channel. The channel is created on the
 * first error, so a session without errors adds no output channel.
 */
export function logError(message: string, error?: unknown, context: LogContext = {}): void {
  const parts = [message];
  if (context.document) parts.push(`document: ${context.document.toString(true)}`);
  if (context.ruleId) parts.push(`rule: ${context.ruleId}`);
  if (error !== undefined) parts.push(describeError(error));
  const line = parts.join(' | ');
  if (logged.has(line)) return;
  if (logged.size >= MAX_REMEMBERED_ERRORS) logged.clear();
  logged.add(line);

  channel ??= vscode.window.createOutputChannel('Blameless Postmortem', { log: true });
  channel.error(line);
}

/** Disposes the output channel, if one was created. */
export function disposeLogger(): void {
  channel?.dispose();
  channel = undefined;
  logged.clear();
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
