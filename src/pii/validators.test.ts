import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  areaCodeLength,
  cardNetwork,
  classifyIPv4,
  classifyIPv6,
  creditCodeCheckChar,
  isCompactLandline,
  isCreditCode,
  isEmailAddress,
  isLuhnValid,
  isMobileNumber,
  isQqNumber,
  isResidentId15,
  isResidentId18,
  isWechatId,
  parseIPv4,
  parseIPv6,
  residentIdCheckChar,
  todayNumber,
  validBankCard,
} from './validators.js';
import { creditCode, gb11643Check, isbn13, luhnCheckDigit, luhnNumber, residentId15, residentId18, seededRandom } from './synthetic.js';

const TODAY = 20261126;

test('todayNumber is YYYYMMDD in UTC', () => {
  assert.equal(todayNumber(new Date(Date.UTC(2024, 1, 29, 23, 0))), 20240229);
});

test('resident ID 18: generated IDs from GB 11643 all validate, and the two check implementations agree', () => {
  const random = seededRandom(1);
  for (let i = 0; i < 2000; i++) {
    const id = residentId18(random);
    assert.ok(isResidentId18(id, TODAY), id);
    assert.equal(residentIdCheckChar(id), gb11643Check(id.slice(0, 17)));
  }
});

test('resident ID 18: the standard example, lower-case x, and every wrong check character', () => {
  assert.ok(isResidentId18('11010519491231002X', TODAY));
  assert.ok(isResidentId18('11010519491231002x', TODAY));
  for (const wrong of '0123456789') assert.equal(isResidentId18(`11010519491231002${wrong}`, TODAY), false);
});

test('resident ID 18: region, date and shape rules', () => {
  const make = (region: string, date: string): string => {
    const first17 = `${region}0105${date}123`;
    return first17 + gb11643Check(first17);
  };
  assert.ok(make('11', '19800101').length === 18);
  for (const region of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82', '83']) {
    assert.ok(isResidentId18(make(region, '19800101'), TODAY), region);
  }
  for (const region of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '55', '60', '66', '70', '72', '80', '84', '91', '99']) {
    assert.equal(isResidentId18(make(region, '19800101'), TODAY), false, region);
  }
  assert.ok(isResidentId18(make('44', '20000229'), TODAY), 'leap day in a leap century year');
  assert.equal(isResidentId18(make('44', '19000229'), TODAY), false, '1900 is not a leap year');
  assert.equal(isResidentId18(make('44', '19990230'), TODAY), false);
  assert.equal(isResidentId18(make('44', '19991301'), TODAY), false);
  assert.equal(isResidentId18(make('44', '19990431'), TODAY), false);
  assert.equal(isResidentId18(make('44', '19990100'), TODAY), false);
  assert.equal(isResidentId18(make('44', '18991231'), TODAY), false, 'before 1900');
  assert.ok(isResidentId18(make('44', '19000101'), TODAY));
  assert.ok(isResidentId18(make('44', '20261126'), TODAY), 'born today');
  assert.equal(isResidentId18(make('44', '20261127'), TODAY), false, 'born tomorrow');
  assert.equal(isResidentId18('11010519491231002', TODAY), false);
  assert.equal(isResidentId18('1101051949123100 2', TODAY), false);
  assert.equal(isResidentId18('X1010519491231002X', TODAY), false);
});

test('resident ID 15: region and a valid 19YYMMDD date, no checksum', () => {
  const random = seededRandom(2);
  for (let i = 0; i < 500; i++) assert.ok(isResidentId15(residentId15(random), TODAY));
  assert.ok(isResidentId15('440105800229123', TODAY), '1980-02-29');
  assert.equal(isResidentId15('440105810229123', TODAY), false, '1981-02-29');
  assert.equal(isResidentId15('990105800101123', TODAY), false, 'region 99');
  assert.equal(isResidentId15('440105801301123', TODAY), false, 'month 13');
  assert.equal(isResidentId15('44010580010112X', TODAY), false);
  assert.equal(isResidentId15('4401058001011234', TODAY), false);
});

