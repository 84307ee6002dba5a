/**
 * Generic categories of Chinese web-page chrome. Each cue is only trusted together with a shape
 * condition (short line, anchored at the start or end), so an article sentence that mentions 登录 or
 * 版权 is never removed for the word alone.
 */
export type BoilerplateCategory = 'copyright' | 'disclaimer' | 'markup' | 'credit' | 'caption' | 'promo' | 'breadcrumb' | 'interface' | 'metadata';

export interface BoilerplateLimits {
  /** Longest line a copyright/ICP/licence or platform-disclaimer cue may remove (footers run long). */
  maxFooterChars: number;
  /** Longest line (chars) a credit, caption, promo, breadcrumb or date-stamp cue may remove. */
  maxCueChars: number;
  /** Longest line (chars) a button/menu word may remove. */
  maxInterfaceChars: number;
}

/** Licence and filing marks that never occur in prose; the Latin ones are looked for only in lines with a Latin letter. */
const COPYRIGHT = /©|公网安备|网安备|网文[[〔（(]?\d{4}|增值电信业务|经营许可证|违法和不良信息|不良信息举报|举报电话|举报邮箱|举报中心|新闻信息服务许可|视听节目服务/;
const COPYRIGHT_LATIN = /\(c\)\d{4}|copyright|allrightsreserved|ICP[备证]|registeredtrademark/i;
/** Ownership words that prose may use too (`版权所有人同意……。`): trusted on unfinished lines only. */
const COPYRIGHT_WORDS = /版权所有|版权声明|著作权/;
const COPYRIGHT_WORDS_LATIN = /trademarks/i;
const DISCLAIMER =
  /未经.{0,12}授权|禁止转载|请勿转载|不得转载|转载请注明|仅提供信息存储|信息存储空间服务|仅代表作者|不代表本(站|网|平台|报)|观点仅代表|版权归原作者|如有侵权|侵权请联系|联系删除|请联系我们删除|作品系原创|原创标注|主动发布和展示/;
/** Two tags, a comment or a script statement: markup that leaked through extraction. */
const MARKUP = /<\/?[a-zA-Z][^<>]{0,200}>[^<]{0,200}<\/?[a-zA-Z!]|<!--|\bfunction\s*\(|\bvar\s+\w+\s*=|document\.(write|getElementById)|window\.\w+\s*=/;

const CREDIT_START =
  /^[【\[（(]?\s*(责任编辑|责编|值班编辑|实习编辑|编辑|主编|总编|作者|原作者|来源|稿源|出处|记者|通讯员|校对|审核|审校|终审|初审|监制|策划|统筹|撰文|撰稿|文字|文|图|图文|摄影|摄像|摄|制图|设计|视频|图片来源|图源|原标题|本文来源|文章来源|新闻来源|资料来源|转载自|本文作者|本文转自|声明|免责声明|选稿|发布时间|发布日期|发稿时间|更新时间|时间|日期|时长|标签|文章标签|分类专栏|关键字|关键词|本文链接|原文链接|文章链接|版权声明|版权说明)\s*[：:|｜/]/;
/** `来源：` / `作者：` inside a short metadata line such as `2024-05-20 16:25 来源：某报 编辑：某某`. */
const CREDIT_INSIDE = /(来源|作者|编辑|责编|记者|发布者|选稿)\s*[：:]|^[（(【\[]\s*(责编|编辑|责任编辑)/;

const CAPTION_WHOLE = /^[（(【\[]?\s*(资料图|资料图片|图片|配图|示意图|效果图|截图|视频截图|网络图片|图片源于网络|图源网络|组图|图集|题图|摄影)[^（）()【】\[\]]{0,24}[）)】\]]?$/;
const CAPTION_END = /(图源|图片来源|图片由|图据)\s*[：:|｜]?[^，。！？,.!?]{0,24}$|[（(【\[]\s*(资料图|资料图片|图片来源|图源|供图|摄|网络图片|视觉中国|新华社发|受访者供图|受访者提供)[^（）()【】]{0,24}[）)】\]]$|视觉中国$/;
const CAPTION_END_LATIN = /IC\s*photo$/i;

/** `记者 某某 摄`, `某某/供图`: a photo credit on its own short line. */
const PHOTO_CREDIT = /(摄|摄影|供图|制图)$/;
const PHOTO_CREDIT_MAX_CHARS = 25;

const PROMO = /公众号|微信号|微信\s*ID|微信搜索|微信扫|扫码|扫一扫|扫描二维码|二维码|长按识别|长按二维码|关注我们|关注公众|点击关注|下载\s*APP|下载客户端|客户端下载|点击下载|立即下载|打开\s*APP|APP\s*内打开|添加微信|加微信|商务合作|广告合作|投稿邮箱|联系邮箱|订阅号|视频号|抖音号|小程序/i;

const BREADCRUMB_PREFIX = /^(当前位置|您的位置|你的位置|您现在的位置|所在位置|位置)\s*[：:]/;
const BREADCRUMB_SEPARATOR = /\s*(?:>>|>|›|»|＞|→|\/|\|)\s*/;
const BREADCRUMB_TAIL = /(正文|详情|列表|内容)$/;

const INTERFACE =
  /登录|登入|注册|退出|关闭|收起|展开|分享|转发|收藏|点赞|举报|回复|评论|赞同|赞赏|打赏|写回答|邀请回答|关注|取消|确定|提交|发送|发表|返回|首页|顶部|加载|刷新|更多|上一[页篇张条]|下一[页篇张条]|翻页|跳转|查看|阅读全文|全文|打印|字号|字体|放大|缩小|搜索|设置|帮助|反馈|客服|隐私|协议|条款|帮助中心|联系我们|关于我们|网站地图|免责|投稿|广告|订阅|播放|重播|暂停|切换|菜单|导航|目录|复制链接|下载|不感兴趣|换一换|点击|验证码|密码|账号|帐号|用户名|游客|会员|积分/;

/** Account dialogs (log-in, sign-up, security checks): trusted on unfinished lines of cue length. */
const ACCOUNT_UI =
  /验证码|动态码|校验码|(登录|登陆|注册)(账号|帐号|密码|名)|(账号|帐号|用户名)(或|和|与)?密码|密码(错误|不正确)|忘记密码|找回密码|(账户|帐户|账号|帐号)安全|安全提示|绑定(手机|邮箱)|手机号(码)?(登录|注册)|请(先)?(登录|登陆)|请输入.{0,8}(账号|帐号|密码|手机号|邮箱|用户名)/;

/** Widget status messages: loading, empty states, browser warnings. */
const STATUS_MESSAGE = /加载中|正在加载|请稍候|请稍后再试|刷新本?页面|浏览器版本过低|不支持.{0,6}浏览器|暂无(评论|数据|内容|回复)|还没有人(评论|回复)|网络(异常|错误)|请开启javascript|enable javascript/i;

/** A line made only of dates, times, counts and the words that label them (`11 天前`, `阅读 3,930`). */
const METADATA_ONLY =
  /^(?:[\d\s\-–—/:：.,，|｜·・#…+]|万|亿|年|月|日|时|分|秒|号|周|星期.|[天周月年]前|小时前|分钟前|秒前|刚刚|昨天|今天|前天|上午|下午|第\d+[楼期]|楼主|沙发|板凳|IP属地|发布于|编辑于|更新于|发表于|来自)+$/;
/** A date with a time, or a date at either end of a line: the stamp of a post, teaser or comment. */
const STAMPED = /\d{2,4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}[:：]\d{2}|\d{1,2}月\d{1,2}日\s*\d{1,2}[:：]\d{2}|^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$|^(发表于|发布于|发布时间|更新于|编辑于|由\s*\S{1,20}\s*发布于)/;
/** A post header ending in a relative time (`某某 (楼主)3月前`, `某某 | 5天前`): author and age of a post. */
const RELATIVE_STAMP = /(?:\d{1,3}\s*(?:秒|分钟|小时|天|周|个月|月|年)前|刚刚|昨天|前天)$/;
/** A date, a clock time or a relative time: what a post header has and a button row has not. */
const TIME_MARK = /\d{1,2}[:：]\d{2}|\d{4}[-/.年]\d{1,2}|\d{1,2}月\d{1,2}日|\d{1,2}-\d{1,2}|[秒天周月年]前|小时前|分钟前|刚刚|昨天|前天/;
const TIME_TOKENS = /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/月]\d{1,2}日?|\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|\d{1,3}\s*(?:秒|分钟|小时|天|周|个月|月|年)前|刚刚|昨天|前天|[\s\d|｜·・()（）\[\]【】,.:：+-]+/g;

/**
 * Pre-screens: for each costly cue pattern, characters of which every match contains at least one
 * (a rare one per alternative). One pass over a line gives a bit per pattern, and a pattern whose
 * characters are all absent is not run: most lines of a page are prose and miss them all. A new
 * alternative needs one of its characters here (clean-lines.test.ts has an example per alternative).
 */
const SCREEN = {
  copyright: 1 << 0,
  copyrightWords: 1 << 1,
  disclaimer: 1 << 2,
  markup: 1 << 3,
  latin: 1 << 4,
  digit: 1 << 5,
  creditLabel: 1 << 6,
  colon: 1 << 7,
  creditEditor: 1 << 8,
  captionEnd: 1 << 9,
  promo: 1 << 10,
  status: 1 << 11,
  account: 1 << 12,
} as const;

const SCREEN_CHARS: Array<[number, string]> = [
  [SCREEN.copyright, '©备网值证良举息听'],
  [SCREEN.copyrightWords, '权'],
  [SCREEN.disclaimer, '权禁勿转储仅本归侵删原布'],
  [SCREEN.markup, '<'],
  [SCREEN.latin, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  [SCREEN.digit, '0123456789'],
  [SCREEN.creditLabel, '源者编稿'],
  [SCREEN.colon, ':：'],
  [SCREEN.creditEditor, '编'],
  [SCREEN.captionEnd, '图摄觉华访'],
  [SCREEN.promo, '号微扫维按注载商告稿邮订频抖序'],
  [SCREEN.status, '载稍刷浏暂没络'],
  [SCREEN.account, '码登册密账帐示绑输'],
];

/** Per UTF-16 unit, the SCREEN bits it sets (13 bits). */
export const CUE_SCREEN_TABLE = (() => {
  const table = new Uint16Array(0x10000);
  for (const [bit, chars] of SCREEN_CHARS) for (const char of chars) table[char.charCodeAt(0)] |= bit;
  return table;
})();

/** The SCREEN bits of the characters in a line. */
export function cueScreenBits(line: string): number {
  let bits = 0;
  for (let i = 0; i < line.length; i++) bits |= CUE_SCREEN_TABLE[line.charCodeAt(i)];
  return bits;
}

/** STAMPED without a digit can only be its line-initial `发表于`/`发布于`/`更新于`/`编辑于`/`由…发布于`. */
const STAMP_FIRST_CHARS = new Set([...'发更编由'].map((char) => char.charCodeAt(0)));
/** The last characters PHOTO_CREDIT and RELATIVE_STAMP can end with. */
const PHOTO_CREDIT_LAST_CHARS = new Set([...'摄影图'].map((char) => char.charCodeAt(0)));
const RELATIVE_STAMP_LAST_CHARS = new Set([...'前刚天'].map((char) => char.charCodeAt(0)));

/** Whether a line carries a date or time rather than only counts and buttons. */
export function hasTimeMark(line: string): boolean {
  return TIME_MARK.test(line);
}

/**
 * A post header: a date or time with a short name beside it (`某某 (楼主)3月前`, `某某 | 扫地 | 5天前`,
 * `2楼 某某 发表于 2024-01-05 22:01`). A bare date or a date with counts is as likely a feed item's
 * stamp, a long title with a date a feed item itself.
 */
export function isPostHeaderText(line: string, maxNameChars: number): boolean {
  if (!TIME_MARK.test(line)) return false;
  const name = line.replace(TIME_TOKENS, '').length;
  return name > 0 && name <= maxNameChars;
}

const COUNT_LABEL = /\d[\d,.万千kKwW+]*\s*(条评论|条回复|人参与|人阅读|人浏览|人看过|次播放|次阅读|次浏览|阅读|浏览|评论|点赞|回复|收藏|转发|分享|关注者?|粉丝|赞)|(阅读|浏览|评论|点赞|回复|收藏|转发|分享|关注|粉丝|播放)(量|数)?\s*[：:]?\s*\d/;

const SENTENCE_END = new Set(['。', '！', '？', '!', '?']);

function countHan(line: string): number {
  let han = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code >= 0x4e00 && code <= 0x9fff) han++;
  }
  return han;
}

/** A line labelled as an advertisement: `广告 今日特价……` or `……新老同享！广告`. */
function isAdLabelled(line: string): boolean {
  return line.length > 3 && (line.startsWith('广告') || line.endsWith('广告'));
}

const BREADCRUMB_HINT = /[>›»＞→/|]/;

function isBreadcrumb(line: string): boolean {
  if (BREADCRUMB_PREFIX.test(line)) return true;
  if (!BREADCRUMB_HINT.test(line)) return false;
  if (/[，。！？；,!?;]/.test(line)) return false;
  const parts = line.split(BREADCRUMB_SEPARATOR).filter((part) => part.length > 0);
  if (parts.length < 2 || parts.some((part) => part.length > 12)) return false;
  return parts.length >= 3 || BREADCRUMB_TAIL.test(parts[parts.length - 1]) || /^首页|^主页|^网站首页/.test(parts[0]);
}

const URL = /(?:https?:\/\/|www\.)[^\s，。！？、；]{1,2000}/g;

/** A label's value may be a long link (`本文链接：https://…`): the link does not make the line prose. */
function withoutUrls(line: string): string {
  return line.includes('http') || line.includes('www.') ? line.replace(URL, '') : line;
}

/**
 * The boilerplate category of a line, judged on its cue and its shape, or undefined.
 * `chars` is the line's length without whitespace; `bits` its cueScreenBits, when already measured.
 */
export function boilerplateCategory(line: string, chars: number, limits: BoilerplateLimits, bits = cueScreenBits(line)): BoilerplateCategory | undefined {
  if (chars === 0) return undefined;
  const short = chars <= limits.maxCueChars;
  const footer = chars <= limits.maxFooterChars;
  const latin = (bits & SCREEN.latin) !== 0;
  const unfinished = !SENTENCE_END.has(line[line.length - 1]);
  if (footer && (bits & (SCREEN.copyright | SCREEN.copyrightWords | SCREEN.disclaimer | SCREEN.latin)) !== 0) {
    const squeezed = chars !== line.length ? line.replace(/\s+/g, '') : line;
    const licence = ((bits & SCREEN.copyright) !== 0 && COPYRIGHT.test(squeezed)) || (latin && COPYRIGHT_LATIN.test(squeezed));
    const ownership = unfinished && (((bits & SCREEN.copyrightWords) !== 0 && COPYRIGHT_WORDS.test(squeezed)) || (latin && COPYRIGHT_WORDS_LATIN.test(squeezed)));
    if (licence || ownership) return 'copyright';
    if ((bits & SCREEN.disclaimer) !== 0 && DISCLAIMER.test(squeezed)) return 'disclaimer';
  }
  if ((bits & (SCREEN.markup | SCREEN.latin)) !== 0 && (footer || countHan(line) * 3 < chars) && MARKUP.test(line)) return 'markup';
  if (short && CAPTION_WHOLE.test(line)) return 'caption';
  if (CREDIT_START.test(line) && (short || withoutUrls(line).length <= limits.maxCueChars)) return 'credit';
  if (short && unfinished && (((bits & SCREEN.creditLabel) !== 0 && (bits & SCREEN.colon) !== 0) || (bits & SCREEN.creditEditor) !== 0) && CREDIT_INSIDE.test(line)) return 'credit';
  if (short && (((bits & SCREEN.captionEnd) !== 0 && CAPTION_END.test(line)) || (latin && CAPTION_END_LATIN.test(line)))) return 'caption';
  const last = line.charCodeAt(line.length - 1);
  if (chars <= PHOTO_CREDIT_MAX_CHARS && PHOTO_CREDIT_LAST_CHARS.has(last) && PHOTO_CREDIT.test(line)) return 'caption';
  if (short && (isAdLabelled(line) || ((bits & (SCREEN.promo | SCREEN.latin)) !== 0 && PROMO.test(line)))) return 'promo';
  if (short && isBreadcrumb(line)) return 'breadcrumb';
  const digit = (bits & SCREEN.digit) !== 0;
  if (chars <= limits.maxInterfaceChars * 2 && unfinished && (METADATA_ONLY.test(line) || (digit && COUNT_LABEL.test(line)) || (RELATIVE_STAMP_LAST_CHARS.has(last) && RELATIVE_STAMP.test(line)))) return 'metadata';
  if (short && unfinished && (digit || STAMP_FIRST_CHARS.has(line.charCodeAt(0))) && STAMPED.test(line)) return 'metadata';
  if (short && (((bits & (SCREEN.status | SCREEN.latin)) !== 0 && STATUS_MESSAGE.test(line)) || (unfinished && (bits & SCREEN.account) !== 0 && ACCOUNT_UI.test(line)))) return 'interface';
  if (chars <= limits.maxInterfaceChars && INTERFACE.test(line) && !/[，。！？；]/.test(line)) return 'interface';
  return undefined;
}
