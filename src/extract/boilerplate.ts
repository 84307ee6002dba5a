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
];

/** A byline: a short line with a date and a source/author/views label, no sentence in it. */
const DATE = /(?:19|20)\d{2}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}/u;
const BYLINE_LABEL = /来源|作者|编辑|记者|发布|浏览|阅读|点击/u;

function isByline(line: string): boolean {
  return line.length <= 60 && !line.includes('。') && DATE.test(line) && BYLINE_LABEL.test(line);
}

export function isBoilerplateLine(line: string): boolean {
  if (line.length > 200) return false;
  if (isByline(line)) return true;
  for (const pattern of BOILERPLATE_LINE) if (pattern.test(line)) return true;
  return false;
}
