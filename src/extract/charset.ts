import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** How the charset of a page was decided. */
export type CharsetSource = 'bom' | 'http' | 'meta' | 'detected' | 'fallback' | 'string';

/** GB2312 and GBK pages routinely use GBK-only characters; GB18030 is their superset. */
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'gb_2312-80': 'gb18030',
  'csgb2312': 'gb18030',
  'euc-cn': 'gb18030',
  'hz-gb-2312': 'gb18030',
  'big5-hkscs': 'big5',
  'x-x-big5': 'big5',
  'cp950': 'big5',
  'utf8': 'utf-8',
  'unicode': 'utf-8',
};

const decoders = new Map<string, TextDecoder | null>();

function decoderFor(label: string): TextDecoder | null {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label, { ignoreBOM: false });
    } catch {
      decoder = null;
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

/** Normalises a charset label to one TextDecoder accepts, or null when it is unknown. */
export function normaliseCharset(label: string): string | null {
  const cleaned = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const name = ALIASES[cleaned] ?? cleaned;
  const decoder = decoderFor(name);
  if (!decoder) return null;
  return ALIASES[decoder.encoding] ?? decoder.encoding;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

const HEADER_CHARSET = /charset\s*=\s*["']?([\w.:-]{1,40})/i;

export function headerCharset(contentType: string | undefined): string | null {
  const match = contentType ? HEADER_CHARSET.exec(contentType) : null;
  return match ? normaliseCharset(match[1]) : null;
}

/** Bytes scanned for `<meta charset>`; HTML requires the declaration in the first 1,024 bytes, but pages stray. */
const META_SCAN_BYTES = 4096;
const META_CHARSET = /<meta[^>]{0,300}?charset\s*=\s*["']?\s*([\w.:-]{1,40})/i;

export function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_SCAN_BYTES)).toString('latin1');
  const match = META_CHARSET.exec(head);
  return match ? normaliseCharset(match[1]) : null;
}

/** Bytes used to judge candidate decodings; enough text to be sure, cheap to decode several times. */
const SAMPLE_BYTES = 96 * 1024;
/** Characters of a decoded page whose plausibility is measured. */
const SAMPLE_CHARS = 48 * 1024;
/** Enough bytes to hold SAMPLE_CHARS characters (at most 4 bytes each) plus one cut at the end. */
const MEASURED_BYTES = SAMPLE_CHARS * 4 + 4;

/** The most frequent Han characters, simplified and traditional: mis-decoded CJK rarely hits them. */
const COMMON_HAN_CHARS =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趋曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趣陪胖乔恼晶涂锋骗旬胶惜尖這個們來為國說時會對於發後裡與長機關點業間題問產並頭體實現當動從開從們覺還進們裏麼樣經過學們';

/** COMMON_HAN_CHARS as a lookup table indexed by code point − U+4E00 (no string per character). */
const COMMON_HAN = new Uint8Array(0x9fff - 0x4e00 + 1);
for (let i = 0; i < COMMON_HAN_CHARS.length; i++) {
  const code = COMMON_HAN_CHARS.charCodeAt(i);
  if (code >= 0x4e00 && code <= 0x9fff) COMMON_HAN[code - 0x4e00] = 1;
}

export interface Plausibility {
  replacement: number;
  han: number;
  commonHan: number;
  /** Latin-1 supplement and C1 controls: the signature of multi-byte text decoded as a single-byte charset. */
  latinJunk: number;
  /** Code points from rare blocks (CJK extension A, private use). */
  rare: number;
  total: number;
}

function tally(result: Plausibility, code: number): void {
  result.total++;
  if (code === 0xfffd) result.replacement++;
  else if (code >= 0x4e00 && code <= 0x9fff) {
    result.han++;
    result.commonHan += COMMON_HAN[code - 0x4e00];
  } else if (code >= 0x80 && code <= 0xff) result.latinJunk++;
  else if ((code >= 0x3400 && code <= 0x4dbf) || (code >= 0xe000 && code <= 0xf8ff)) result.rare++;
}

const noneMeasured = (): Plausibility => ({ replacement: 0, han: 0, commonHan: 0, latinJunk: 0, rare: 0, total: 0 });

/** Tallies the non-ASCII UTF-16 units among the first `limit` of `text`. */
export function measure(text: string, limit = SAMPLE_CHARS, result = noneMeasured()): Plausibility {
  const length = Math.min(text.length, limit);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) tally(result, code);
  }
  return result;
}

