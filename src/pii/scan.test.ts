import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPii, PII_RULES, type PiiRule, type ScanOptions } from './scan.js';
import { allowMatcher, DEFAULT_DETECTORS } from './step.js';
import { creditCode, luhnNumber, residentId18, seededRandom } from './synthetic.js';

function options(overrides: Partial<ScanOptions> = {}): ScanOptions {
  return {
    detectors: new Set(DEFAULT_DETECTORS),
    keepReservedIps: true,
    today: 20261126,
    isAllowed: allowMatcher([]),
    ...overrides,
  };
}

function found(text: string, overrides: Partial<ScanOptions> = {}): Array<[PiiRule, string]> {
  return findPii(text, options(overrides)).map((hit) => [hit.rule, text.slice(hit.start, hit.end)]);
}

function assertFinds(rule: PiiRule, samples: string[], overrides: Partial<ScanOptions> = {}): void {
  for (const sample of samples) {
    const text = `资料：${sample}。`;
    assert.deepEqual(found(text, overrides), [[rule, sample]], text);
  }
}

function assertKeeps(texts: string[], overrides: Partial<ScanOptions> = {}): void {
  for (const text of texts) assert.deepEqual(found(text, overrides), [], text);
}

const ID = '11010519491231002X';

test('resident IDs: 18 digits with X/x, spaced 6-8-4, legacy 15 digits', () => {
  assertFinds('id_card', [ID, '11010519491231002x', '110105 19491231 002X', '440105800229123']);
});

test('resident IDs: bad checksum, region, date and embedded runs are kept', () => {
  assertKeeps([
    '身份证号 110105194912310021',
    '号码 990105194912310028',
    '编号1101051949123100211',
    'ID11010519491231002X',
    '11010519491231002Xabc',
    '0011010519491231002X',
    '证件 440105810229123',
  ]);
});

test('mobiles: plain, grouped, with +86 / 0086 / 86 and parentheses', () => {
  assertFinds('phone', [
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 13812345678',
    '+86-138-1234-5678',
    '+8613812345678',
    '8613812345678',
    '008613812345678',
    '0086 13812345678',
    '(+86)13812345678',
    '（+86）138 1234 5678',
    '19912345678',
    '16612345678',
  ]);
});

test('mobiles: wrong prefix, wrong length, embedded in longer tokens', () => {
  assertKeeps([
    '号码 12012345678',
    '号码 14012345678',
    '号码 15412345678',
    '号码 19412345678',
    '号码 1381234567',
    '号码 138123456789',
    'SN13812345678',
    '13812345678abc',
    'a_13812345678',
    'x-13812345678',
    '13812345678-1234',
    '2023-13812345678',
    '13812345678.5元',
    '3.13812345678',
    '138-1234 5678',
    '138 1234 5678 9012',
    '13812345678@163',
  ]);
});

test('landlines: area codes, parentheses, extensions, +86', () => {
  assertFinds('phone', [
    '010-12345678',
    '021-62345678',
    '0755-1234-5678',
    '(0755)1234-5678',
    '（0755）12345678',
    '0755 12345678',
    '0571-8765432',
    '010-12345678转123',
    '010-12345678 转 88',
    '010-12345678-1234',
    '0755-12345678 ext. 12',
    '0755-12345678ext12',
    '021-62345678分机号301',
    '01062345678',
    '075562345678',
    '+86 10 62345678',
    '+86-755-62345678',
  ]);
});

test('landlines: no area code, bad area code, too short, service numbers', () => {
  assertKeeps([
    '电话 12345678',
    '电话 62345678',
    '电话 011-62345678',
    '电话 010-123456',
    '电话 0755-123456789',
    '热线 400-810-8888',
    '热线 4008208820',
    '热线 800-820-8820',
    '热线 95588',
    '热线 12345',
    '热线 10086',
    '号码 01012345678',
    '号码 0101234567',
    '86 755 62345678',
  ]);
});

