/**
 * Synthetic identifiers built from the published algorithms (GB 11643 MOD 11-2, Luhn, GB 32100,
 * ISBN-13), decoys that only look like PII, and Chinese prose, for the tests and the benchmark.
 * Check characters are computed here independently of validators.ts so the tests are not circular.
 */

export type Random = () => number;

export { seededRandom } from '../core/random.js';

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function randomDigits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(random() * 10);
  return out;
}

function between(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'];

/** GB 11643: check value (12 − Σ aᵢ·2^(17−i) mod 11) mod 11, where 10 is written X. */
export function gb11643Check(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

export function birthDate(random: Random, fromYear = 1930, toYear = 2010): string {
  const year = between(random, fromYear, toYear);
  const month = between(random, 1, 12);
  return `${year}${pad(month, 2)}${pad(between(random, 1, 28), 2)}`;
}

export function residentId18(random: Random, date = birthDate(random)): string {
  const first17 = pick(random, PROVINCES) + randomDigits(random, 4) + date + randomDigits(random, 3);
  return first17 + gb11643Check(first17);
}

/** A legacy 15-digit ID; numbers that are also Luhn-valid Amex cards (34/37) are redrawn, as they count as cards. */
export function residentId15(random: Random): string {
  for (;;) {
    const id = pick(random, PROVINCES) + randomDigits(random, 4) + birthDate(random, 1930, 1999).slice(2) + randomDigits(random, 3);
    const amex = /^3[47]/.test(id) && luhnCheckDigit(id.slice(0, 14)) === id[14];
    if (!amex) return id;
  }
}

/** Luhn: the digit that makes Σ (every second digit from the right doubled, digits summed) ≡ 0 mod 10. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const fromRight = body.length - i;
    const d = Number(body[i]);
    sum += fromRight % 2 === 1 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][d] : d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function luhnNumber(random: Random, prefix: string, length: number): string {
  const body = prefix + randomDigits(random, length - prefix.length - 1);
  return body + luhnCheckDigit(body);
}

/** Issuer prefixes and lengths of UnionPay, Visa, Mastercard, Amex and JCB. */
const CARD_SHAPES: ReadonlyArray<{ prefix: (random: Random) => string; length: number }> = [
  { prefix: () => '62', length: 16 },
  { prefix: () => '62', length: 19 },
  { prefix: () => '4', length: 16 },
  { prefix: (random) => String(between(random, 51, 55)), length: 16 },
  { prefix: () => '2221', length: 16 },
  { prefix: () => '2720', length: 16 },
  { prefix: () => '37', length: 15 },
  { prefix: () => '34', length: 15 },
  { prefix: () => '3530', length: 16 },
];

export function bankCard(random: Random): string {
  const shape = pick(random, CARD_SHAPES);
  return luhnNumber(random, shape.prefix(random), shape.length);
}

/** Groups a card number the way it is printed: 4-6-5 for 15 digits, otherwise blocks of four. */
export function groupCard(card: string, separator: string): string {
  if (card.length === 15) return [card.slice(0, 4), card.slice(4, 10), card.slice(10)].join(separator);
  return card.match(/.{1,4}/g)!.join(separator);
}

const MOBILE_PREFIXES = ['130', '135', '139', '145', '149', '150', '153', '155', '159', '162', '165', '166', '167', '170', '178', '180', '186', '189', '190', '193', '195', '199'];

export function mobile(random: Random): string {
  return pick(random, MOBILE_PREFIXES) + randomDigits(random, 8);
}

export function formatMobile(random: Random, number: string): string {
  const grouped = (sep: string): string => `${number.slice(0, 3)}${sep}${number.slice(3, 7)}${sep}${number.slice(7)}`;
  return pick(random, [
    number,
    grouped(' '),
    grouped('-'),
    `+86 ${number}`,
    `+86-${grouped('-')}`,
    `(+86)${number}`,
    `0086 ${number}`,
    `86${number}`,
    `+86${number}`,
  ]);
}

export function landline(random: Random): string {
  const subscriber = String(between(random, 2, 8)) + randomDigits(random, 7);
  const area = pick(random, ['010', '021', '020', '025', '0755', '0571', '0311', '0931']);
  return pick(random, [
    `${area}-${subscriber}`,
    `(${area})${subscriber.slice(0, 4)}-${subscriber.slice(4)}`,
    `（${area}）${subscriber}`,
    `${area} ${subscriber}`,
    `${area}-${subscriber}转${between(random, 1, 999)}`,
    `${area}-${subscriber}-${between(random, 10, 9999)}`,
    `${area}${subscriber}`,
    `+86 ${area.slice(1)} ${subscriber}`,
  ]);
}

export function email(random: Random): string {
  const user = pick(random, ['zhang', 'li.wei', 'wang_fang', 'chen-jing', 'liu2008', 'yang.ming88']) + randomDigits(random, 2);
  return `${user}@${pick(random, ['163.com', 'qq.com', 'sina.com.cn', 'example.org', 'mail.tsinghua.edu.cn', 'gmail.com'])}`;
}

export function publicIPv4(random: Random): string {
  return `${pick(random, [1, 8, 36, 58, 61, 101, 114, 119, 121, 180, 202, 220, 223])}.${between(random, 0, 255)}.${between(random, 0, 255)}.${between(random, 1, 254)}`;
}

export function publicIPv6(random: Random): string {
  const group = (): string => between(random, 0, 0xffff).toString(16);
  return pick(random, [
    `240e:${group()}:${group()}::${group()}`,
    `2408:${group()}:${group()}:${group()}:${group()}:${group()}:${group()}:${group()}`,
    `2001:da8:${group()}::1`,
  ]);
}

export function qqNumber(random: Random): string {
  return String(between(random, 1, 9)) + randomDigits(random, between(random, 4, 9));
}

export function wechatId(random: Random): string {
  return pick(random, ['wxid_', 'zhang', 'Lucy', 'tom-', 'a']) + randomDigits(random, between(random, 5, 10));
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100: check value 31 − (Σ cᵢ·3^i mod 31) mod 31, then mapped back to the 31-character set. */
export function creditCode(random: Random): string {
  let first17 = pick(random, ['91', '92', '12', '52']) + '3' + randomDigits(random, 5);
  for (let i = 0; i < 9; i++) first17 += CREDIT_CHARS[Math.floor(random() * CREDIT_CHARS.length)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]) * (3 ** i % 31);
  return first17 + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

/** ISBN-13: weights 1, 3 alternating, check digit completes Σ to a multiple of 10. */
export function isbn13(random: Random): string {
  const body = pick(random, ['978', '979']) + '7' + randomDigits(random, 8);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + ((10 - (sum % 10)) % 10);
}

export interface Planted {
  rule: string;
  text: string;
}

/** Identifiers that must be found, each with the cue or label a writer would put before it. */
export function plantedPii(random: Random): Planted {
  const kind = between(random, 0, 11);
  switch (kind) {
    case 0:
      return { rule: 'id_card', text: residentId18(random) };
    case 1:
      return { rule: 'id_card', text: residentId15(random) };
    case 2:
    case 3:
      return { rule: 'phone', text: formatMobile(random, mobile(random)) };
    case 4:
      return { rule: 'phone', text: landline(random) };
    case 5: {
      const card = bankCard(random);
      return { rule: 'bank_card', text: pick(random, [card, groupCard(card, ' '), groupCard(card, '-')]) };
    }
    case 6:
      return { rule: 'email', text: email(random) };
    case 7:
      return { rule: 'ip', text: publicIPv4(random) };
    case 8:
      return { rule: 'ip', text: publicIPv6(random) };
    case 9:
      return { rule: 'qq', text: qqNumber(random) };
    case 10:
      return { rule: 'wechat', text: wechatId(random) };
    default:
      return { rule: 'id_card', text: residentId18(random).replace(/^(\d{6})(\d{8})(.{4})$/, '$1 $2 $3') };
  }
}

const CUES: Record<string, readonly string[]> = {
  id_card: ['身份证号：', '身份证号码', '证件号 ', '公民身份号码：'],
  phone: ['联系电话：', '手机', '电话：', '请致电', '联系方式 '],
  bank_card: ['银行卡号：', '卡号', '收款账号：'],
  email: ['邮箱：', '电子邮件', 'Email: ', '发送至'],
  ip: ['登录IP：', '来源地址 ', 'IP地址为'],
  qq: ['QQ：', 'QQ号', '扣扣 ', 'qq:'],
  wechat: ['微信：', '微信号', 'vx:', 'VX：', '加微', 'wx ', 'v信：'],
};

export function cueFor(random: Random, rule: string): string {
  return pick(random, CUES[rule]);
}

/** Numbers that only look like PII; every one must survive the default `pii` step unchanged. */
export function decoy(random: Random): string {
  const id = residentId18(random);
  const kind = between(random, 0, 24);
  switch (kind) {
    case 0:
      return `订单号：${randomDigits(random, 1 + between(random, 15, 18))}`;
    case 1: {
      const wrong = String((Number(id[17] === 'X' ? 10 : id[17]) + 1) % 10);
      return `身份证号 ${id.slice(0, 17)}${wrong === id[17] ? '0' : wrong}`;
    }
    case 2:
      return `证件 ${residentId18(random, `${between(random, 1990, 2020)}0230`)}`;
    case 3:
      return `号码 ${residentId18(random, '20991231')}`;
    case 4:
      return `编码 99${id.slice(2)}`;
    case 5:
      return `股票代码(${pick(random, ['300', '600', '000', '688'])}${randomDigits(random, 3)})`;
    case 6:
      return `${between(random, 1990, 2025)}${pad(between(random, 1, 12), 2)}${pad(between(random, 1, 28), 2)}`;
    case 7:
      return `${between(random, 1, 999)},${randomDigits(random, 3)},${randomDigits(random, 3)}元`;
    case 8:
      return `文章编号：${between(random, 1000, 1999)}-${randomDigits(random, 4)}(${between(random, 2000, 2025)})${randomDigits(random, 2)}-${randomDigits(random, 4)}-${randomDigits(random, 2)}`;
    case 9: {
      const isbn = isbn13(random);
      return pick(random, [`ISBN ${isbn}`, `ISBN ${isbn.slice(0, 3)}-${isbn[3]}-${isbn.slice(4, 7)}-${isbn.slice(7, 12)}-${isbn[12]}`, isbn]);
    }
    case 10:
      return `https://example.com/news/${mobile(random)}.html?id=${id}`;
    case 11:
      return pick(random, ['400-810-8888', '4008208820', '800-820-8820', '95588', '12345', '10086', '400 600 0000']);
    case 12:
      return pick(random, ['192.168.1.1', '10.0.0.8', '172.16.5.4', '127.0.0.1', '169.254.1.1', '192.0.2.33', '198.51.100.7', '203.0.113.9', '255.255.255.0', '::1', 'fe80::1', '2001:db8::8a2e:370:7334', 'fd00::1']);
    case 13:
      return `${pad(between(random, 0, 23), 2)}:${pad(between(random, 0, 59), 2)}:${pad(between(random, 0, 59), 2)}`;
    case 14:
      return `版本 ${between(random, 1, 9)}.${between(random, 1, 9)}.${between(random, 1, 9)}.${between(random, 1, 9)}`;
    case 15:
      return `${between(random, 1, 9)}.${mobile(random)}`;
    case 16: {
      const card = luhnNumber(random, '62', 16);
      return `${card.slice(0, 15)}${(Number(card[15]) + 1) % 10}`;
    }
    case 17:
      return luhnNumber(random, '9', 16);
    case 18:
      return `${pick(random, ['120', '140', '154', '160', '179', '194'])}${randomDigits(random, 8)}`;
    case 19:
      return `${mobile(random)}${between(random, 0, 9)}`;
    case 20:
      return `SN${mobile(random)}`;
    case 21:
      return pick(random, [`QQ群：${qqNumber(random)}`, `微信公众号：${wechatId(random)}`, `微信群${qqNumber(random)}`]);
    case 22:
      return `${mobile(random)}-${randomDigits(random, 4)}`;
    case 23:
      return `第${randomDigits(random, 1)}${randomDigits(random, 7)}号`;
    default:
      return `${mobile(random).slice(0, 10)}.${randomDigits(random, 2)}`;
  }
}

const PROSE = [
  '今年第三季度，公司营业收入同比增长12.5%，达到3,456万元。',
  '据统计，2023年全国共有1,200余所高校参加了这次评估。',
  '会议于5月4日上午9点在市政府三楼会议室召开，共有86名代表出席。',
  '这款手机搭载6.7英寸屏幕，电池容量为5000毫安时，售价2999元起。',
  '小区共有12栋楼，每栋18层，绿化率达到35%以上。',
  '他在1998年考入大学，毕业后进入一家互联网公司工作了10年。',
  '本次活动持续到10月31日，期间每天限量发放500张优惠券。',
  '春天来了，公园里的樱花陆续开放，吸引了不少市民前来观赏。',
  '老师提醒大家，考试时间为上午8:30至10:30，请提前15分钟入场。',
  '这条高速公路全长128公里，设计时速120公里，预计2026年底通车。',
  '我们的产品已经出口到30多个国家和地区，累计销量超过100万台。',
  '第2章介绍了数据清洗的基本方法，第3章讨论去重算法。',
  '气象台预计明天最高气温28℃，最低气温19℃，有小到中雨。',
  '该项目总投资约4.5亿元，占地面积2.3万平方米。',
  '读者可以在图书馆二楼借阅相关资料，开放时间为周一至周五。',
  '比赛最终以3比1结束，主队在第78分钟打进了关键一球。',
];

/** Chinese prose with a realistic density of ordinary numbers and a planted identifier every `piiEvery` sentences. */
export function chineseProse(random: Random, targetChars: number, piiEvery = 40): string {
  const parts: string[] = [];
  let length = 0;
  let sentence = 0;
  while (length < targetChars) {
    let part = pick(random, PROSE);
    if (piiEvery > 0 && ++sentence % piiEvery === 0) {
      const planted = plantedPii(random);
      part = `${cueFor(random, planted.rule)}${planted.text}，${part}`;
    }
    if (sentence % 7 === 0) part += '\n';
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}
