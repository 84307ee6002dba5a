import { createRequire } from 'node:module';

/**
 * Spam categories. `gambling` and `porn_ads` are "strong": one of them spliced into an ordinary
 * sentence is already evidence of injection. The others only count through density and repetition.
 */
export const CATEGORIES = ['gambling', 'porn_ads', 'fake_medical', 'content_farm', 'seo', 'profanity'] as const;
export type Category = (typeof CATEGORIES)[number];

export const STRONG_CATEGORIES: ReadonlySet<Category> = new Set(['gambling', 'porn_ads']);

export interface TermGroup {
  category: Category;
  /** Points per occurrence before the density normalisation. */
  weight: number;
  terms: readonly string[];
}

/**
 * taomi's own lexicon, written for this project from the common vocabulary of Chinese SEO/gambling
 * injection, sex-service ads, hospital ads and how-to farms. Terms that advertise weigh ≥ 1; words
 * that ordinary news also uses (彩票, 赔率, 白癜风, 网络赌博 in a crime report) weigh < 1, and their
 * density counts for at most 2 points, so they never decide on their own.
 */
export const TERM_GROUPS: readonly TermGroup[] = [
  {
    category: 'gambling',
    weight: 1.5,
    terms: [
      '现金网', '威尼斯人', '娱乐城', '贵宾会', '百家乐', '老虎机', '时时彩', '六合彩', '北京赛车', 'pk10', '幸运飞艇',
      '真人娱乐', '真人视讯', '体育投注', '投注网', '开户送', '注册送', '送彩金', '彩金', '首存', '返水',
      '新葡京', '葡京娱乐', '金沙娱乐', '金沙国际', '永利皇宫', '太阳城集团', '皇冠体育', '皇冠网址', '亚博体育',
      '必威', 'betway', 'bet365', 'bt365', '威廉希尔', '乐虎国际', '开云体育', '龙虎斗', '电子游艺', '棋牌游戏平台',
      '彩票平台', '购彩平台', '计划软件', '人工计划', '幸运28', '极速赛车', '极速飞艇', '一分快三', '大发快三',
      '分分彩', '快三平台', '信誉平台', '网投平台', '炸金花', '赌场官网', '时时彩平台', '娱乐平台注册',
    ],
  },
  {
    category: 'gambling',
    weight: 0.8,
    terms: ['网上赌场', '线上赌场', '网络赌场', '赌博网站', '网上赌博', '网络赌博', '赌博平台', '博彩网站', '博彩平台', '彩票网站', '澳门赌场', '澳门娱乐', '澳门赌博', '捕鱼游戏'],
  },
  {
    category: 'gambling',
    weight: 0.4,
    terms: ['彩票', '棋牌', '博彩', '赌博', '投注', '下注', '赔率', '盘口', '赌场', '牛牛', '德州扑克', '双色球', '大乐透'],
  },
  {
    category: 'seo',
    weight: 0.8,
    terms: [
      '官网入口', '登录入口', '手机版登录', '网页版登录', '登录器', '注册入口', '官方入口', '最新网址', '备用网址',
      '网址大全', '线路检测', '官网登录', '官方app', '体育app', '娱乐app', '手机app下载', 'app官网', '客户端下载',
      '体育官网', '体育登录', '体育注册', '体育入口', '体育下载', '体育手机版', '娱乐官网', '娱乐登录', '娱乐注册',
      '娱乐网址', '国际登录', '国际官网', '本文关键词',
    ],
  },
  {
    category: 'seo',
    weight: 0.6,
    terms: ['关键词排名', '快速排名', '网站优化', 'seo优化', '百度排名', '蜘蛛池', '站群', '刷排名', '泛目录', '整站优化', '百度快照', '外链代发'],
  },
  {
    category: 'porn_ads',
    weight: 1.5,
    terms: [
      '约炮', '同城约', '裸聊', '成人影院', 'av在线', '在线av', '无码', 'av女优', '激情视频', '激情图片',
      '外围女', '外围模特', '小姐上门', '楼凤', '全套服务', '自拍偷拍', '黄片', '毛片', '一级片', '裸体美女',
    ],
  },
  {
    category: 'porn_ads',
    weight: 0.8,
    terms: ['色情网站', '黄色网站', '成人网站', '成人电影', '一夜情', '援交', '上门服务', '特殊服务', '三级片', '色情视频'],
  },
  {
    category: 'fake_medical',
    weight: 1,
    terms: [
      '包治', '祖传秘方', '无效退款', '药到病除', '一次根治', '永不复发', '彻底根治', '治愈率', '男科医院',
      '妇科医院', '皮肤病医院', '白癜风医院', '癫痫病医院', '牛皮癣医院', '不孕不育医院', '无痛人流', '人流医院',
      '壮阳', '增大增粗', '延时喷剂', '丰胸产品', '减肥药', '哪家医院好', '医院哪家好', '怎么治疗好',
      '在线咨询', '免费咨询', '咨询热线', '点击咨询', '专家在线', '预约挂号',
    ],
  },
  {
    category: 'fake_medical',
    weight: 0.3,
    terms: ['根治', '白癜风', '牛皮癣', '阳痿', '早泄', '不孕不育', '特效药', '偏方', '哪家好', '专家指出', '专家介绍', '专家提醒'],
  },
  {
    category: 'content_farm',
    weight: 1,
    terms: [
      '小编来为大家解答', '相信很多人都想知道', '下面就让我们一起来看看吧', '下面就让我们一起来看看', '一起来看看吧',
      '小编就来', '今天小编', '小编为大家', '小编给大家', '小编带大家', '跟着小编', '和小编一起', '希望对大家有所帮助',
      '希望能帮助到大家', '希望对你有所帮助', '希望对您有所帮助', '以上就是关于', '以上就是小编', '不知道的朋友',
      '感兴趣的朋友', '感兴趣的小伙伴', '赶紧来看看', '赶快来看看', '很多人都想知道', '相信不少人', '不少朋友都想知道',
      '本文摘要', '文章摘要', '今天给大家分享', '今天来给大家', '下面一起来看看', '下面一起来了解', '来为大家解答',
    ],
  },
  {
    category: 'content_farm',
    weight: 0.3,
    terms: ['小编', '的相关内容', '相关知识', '小伙伴们', '网友提问', '最佳答案'],
  },
];

const require = createRequire(import.meta.url);

/**
 * LDNOOBW's Chinese list (npm `naughty-words`), as datatrove's C4 bad-words filter uses it.
 * Single characters are skipped: as substrings they hit ordinary words (奶 in 牛奶, 乳 in 乳制品).
 */
export function ldnoobwTerms(allow: ReadonlySet<string>, minChars: number): string[] {
  const list = require('naughty-words/zh.json') as string[];
  return list.filter((term) => !allow.has(term) && [...term].length >= minChars);
}

/** Default allowlist: datatrove's `性` (it alone removed > 10% of Chinese documents). */
export const DEFAULT_ALLOW = ['性'];