test('bank cards: networks, groupings and separators', () => {
  const random = seededRandom(11);
  const unionpay19 = luhnNumber(random, '62', 19);
  const unionpay16 = luhnNumber(random, '6222', 16);
  const amex = luhnNumber(random, '37', 15);
  const grouped = (card: string, sep: string): string => card.match(/.{1,4}/g)!.join(sep);
  assertFinds('bank_card', [
    '4111111111111111',
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '5500000000000004',
    '378282246310005',
    '3782 822463 10005',
    '3530111333300000',
    unionpay19,
    grouped(unionpay19, ' '),
    unionpay16,
    grouped(unionpay16, '-'),
    amex,
    luhnNumber(random, '2720', 16),
  ]);
});

test('bank cards: bad Luhn, unknown prefix, wrong grouping, inside longer runs', () => {
  const random = seededRandom(12);
  const valid = luhnNumber(random, '62', 16);
  const broken = valid.slice(0, 15) + ((Number(valid[15]) + 5) % 10);
  assertKeeps([
    `卡号 ${broken}`,
    `卡号 ${luhnNumber(random, '9', 16)}`,
    `卡号 ${luhnNumber(random, '1', 19)}`,
    `卡号 ${luhnNumber(random, '62', 20)}`,
    `卡号 ${luhnNumber(random, '51', 19)}`,
    `流水 ${valid}0`,
    `卡号 ${valid.slice(0, 4)} ${valid.slice(4, 8)} ${valid.slice(8, 12)} ${valid.slice(12)} 1234`,
    `卡号 ${valid.slice(0, 6)} ${valid.slice(6)}`,
    `订单号：${valid}`,
    `流水号 ${valid}`,
  ]);
});

test('e-mail addresses, including QQ mail and sub-domains', () => {
  assertFinds('email', ['zhang.san@163.com', '12345678@qq.com', 'li_wei+news@mail.pku.edu.cn', 'A.B-C@Example.COM']);
  assert.deepEqual(found('邮箱zhangsan@163.com。'), [['email', 'zhangsan@163.com']]);
  assert.deepEqual(found('mailto:wang@sina.com.'), [['email', 'wang@sina.com']]);
});

test('e-mail look-alikes are kept', () => {
  assertKeeps(['@张三 你好', 'a@b', 'user@localhost', 'x@y.1', '价格@100元', 'a..b@163.com'.replace('a..b', '..'), '@163.com']);
});

test('IP addresses: public ones found, reserved ranges kept unless configured', () => {
  assertFinds('ip', ['8.8.8.8', '114.114.114.114', '2400:3200::1', '240e:1:2:3:4:5:6:7', '::ffff:8.8.4.4']);
  const reserved = ['192.168.1.1', '10.0.0.1', '127.0.0.1', '169.254.0.5', '192.0.2.1', '198.51.100.2', '203.0.113.3', '::1', 'fe80::1', 'fd00::1', '2001:db8::1', '255.255.255.0'];
  assertKeeps(reserved.map((ip) => `地址 ${ip}`));
  for (const ip of reserved) assert.deepEqual(found(`地址 ${ip}`, { keepReservedIps: false }), [['ip', ip]], ip);
  assert.deepEqual(found('服务器 8.8.8.8:53 可用'), [['ip', '8.8.8.8']]);
});

test('IP look-alikes: versions, dates, decimals, times, MAC addresses, C++ scopes', () => {
  assertKeeps([
    '版本 1.2.3.4',
    'v1.2.3.4',
    '1.2.3.4.5',
    '2023.05.04',
    '3.1415926',
    '256.1.1.1',
    '01.02.03.04',
    '时间 10:30:45',
    '比分 3:1',
    'MAC 00:1a:2b:3c:4d:5e',
    'std::vector',
    'a::b',
  ]);
});