/**
 * `measure` of the text that UTF-8 bytes decode to, read from the bytes without building the
 * string (decoding was a tenth of extraction time); null when the bytes are not valid UTF-8.
 */
export function measureUtf8(bytes: Uint8Array): Plausibility | null {
  const body = withoutCutSequence(bytes);
  if (!isUtf8(body)) return null;
  const result = noneMeasured();
  // Markup and CSS are long ASCII stretches: aligned 4-byte words without a high bit are skipped whole.
  const words = new Uint32Array(body.buffer, 0, body.buffer.byteLength >> 2);
  const base = body.byteOffset;
  const wordsEnd = body.length - 4;
  let units = 0;
  let i = 0;
  for (; i < body.length && units < SAMPLE_CHARS; units++) {
    const lead = body[i];
    if (lead < 0x80) {
      i++;
      while (((base + i) & 3) === 0 && i <= wordsEnd && units + 4 < SAMPLE_CHARS && (words[(base + i) >> 2] & 0x80808080) === 0) {
        i += 4;
        units += 4;
      }
    } else if (lead < 0xe0) {
      tally(result, ((lead & 0x1f) << 6) | (body[i + 1] & 0x3f));
      i += 2;
    } else if (lead < 0xf0) {
      tally(result, ((lead & 0x0f) << 12) | ((body[i + 1] & 0x3f) << 6) | (body[i + 2] & 0x3f));
      i += 3;
    } else {
      // A supplementary character is two UTF-16 surrogates, neither in a measured block.
      tally(result, 0xd800);
      if (++units < SAMPLE_CHARS) tally(result, 0xdc00);
      i += 4;
    }
  }
  if (i === body.length && body.length < bytes.length) measure(decode(bytes.subarray(body.length), 'utf-8'), SAMPLE_CHARS - units, result);
  return result;
}

/** `measure` of the first SAMPLE_CHARS of `bytes` decoded as `charset`. */
function measureBytes(bytes: Uint8Array, charset: string): Plausibility {
  const prefix = bytes.length > MEASURED_BYTES ? bytes.subarray(0, MEASURED_BYTES) : bytes;
  return (charset === 'utf-8' ? measureUtf8(prefix) : null) ?? measure(decode(prefix, charset));
}

/** 0–1 plausibility of decoded text: penalises replacements, mojibake markers and rare Han. */
function plausibility(p: Plausibility): number {
  if (p.total === 0) return 1;
  const bad = (p.replacement * 4 + p.latinJunk + p.rare * 2) / p.total;
  const commonShare = p.han > 0 ? p.commonHan / p.han : 1;
  // Real Chinese prose hits the common list for roughly half its characters; mojibake for a few percent.
  const hanScore = p.han >= 20 ? Math.min(1, commonShare * 2.2) : 1;
  return Math.max(0, Math.min(1, hanScore * (1 - bad)));
}

function decode(bytes: Uint8Array, charset: string): string {
  // Buffer's UTF-8 decoder is several times faster than TextDecoder's (the BOM case goes to TextDecoder).
  if (charset === 'utf-8') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return (decoderFor(charset) ?? decoderFor('utf-8')!).decode(bytes);
}

/** Candidate encodings when the page is undeclared or its declaration decodes badly. */
const CANDIDATES = ['utf-8', 'gb18030', 'big5'];

/** A declared decoding is trusted unless it looks clearly worse than this. */
const TRUST_THRESHOLD = 0.85;

/** The sample minus a multi-byte UTF-8 sequence cut off at its end. */
export function withoutCutSequence(sample: Uint8Array): Uint8Array {
  let start = sample.length;
  while (start > 0 && sample.length - start < 3 && (sample[start - 1] & 0xc0) === 0x80) start--;
  const lead = start > 0 ? sample[start - 1] : 0;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return needed > sample.length - start + 1 ? sample.subarray(0, start - 1) : sample;
}

function bestCandidate(sample: Uint8Array): { charset: string; score: number } {
  // Chinese text in GB18030 or Big5 is practically never valid UTF-8; valid UTF-8 needs no contest.
  const asUtf8 = measureUtf8(sample);
  if (asUtf8) return { charset: 'utf-8', score: plausibility(asUtf8) };
  let best = { charset: 'utf-8', score: -1 };
  for (const charset of CANDIDATES) {
    const score = plausibility(measure(decode(sample, charset)));
    if (score > best.score + 0.02) best = { charset, score };
    // No later candidate can beat a perfect score by the margin.
    if (best.score >= 1) break;
  }
  return best;
}

