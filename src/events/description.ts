import MarkdownIt from 'markdown-it';

/**
 * An event's description as the registration page shows it: the host's Markdown (emphasis,
 * lists, links, headings, quotes, code) rendered to HTML that can carry no script. Raw HTML is
 * shown as text (`html: false`), links go only to http(s) and mailto addresses and open with
 * rel="nofollow noopener noreferrer", and images are not rendered, so the page loads nothing from
 * elsewhere. Headings start at h3: the page's own title is the h1.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true }).disable(['image']);

const safeLink = /^(https?:|mailto:)/i;
markdown.validateLink = (url) => safeLink.test(url.trim());

const renderToken = markdown.renderer.renderToken.bind(markdown.renderer);
markdown.renderer.rules.link_open = (tokens, index, options) => {
  const token = tokens[index]!;
  token.attrSet('rel', 'nofollow noopener noreferrer');
  token.attrSet('target', '_blank');
  return renderToken(tokens, index, options);
};
const shiftHeading: NonNullable<typeof markdown.renderer.rules.heading_open> = (tokens, index, options) => {
  const token = tokens[index]!;
  token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
  return renderToken(tokens, index, options);
};
markdown.renderer.rules.heading_open = shiftHeading;
markdown.renderer.rules.heading_close = shiftHeading;

export function renderDescription(text: string): string {
  return markdown.render(text);
}
