import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { lint } from './index';
import { resolveConfig } from './config/resolve';
import type { ConfigFile } from './config/types';

/**
 * unified plugin that runs the postmortem rules on a Markdown file and adds each problem to
 * the file as a message, so `remark --use blameless-postmortem/remark-plugin` reports them.
 */
export default function remarkPostmortem(options: ConfigFile = {}) {
  const config = resolveConfig(options);
  return (_tree: Root, file: VFile): void => {
    const { diagnostics } = lint(String(file.value), { config });
    for (const d of diagnostics) {
      const message = file.message(d.message, {
        place: {
          start: { line: d.line, column: d.column },
          end: { line: d.endLine, column: d.endColumn },
        },
        ruleId: d.ruleId,
        source: 'postmortem',
      });
      message.url = d.url;
      message.fatal = d.severity === 'error' ? true : d.severity === 'warning' ? false : undefined;
    }
  };
}
