import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml', { type: 'toml', marker: '+' }]);

/** Parses Markdown with GFM tables and task lists and YAML (`---`) or TOML (`+++`) frontmatter. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