test('Luhn: published test cards, generated numbers and single-digit errors', () => {
  for (const card of ['4111111111111111', '5500000000000004', '378282246310005', '6011000990139424', '3530111333300000']) {
    assert.ok(isLuhnValid(card), card);
  }
  const random = seededRandom(3);
  for (let i = 0; i < 500; i++) {
    const card = luhnNumber(random, '62', 16 + (i % 4));
    assert.ok(isLuhnValid(card), card);
    const position = i % card.length;
    const changed = card.slice(0, position) + ((Number(card[position]) + 1 + (i % 8)) % 10) + card.slice(position + 1);
    assert.equal(isLuhnValid(changed), false, `${card} -> ${changed}`);
  }
  assert.equal(luhnCheckDigit('7992739871'), '3', 'the textbook example');
});

test('bank card networks: prefixes and lengths', () => {
  const random = seededRandom(4);
  const cases: Array<[string, number, string | null]> = [
    ['62', 16, 'unionpay'],
    ['62', 17, 'unionpay'],
    ['62', 19, 'unionpay'],
    ['4', 16, 'visa'],
    ['4', 19, 'visa'],
    ['51', 16, 'mastercard'],
    ['55', 16, 'mastercard'],
    ['2221', 16, 'mastercard'],
    ['2720', 16, 'mastercard'],
    ['34', 15, 'amex'],
    ['37', 15, 'amex'],
    ['3528', 16, 'jcb'],
    ['3589', 19, 'jcb'],
    ['56', 16, null],
    ['2220', 16, null],
    ['2721', 16, null],
    ['51', 19, null],
    ['36', 15, null],
    ['3527', 16, null],
    ['9', 16, null],
    ['62', 15, null],
    ['62', 20, null],
    ['4', 13, null],
  ];
  for (const [prefix, length, network] of cases) {
    const card = luhnNumber(random, prefix, length);
    assert.equal(cardNetwork(card), network, `${prefix}/${length}`);
    assert.equal(validBankCard(card), network && card.length >= 15 ? network : null, card);
  }
});

test('bank card: an 18-digit UnionPay number shaped like a resident ID (region + date) is not a card', () => {
  let checked = 0;
  while (checked < 20) {
    const body = `620105${1950 + (checked % 50)}0230${String(checked).padStart(3, '0')}`;
    const number = body.slice(0, 17) + luhnCheckDigit(body.slice(0, 17));
    assert.equal(validBankCard(number), null, number);
    checked++;
  }
  assert.equal(validBankCard('62220212345678901X'), null);
});

test('ISBN-13 numbers never reach card lengths', () => {
  const random = seededRandom(6);
  for (let i = 0; i < 200; i++) assert.equal(validBankCard(isbn13(random)), null);
});

test('mobile prefixes follow the current allocation', () => {
  const valid = ['130', '139', '145', '149', '150', '153', '155', '159', '162', '165', '166', '167', '170', '178', '180', '189', '190', '193', '195', '199'];
  const invalid = ['100', '110', '120', '140', '144', '154', '160', '161', '163', '164', '168', '169', '179', '194', '200'];
  for (const prefix of valid) assert.ok(isMobileNumber(`${prefix}12345678`), prefix);
  for (const prefix of invalid) assert.equal(isMobileNumber(`${prefix}12345678`), false, prefix);
  assert.equal(isMobileNumber('1381234567'), false);
  assert.equal(isMobileNumber('138123456789'), false);
  assert.equal(isMobileNumber('1381234567a'), false);
});

test('landline area codes and compact landlines', () => {
  assert.equal(areaCodeLength('010'), 3);
  assert.equal(areaCodeLength('011'), 0);
  assert.equal(areaCodeLength('021'), 3);
  assert.equal(areaCodeLength('0755'), 4);
  assert.equal(areaCodeLength('075'), 0);
  assert.equal(areaCodeLength('0012'), 0);
  assert.equal(areaCodeLength('1755'), 0);
  assert.ok(isCompactLandline('01062345678'));
  assert.ok(isCompactLandline('075562345678'));
  assert.ok(isCompactLandline('07556234567'));
  assert.equal(isCompactLandline('0106234567'), false, '3-digit area code needs 8 subscriber digits');
  assert.equal(isCompactLandline('01012345678'), false, 'subscriber starting with 1 without separator');
  assert.equal(isCompactLandline('075592345678'), false, 'subscriber starting with 9');
  assert.equal(isCompactLandline('0755623456789'), false);
});

