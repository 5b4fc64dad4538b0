import MarkdownIt from 'markdown-it';

/**
 * Opening descriptions are stored as Markdown and rendered on read. Raw HTML is never passed
 * through (`html: false` escapes it), and markdown-it's link validation drops `javascript:`,
 * `vbscript:`, `file:` and non-image `data:` URLs. Links open with rel="nofollow noopener noreferrer".
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export const MAX_DESCRIPTION_LENGTH = 20_000;

export function renderMarkdown(source: string): string {
  return md.render(source ?? '');
}
