/**
 * Lines that are page furniture even inside the article block: editor credits, share bars,
 * "related reading" headers, copyright and ICP lines. Anchored at the line start and bounded, so
 * they cannot backtrack.
 */
const BOILERPLATE_LINE = [
  /^[(（[【]?\s{0,2}(?:责任编辑|责编|编辑|审核|校对|监制|统筹|作者|记者)\s{0,2}[:：][^。！？]{0,40}$/u,
  /^(?:分享到|分享至|分享：|扫一扫|扫码|长按识别|打开.{0,10}(?:APP|App|客户端)|点击.{0,10}关注|关注我们|返回顶部|返回首页|举报|收藏|点赞|打赏)/u,
  /^(?:相关阅读|相关新闻|相关推荐|相关文章|延伸阅读|推荐阅读|热门推荐|热门文章|猜你喜欢|更多精彩|精彩推荐|上一篇|下一篇|上一条|下一条)/u,
  /^(?:版权所有|版权声明|copyright|©|\(c\)\s)/iu,
  /(?:ICP[备证]|公网安备)\s{0,3}[\d\-号第]/u,
  /^(?:本文来源|文章来源|稿件来源|图片来源)[:：].{0,40}$/u,
  /^(?:未经授权|未经许可).{0,30}(?:转载|复制)/u,
  /^(?:字号|字体)[:：]?[\s大中小]{0,9}$/u,
  /^(?:关键字|关键词|标签|tags?)\s{0,2}[:：].{0,60}$/iu,
  /^本文来源于.{0,40}$/u,
  // Platform disclaimers under user-published articles.
  /(?:仅提供信息(?:存储(?:空间)?|发布平台)?服务|仅代表作者(?:本人)?(?:观点|立场))/u,
  // Tip jars and QR-code prompts.
  /^(?:赞赏|打赏)(?:记录|列表|支持)/u,
  /^[^。！？]{0,20}二维码[^。！？]{0,20}$/u,
  // A teaser ending in its "read more" link (`……【详细】`, `简介 more>`).
  /(?:[【\[](?:详细|详情|全文|阅读全文|更多)[】\]]|(?:more|更多|详细|详情)\s?(?:>>?|»|＞＞?))$/iu,
  // Poster location labels (IP 属地) shown next to names and dates.
  /^(?:IP\s?属地|发布于|来自)\s{0,2}[:：]?\s{0,2}[\u4e00-\u9fff]{2,8}$/u,
];

/** A calendar date (`2024-05-20`, `2024年5月20日` without its 日), the core of the patterns below. */
const DATE_SOURCE = String.raw`(?:19|20)\d{2}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}`;
/** A clock time after a date (`14:33`, `13:19:20`). */
const CLOCK_SOURCE = String.raw`\d{1,2}[:：]\d{2}`;

/** A byline: a short line with a date and a source/author/views label, no sentence in it. */
const DATE = new RegExp(DATE_SOURCE, 'u');
const BYLINE_LABEL = /来源|作者|编辑|记者|发布|浏览|阅读|点击/u;

function isByline(line: string): boolean {
  return line.length <= 60 && !line.includes('。') && DATE.test(line) && BYLINE_LABEL.test(line);
}

/** Dates with an optional time, and relative times (`2024-05-20 14:33`, `3天前`, `9 天 后`, `1 个月 后`). */
const TIMESTAMP = new RegExp(
  String.raw`${DATE_SOURCE}\s?日?(?:\s{0,2}${CLOCK_SOURCE}(?:[:：]\d{2})?)?|\d{1,2}\s?(?:秒|分钟|小时|天|周|个月|年)\s?[前后]`,
  'gu',
);
const SENTENCE_END = /[。！？；!?]/u;
/** Characters that separate the fields of a metadata line (`阿青 | 12 · 3天前`). */
const FIELD_SEPARATORS_SOURCE = String.raw`\s|·•/,，:：\-`;
const FIELD_SEPARATORS = new RegExp(`[${FIELD_SEPARATORS_SOURCE}]`, 'gu');
/** What is left of a post's info line once its timestamp is taken out: a name, a count, a separator. */
const METADATA_REST_CHARS = 12;
const METADATA_MAX_CHARS = 40;

/** A date with a clock time (`2024-04-07 13:19:20`): prose gives dates, records give times. */
const DATE_TIME = new RegExp(String.raw`${DATE_SOURCE}\s?日?\s{0,2}${CLOCK_SOURCE}`, 'u');
/** A record header with a clock time may carry a longer name, a status and a location, as separate fields. */
const RECORD_HEADER_MAX_CHARS = 50;
const RECORD_HEADER_REST_CHARS = 20;
const RECORD_HEADER_MIN_FIELDS = 3;

/** A short line built around a timestamp: a post's date, author and counts rather than its text. */
export function isMetadataLine(line: string): boolean {
  if (line.length > RECORD_HEADER_MAX_CHARS || SENTENCE_END.test(line)) return false;
  const rest = line.replace(TIMESTAMP, '');
  if (rest.length === line.length) return false;
  const restChars = rest.replace(FIELD_SEPARATORS, '').length;
  if (line.length <= METADATA_MAX_CHARS && restChars <= METADATA_REST_CHARS) return true;
  if (restChars > RECORD_HEADER_REST_CHARS || !DATE_TIME.test(line)) return false;
  return rest.split(/\s+/u).filter((field) => field !== '').length >= RECORD_HEADER_MIN_FIELDS;
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** Separators and icons left as lines (`|`, `+`, `·`); numbers stay, they may be table cells. */
const SYMBOL_LINE_MAX_CHARS = 10;

/** Page links (`首页 | 上一页 1 2 下一页 | 尾页`, `共5页 第2页`): nothing left once they are taken out. */
const PAGE_LINK = /首页|上一?页|下一?页|前一页|后一页|尾页|末页|[共第]\s?\d+\s?页|跳转|GO|\d+/giu;
const PAGE_NAVIGATION = /上一?页|下一?页|尾页|末页/u;
const PAGE_SEPARATORS = new RegExp(String.raw`[${FIELD_SEPARATORS_SOURCE}.…<>《》«»【】\[\]]`, 'gu');

function isPagination(line: string): boolean {
  return line.length <= 80 && PAGE_NAVIGATION.test(line) && line.replace(PAGE_LINK, '').replace(PAGE_SEPARATORS, '') === '';
}

export function isBoilerplateLine(line: string): boolean {
  if (line.length > 200) return false;
  if (line.length <= SYMBOL_LINE_MAX_CHARS && !WORD_CHARACTER.test(line)) return true;
  if (isByline(line) || isMetadataLine(line) || isPagination(line)) return true;
  for (const pattern of BOILERPLATE_LINE) if (pattern.test(line)) return true;
  return false;
}

/** Short labels repeated this often are template text (a "reply" link under every post). */
const DIGIT = /\p{N}/u;
const TEMPLATE_MIN_REPEATS = 3;
const TEMPLATE_MAX_CHARS = 6;

/** Short, unpunctuated lines that recur across the records of one page; numbers may be table cells. */
export function templateLines(lines: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    if (line.length > TEMPLATE_MAX_CHARS || SENTENCE_END.test(line) || DIGIT.test(line)) continue;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const repeated = new Set<string>();
  for (const [line, count] of counts) if (count >= TEMPLATE_MIN_REPEATS) repeated.add(line);
  return repeated;
}