test('QQ numbers and WeChat IDs only after a cue', () => {
  assert.deepEqual(found('QQ：12345678'), [['qq', '12345678']]);
  assert.deepEqual(found('QQ号 987654321，扣扣:10001'), [['qq', '987654321'], ['qq', '10001']]);
  assert.deepEqual(found('qq: 55555'), [['qq', '55555']]);
  assert.deepEqual(found('微信：abc_123x'), [['wechat', 'abc_123x']]);
  assert.deepEqual(found('微信号 wxid_abc1234'), [['wechat', 'wxid_abc1234']]);
  assert.deepEqual(found('加微信hello2023'), [['wechat', 'hello2023']]);
  assert.deepEqual(found('加微：Lucy-88'), [['wechat', 'Lucy-88']]);
  assert.deepEqual(found('VX：tom_cat9'), [['wechat', 'tom_cat9']]);
  assert.deepEqual(found('vx abcdef'), [['wechat', 'abcdef']]);
  assert.deepEqual(found('wx: zhang888'), [['wechat', 'zhang888']]);
  assert.deepEqual(found('v信：li_si_2020'), [['wechat', 'li_si_2020']]);
  assert.deepEqual(found('QQ/微信：87654321'), [['qq', '87654321']]);
  assert.deepEqual(found('微信：12345678'), [['wechat', '12345678']]);
  assert.deepEqual(found('微信：13812345678'), [['phone', '13812345678']]);
});

test('cue look-alikes are kept', () => {
  assertKeeps([
    '12345678',
    'abc_123x',
    'QQ群：12345678',
    '微信群 12345678',
    '微信公众号：rmrbwx',
    '微信支付 12345678',
    'QQ音乐 12345678',
    'QQmail 12345678',
    'wxWidgets 3.2',
    'vx: abc',
    'QQ：1234',
    'QQ：0123456',
    'QQ：123456789012',
    '微信：1abcdef',
    '微信：abc',
    'wechat: a',
  ]);
});

test('a label naming a personal number is not a record label', () => {
  assert.deepEqual(found(`身份证编号：${ID}`), [['id_card', ID]]);
  assert.deepEqual(found('手机编号 13812345678'), [['phone', '13812345678']]);
  assert.deepEqual(found('银行卡编号：4111111111111111'), [['bank_card', '4111111111111111']]);
});

test('non-personal numbers survive: stock codes, dates, amounts, article numbers, ISBNs, labelled records', () => {
  assertKeeps([
    '宁德时代(300750)今日上涨',
    '（600519）',
    '日期20230504',
    '2023年5月4日',
    '金额239,912,810元',
    '共计1,381,234,567元',
    '文章编号：1001-0505(2023)03-0001-05',
    '京ICP备12345678号',
    '京公网安备11010802012345号',
    'ISBN 978-7-111-12345-6',
    'ISBN 9787111123456',
    '9787111123456',
    '订单号：202305041234567890',
    '订单号：13812345678',
    `运单号 ${residentId18(seededRandom(13))}`,
    '邮编 100871',
    '第13812345号',
    '比例 1:1000000',
  ]);
});

test('numbers inside URLs are kept; e-mail addresses in URLs are not', () => {
  assertKeeps([
    'https://example.com/news/13812345678.html',
    `http://example.com/?id=${ID}&ip=8.8.8.8`,
    'www.example.com/user/4111111111111111',
    'http://8.8.8.8/index.html',
  ]);
  assert.deepEqual(found('见 https://example.com/?to=li@163.com 与 13912345678'), [
    ['email', 'li@163.com'],
    ['phone', '13912345678'],
  ]);
});

test('full-width digits and @ are read like ASCII', () => {
  assert.deepEqual(found('手机１３８１２３４５６７８'), [['phone', '１３８１２３４５６７８']]);
  assert.deepEqual(found('邮箱ｚｈａｎｇ＠１６３．ｃｏｍ'), [['email', 'ｚｈａｎｇ＠１６３．ｃｏｍ']]);
});