test('IPv4 parsing and ranges', () => {
  assert.deepEqual(parseIPv4('8.8.8.8'), [8, 8, 8, 8]);
  for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1..2.3', '1.2.3.', 'a.b.c.d', '1234.1.1.1']) {
    assert.equal(parseIPv4(bad), null, bad);
  }
  const cases: Array<[string, string]> = [
    ['8.8.8.8', 'public'],
    ['114.114.114.114', 'public'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['169.254.3.4', 'link_local'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.1', 'documentation'],
    ['203.0.114.1', 'public'],
    ['0.0.0.0', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.0', 'reserved'],
    ['198.18.0.1', 'reserved'],
  ];
  for (const [address, kind] of cases) assert.equal(classifyIPv4(parseIPv4(address)!), kind, address);
});

test('IPv6 parsing and ranges', () => {
  assert.deepEqual(parseIPv6('2001:db8::1'), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(parseIPv6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
  for (const bad of [':', '1:2:3', '10:30:45', '1::2::3', '12345::1', '1:2:3:4:5:6:7:8:9', 'g::1', '00:1a:2b:3c:4d:5e', ':::', '1:2:3:4:5:6:7::8:9']) {
    assert.equal(parseIPv6(bad), null, bad);
  }
  const cases: Array<[string, string]> = [
    ['2400:3200::1', 'public'],
    ['240e:1:2:3:4:5:6:7', 'public'],
    ['2001:db8::1', 'documentation'],
    ['3fff:1::1', 'documentation'],
    ['::1', 'loopback'],
    ['fe80::1', 'link_local'],
    ['fd12:3456::1', 'private'],
    ['ff02::1', 'reserved'],
    ['::', 'reserved'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:192.168.1.1', 'private'],
    ['a::b', 'reserved'],
  ];
  for (const [address, kind] of cases) assert.equal(classifyIPv6(parseIPv6(address)!), kind, address);
});

test('e-mail addresses', () => {
  for (const [local, domain] of [['zhang.san', '163.com'], ['a', 'qq.com'], ['x+tag', 'mail.example.org'], ['li_wei-88', 'pku.edu.cn'], ['a', 'example.xn--fiqs8s']]) {
    assert.ok(isEmailAddress(local, domain), `${local}@${domain}`);
  }
  for (const [local, domain] of [['', 'a.com'], ['.a', 'a.com'], ['a.', 'a.com'], ['a..b', 'a.com'], ['a', 'com'], ['a', 'a.c'], ['a', 'a.123'], ['a', '-a.com'], ['a', 'a-.com'], ['a', 'a..com'], ['a'.repeat(65), 'a.com']]) {
    assert.equal(isEmailAddress(local, domain), false, `${local}@${domain}`);
  }
});

test('QQ numbers and WeChat IDs', () => {
  for (const value of ['10001', '12345678', '98765432101']) assert.ok(isQqNumber(value), value);
  for (const value of ['1234', '012345', '123456789012', '12a45']) assert.equal(isQqNumber(value), false, value);
  for (const value of ['abc123', 'wxid_abc1234', 'Lucy-2023', 'a12345', 'z'.repeat(20)]) assert.ok(isWechatId(value), value);
  for (const value of ['abc12', '1abcdef', '_abcdef', 'a'.repeat(21), 'abc.def', '张三abcdef']) assert.equal(isWechatId(value), false, value);
});

test('unified social credit codes (GB 32100): generated codes validate, any changed character fails', () => {
  const random = seededRandom(7);
  for (let i = 0; i < 300; i++) {
    const code = creditCode(random);
    assert.ok(isCreditCode(code), code);
    assert.equal(creditCodeCheckChar(code), code[17]);
    const replacement = code[17] === '0' ? '1' : '0';
    assert.equal(isCreditCode(code.slice(0, 17) + replacement), false);
  }
  assert.equal(isCreditCode('91350100M000100Y4I'), false, 'I is outside the character set');
  assert.equal(isCreditCode('9135010'), false);
});
