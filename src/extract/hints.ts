/**
 * Class/id hints in English and pinyin. A class is split into words (`CopyrightRichText-richText`
 * → copyright rich text rich text) and read from the end, because the last decisive word names the
 * element's role: `article-comment` is a comment block, `CopyrightRichText` is the text itself.
 */
const STRONG_NEGATIVE = [
  'nav', 'navbar', 'navigation', 'menu', 'footer', 'foot', 'sidebar', 'side', 'aside', 'breadcrumb',
  'breadcrumbs', 'crumb', 'crumbs', 'copyright', 'share', 'sharing', 'social', 'related', 'relate',
  'recommend', 'recommends', 'advert', 'advertisement', 'ad', 'ads', 'sponsor', 'banner', 'popup', 'modal',
  'login', 'subscribe', 'pagination', 'pager', 'toolbar', 'widget', 'ranking', 'rank', 'hot', 'hotnews',
  'tag', 'tags', 'xiangguan', 'tuijian', 'fenxiang', 'disclaimer', 'qrcode', 'erweima', 'sinaads',
  'adsbygoogle', 'friendlink', 'links', 'cookie', 'header', 'head', 'topbar', 'tool', 'tools', 'btn',
  'button', 'icon', 'avatar', 'gg', 'dh', 'guide', 'hotlist', 'more', 'player',
];
/** Comment sections are boilerplate on news pages but the content of forum and review pages. */
const WEAK_NEGATIVE = ['comment', 'comments', 'pinglun', 'meta', 'extra', 'footnote'];
const POSITIVE = [
  'article', 'content', 'contents', 'entry', 'detail', 'details', 'story', 'zhengwen', 'answer', 'topic',
  'thread', 'message', 'post', 'posts', 'postlist', 'body', 'text', 'txt', 'main', 'con', 'cont', 'art',
  'wz', 'nr', 'zw', 'richtext', 'news', 'blog', 'reply', 'replies',
];

export const STRONG_NEGATIVE_FACTOR = 0.1;
export const WEAK_NEGATIVE_FACTOR = 0.6;
export const POSITIVE_FACTOR = 1.25;

const factorOfWord = new Map<string, number>([
  ...POSITIVE.map((word): [string, number] => [word, POSITIVE_FACTOR]),
  ...WEAK_NEGATIVE.map((word): [string, number] => [word, WEAK_NEGATIVE_FACTOR]),
  ...STRONG_NEGATIVE.map((word): [string, number] => [word, STRONG_NEGATIVE_FACTOR]),
]);
/** Words long enough to recognise inside run-together classes (`commentlist`, `newsrelated`). */
const AFFIX_WORDS = [...factorOfWord.keys()].filter((word) => word.length >= 5);

const TOKEN_SPLIT = /[^A-Za-z0-9]+/;
const CAMEL_SPLIT = /(?<=[a-z])(?=[A-Z])/;

function wordFactor(word: string): number | undefined {
  const exact = factorOfWord.get(word);
  if (exact !== undefined || word.length < 7) return exact;
  for (const affix of AFFIX_WORDS) {
    if (word.startsWith(affix) || word.endsWith(affix)) return factorOfWord.get(affix);
  }
  return undefined;
}

/**
 * A class token's camelCase words decide first (`CopyrightRichText` is text); when none is known,
 * the whole token is read as one word (`copyRight`, `sideBar`).
 */
function tokenFactor(token: string): number {
  if (token === '') return 1;
  const words = token.split(CAMEL_SPLIT);
  for (let i = words.length - 1; i >= 0; i--) {
    const found = wordFactor(words[i].toLowerCase());
    if (found !== undefined) return found;
  }
  return words.length > 1 ? (wordFactor(token.toLowerCase()) ?? 1) : 1;
}

const cache = new Map<string, number>();
const CACHE_LIMIT = 50_000;

/** Score factor for an element's `class id` string: <1 boilerplate, 1 neutral, >1 content. */
export function hintFactor(hint: string): number {
  if (hint.length <= 1) return 1;
  const cached = cache.get(hint);
  if (cached !== undefined) return cached;
  const tokens = hint.split(TOKEN_SPLIT);
  let factor = 1;
  for (let i = tokens.length - 1; i >= 0 && factor === 1; i--) factor = tokenFactor(tokens[i]);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(hint, factor);
  return factor;
}