export interface CharsetDecision {
  /** WHATWG encoding name (`utf-8`, `gb18030`, `big5`, ...). */
  charset: string;
  source: CharsetSource;
  /** What the page or server claimed, when it was overridden because it decoded badly. */
  declared?: string;
  /** 0–1: how plausible the decoded text looks. */
  confidence: number;
}

/**
 * Decides a page's charset: BOM, then the HTTP header, then `<meta charset>`, each trusted unless
 * the result is implausible (replacement characters, Latin-1 mojibake, rare Han); otherwise the
 * most plausible of UTF-8, GB18030 and Big5 on a sample of the page.
 */
export function detectCharset(bytes: Uint8Array, contentType?: string): CharsetDecision {
  const bom = bomCharset(bytes);
  if (bom) return { charset: bom, source: 'bom', confidence: 1 };
  const sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  const declaredBy: Array<[string | null, CharsetSource]> = [
    [headerCharset(contentType), 'http'],
    [metaCharset(bytes), 'meta'],
  ];
  let declared: string | undefined;
  for (const [charset, source] of declaredBy) {
    if (!charset) continue;
    declared ??= charset;
    const score = plausibility(measureBytes(bytes, charset));
    if (score >= TRUST_THRESHOLD) return { charset, source, confidence: score };
    const alternative = bestCandidate(sample);
    if (alternative.score <= score + 0.1) return { charset, source, confidence: score };
    return { charset: alternative.charset, source: 'detected', declared: charset, confidence: alternative.score };
  }
  const detected = bestCandidate(sample);
  return {
    charset: detected.charset,
    source: detected.score >= 0 ? 'detected' : 'fallback',
    confidence: Math.max(0, detected.score),
    ...(declared ? { declared } : {}),
  };
}

/** The whole page as text in the decided charset (a BOM is consumed). */
export function decodeBytes(bytes: Uint8Array, decision: CharsetDecision): string {
  return decision.source === 'bom' ? decoderFor(decision.charset)!.decode(bytes) : decode(bytes, decision.charset);
}

/**
 * Charsets whose multi-byte sequences never contain a byte of markup syntax (`<`, `>`, `=`, `/`,
 * `&`, quotes, whitespace: below 0x40, no digit): UTF-8 uses bytes ≥ 0x80 in them, Big5 and GB18030
 * trail bytes ≥ 0x40 (GB18030's four-byte form also digits). Markup is then found in the raw
 * bytes, and a range between two syntax bytes decodes alone to what it is in the whole page.
 */
const ASCII_SYNTAX_CHARSETS = new Set(['utf-8', 'gb18030', 'big5']);

/** A page in a form the tokenizer can scan, and how to read text out of it. */
export interface ScannablePage {
  /** One character per byte (Latin-1) for ASCII-syntax charsets, else the decoded page. */
  markup: string;
  /** The text of `markup` from `start` to `end` (offsets into `markup`). */
  text: (start: number, end: number) => string;
}

/** An already decoded page: its markup is its text. */
export function decodedPage(html: string): ScannablePage {
  return { markup: html, text: (start, end) => html.slice(start, end) };
}

/**
 * Most of a page's bytes are markup, CSS and scripts that are never read as text; scanning the
 * bytes one per character skips their decoding and keeps the scanned string one-byte. Only the
 * ranges the extractor reads are decoded, which gives the text that decoding first would give.
 */
export function scannablePage(bytes: Uint8Array, decision: CharsetDecision): ScannablePage {
  if (decision.source === 'bom' || !ASCII_SYNTAX_CHARSETS.has(decision.charset)) return decodedPage(decodeBytes(bytes, decision));
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const markup = buffer.toString('latin1');
  const decoder = decision.charset === 'utf-8' ? null : decoderFor(decision.charset)!;
  return {
    markup,
    text(start, end) {
      // Most ranges are the whitespace between tags: ASCII reads as itself, without a decoder call.
      let i = start;
      while (i < end && markup.charCodeAt(i) < 0x80) i++;
      if (i === end) return markup.slice(start, end);
      return decoder ? decoder.decode(buffer.subarray(start, end)) : buffer.toString('utf8', start, end);
    },
  };
}