test('several identifiers in one token stream and at text edges', () => {
  assert.deepEqual(found('13812345678 13912345678'), [
    ['phone', '13812345678'],
    ['phone', '13912345678'],
  ]);
  assert.deepEqual(found(`${ID},13812345678`), [
    ['id_card', ID],
    ['phone', '13812345678'],
  ]);
  assert.deepEqual(found('13812345678'), [['phone', '13812345678']]);
});

test('allow list: exact digits, prefixes, e-mail domains', () => {
  const isAllowed = allowMatcher(['010-62345678', '139*', '*@company.com', 'press@example.org']);
  assert.deepEqual(found('电话010-62345678，手机13912345678，13812345678', { isAllowed }), [['phone', '13812345678']]);
  assert.deepEqual(found('hr@company.com press@example.org me@example.org', { isAllowed }), [['email', 'me@example.org']]);
});

test('detectors can be switched off one by one', () => {
  const text = `身份证${ID}，手机13812345678，邮箱a@b.com，IP 8.8.8.8，QQ：12345678，卡4111111111111111`;
  for (const rule of DEFAULT_DETECTORS) {
    const detectors = new Set(DEFAULT_DETECTORS.filter((r) => r !== rule));
    const rules = found(text, { detectors }).map(([r]) => r);
    assert.ok(!rules.includes(rule), rule);
    assert.equal(rules.length, rule === 'wechat' ? 6 : 5, rule);
  }
});

test('optional detectors: credit codes with GB 32100 checksum, passports after a cue, licence plates', () => {
  const all = { detectors: new Set(PII_RULES) };
  const code = creditCode(seededRandom(14));
  assert.deepEqual(found(`统一社会信用代码：${code}`, all), [['credit_code', code]]);
  assert.deepEqual(found(`统一社会信用代码：${code}`), []);
  const broken = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  assert.deepEqual(found(`代码：${broken}`, all), []);
  assert.deepEqual(found('护照号码：E12345678', all), [['passport', 'E12345678']]);
  assert.deepEqual(found('Passport No. EA1234567', all), [['passport', 'EA1234567']]);
  assert.deepEqual(found('编号 E12345678', all), []);
  assert.deepEqual(found('车牌 京A·12345 与 粤B D12345', all), [
    ['license_plate', '京A·12345'],
    ['license_plate', '粤B D12345'],
  ]);
  assert.deepEqual(found('型号 京AABCDE', all), []);
});

test('adversarial 1 MB inputs finish in linear time (CPU time, so a busy machine does not matter)', () => {
  const megabyte = 1 << 20;
  const inputs: Record<string, string> = {
    digits: '1'.repeat(megabyte),
    spacedDigits: '1 '.repeat(megabyte / 2),
    dashedGroups: '1234-'.repeat(megabyte / 5),
    punctuation: '，。！？、；：'.repeat(megabyte / 7),
    atSigns: 'a@'.repeat(megabyte / 2),
    dottedOnes: '1.'.repeat(megabyte / 2),
    colons: ':'.repeat(megabyte),
    hexColons: 'a:'.repeat(megabyte / 2),
    localParts: 'a.'.repeat(megabyte / 2) + '@163.com',
    domains: 'x@' + 'a.'.repeat(megabyte / 2),
    cues: 'QQ：'.repeat(megabyte / 3),
    phones: '13812345678,'.repeat(megabyte / 12),
    parens: '(0755)'.repeat(megabyte / 6),
    mixed: '1-1 1.1:1@1'.repeat(megabyte / 11),
  };
  for (const [name, text] of Object.entries(inputs)) {
    const before = process.cpuUsage();
    findPii(text, options({ detectors: new Set(PII_RULES) }));
    const used = process.cpuUsage(before);
    const elapsed = (used.user + used.system) / 1000;
    assert.ok(elapsed < 1000, `${name}: ${elapsed.toFixed(0)} ms`);
  }
});
