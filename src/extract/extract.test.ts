import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import type { Document } from '../core/document.js';
import { collect, fromArray, testContext } from '../core/testing.js';
import { extractStep } from './step.js';
import { ANSWERS, ARTICLE_PARAGRAPHS, FORUM_POSTS, forumPage, newsPage, plainPage, qaPage, TRADITIONAL_PARAGRAPHS } from './fixtures.js';

const SIMPLIFIED_PARAGRAPHS = ARTICLE_PARAGRAPHS;

async function runExtract(docs: Document[], options: Record<string, unknown> = {}) {
  const step = await extractStep.create(extractStep.options.parse(options), 'extract');
  if (step.kind !== 'stream') throw new Error('extract must be a stream step');
  const ctx = testContext('extract');
  const kept = await collect(step.run(fromArray(docs), ctx));
  return { kept, removed: ctx.removed, stats: ctx.stats };
}

function rawDoc(bytes: Uint8Array, extra: { contentType?: string; httpStatus?: number } = {}, id = 'page'): Document {
  return { id, text: '', fields: {}, taomi: {}, source: { file: 'crawl.warc.gz', offset: 0 }, raw: { bytes, ...extra } };
}

function htmlDoc(html: string, id = 'page'): Document {
  return { id, text: '', fields: { html }, taomi: {}, source: { file: 'pages.jsonl', line: 1 } };
}

async function extractOne(doc: Document, options: Record<string, unknown> = {}) {
  const started = Date.now();
  const result = await runExtract([doc], options);
  return { ...result, doc: result.kept[0], ms: Date.now() - started };
}

test('news article: main text kept, chrome, related list, credits and footer dropped', async () => {
  const { doc } = await extractOne(htmlDoc(newsPage()), { title_in_text: true });
  for (const paragraph of ARTICLE_PARAGRAPHS) assert.ok(doc.text.includes(paragraph), paragraph);
  for (const junk of ['热门', '相关', '责任编辑', 'ICP', '版权所有', '分享到', '首页', '脚本', '评论']) {
    assert.ok(!doc.text.includes(junk), `leaked: ${junk}\n${doc.text}`);
  }
  assert.equal(doc.text.split('\n')[0], '青石镇举办春季农产品展销会');
  assert.equal(doc.taomi.title, '青石镇举办春季农产品展销会');
  assert.equal(doc.taomi.published, '2024-05-20T16:25:00');
  assert.equal(doc.taomi.charset, 'utf-8');
  assert.ok((doc.taomi.extraction_confidence as number) > 0.5);
  assert.equal(doc.fields.html, undefined, 'keep_html: false drops the html field');
});

test('forum thread: every post kept, in order, without user info or action links', async () => {
  const { doc } = await extractOne(htmlDoc(forumPage()));
  let from = 0;
  for (const post of FORUM_POSTS) {
    const at = doc.text.indexOf(post, from);
    assert.ok(at >= from, `missing or out of order: ${post}\n${doc.text}`);
    from = at + post.length;
  }
  for (const junk of ['举报', '引用', '热门排行']) assert.ok(!doc.text.includes(junk), `leaked: ${junk}`);
});

test('Q&A page: all answers kept, related questions dropped', async () => {
  const { doc } = await extractOne(htmlDoc(qaPage()));
  for (const answer of ANSWERS) assert.ok(doc.text.includes(answer), answer);
  assert.ok(!doc.text.includes('相关问题'), doc.text);
});

const charsetCases: Array<{ name: string; encoding: string; paragraphs: string[]; declare?: string; expected: string }> = [
  { name: 'GBK declared as gb2312', encoding: 'gbk', paragraphs: SIMPLIFIED_PARAGRAPHS, declare: 'gb2312', expected: 'gb18030' },
  { name: 'GBK undeclared', encoding: 'gbk', paragraphs: SIMPLIFIED_PARAGRAPHS, expected: 'gb18030' },
  { name: 'Big5 declared', encoding: 'big5', paragraphs: TRADITIONAL_PARAGRAPHS, declare: 'big5', expected: 'big5' },
  { name: 'Big5 undeclared', encoding: 'big5', paragraphs: TRADITIONAL_PARAGRAPHS, expected: 'big5' },
  { name: 'UTF-8 traditional, declared', encoding: 'utf8', paragraphs: TRADITIONAL_PARAGRAPHS, declare: 'utf-8', expected: 'utf-8' },
  { name: 'GBK bytes declared UTF-8 (wrong)', encoding: 'gbk', paragraphs: SIMPLIFIED_PARAGRAPHS, declare: 'utf-8', expected: 'gb18030' },
  { name: 'Big5 bytes declared GBK (wrong)', encoding: 'big5', paragraphs: TRADITIONAL_PARAGRAPHS, declare: 'gbk', expected: 'big5' },
];

for (const { name, encoding, paragraphs, declare, expected } of charsetCases) {
  test(`charset: ${name}`, async () => {
    const bytes = iconv.encode(plainPage(paragraphs, declare), encoding);
    const { doc } = await extractOne(rawDoc(bytes, { contentType: 'text/html', httpStatus: 200 }));
    assert.equal(doc.taomi.charset, expected);
    for (const paragraph of paragraphs) assert.ok(doc.text.includes(paragraph), `${paragraph}\n${doc.text}`);
  });
}

test('charset: undeclared UTF-8 longer than the detection sample, a character cut at its edge', async () => {
  // Long enough that the 96 KB detection sample ends inside a three-byte character for some padding.
  for (const padding of ['', 'a', 'ab']) {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `${padding}第${i}段：${SIMPLIFIED_PARAGRAPHS[i % SIMPLIFIED_PARAGRAPHS.length]}`);
    const { doc } = await extractOne(rawDoc(Buffer.from(plainPage(paragraphs)), { contentType: 'text/html' }));
    assert.equal(doc.taomi.charset, 'utf-8');
    assert.ok(doc.text.includes(paragraphs[399]));
  }
});

test('charset: HTTP header wins over a missing meta; ISO-8859-1 header on GBK bytes is overridden', async () => {
  const bytes = iconv.encode(plainPage(SIMPLIFIED_PARAGRAPHS), 'gbk');
  const declared = await extractOne(rawDoc(bytes, { contentType: 'text/html; charset=GBK' }));
  assert.equal(declared.doc.taomi.charset, 'gb18030');
  const wrong = await extractOne(rawDoc(bytes, { contentType: 'text/html; charset=ISO-8859-1' }));
  assert.equal(wrong.doc.taomi.charset, 'gb18030');
  assert.equal(wrong.doc.taomi.charset_declared, 'windows-1252');
  assert.ok(wrong.doc.text.includes(SIMPLIFIED_PARAGRAPHS[0]));
});

test('unclosed and misnested tags still give the text', async () => {
  const html = `<html><body><div class="content"><p>${ARTICLE_PARAGRAPHS[0]}<p>${ARTICLE_PARAGRAPHS[1]}<div><span><b>${ARTICLE_PARAGRAPHS[2]}</div></i></p><table><tr><td>${ARTICLE_PARAGRAPHS[3]}`;
  const { doc } = await extractOne(htmlDoc(html));
  for (const paragraph of ARTICLE_PARAGRAPHS) assert.ok(doc.text.includes(paragraph), paragraph);
});

test('10,000-level nesting, closed and unclosed, does not overflow the stack', async () => {
  const depth = 10_000;
  const closed = `<html><body>${'<div>'.repeat(depth)}<p>${ARTICLE_PARAGRAPHS[0]}</p>${'</div>'.repeat(depth)}</body></html>`;
  const unclosed = `<html><body>${'<div><span>'.repeat(depth)}<p>${ARTICLE_PARAGRAPHS[1]}`;
  const { kept, ms } = await runExtractTimed([htmlDoc(closed, 'closed'), htmlDoc(unclosed, 'unclosed')]);
  assert.equal(kept.length, 2);
  assert.ok(kept[0].text.includes(ARTICLE_PARAGRAPHS[0]));
  assert.ok(kept[1].text.includes(ARTICLE_PARAGRAPHS[1]));
  assert.ok(ms < 10_000, `took ${ms} ms`);
});

async function runExtractTimed(docs: Document[], options: Record<string, unknown> = {}) {
  const started = Date.now();
  const result = await runExtract(docs, options);
  return { ...result, ms: Date.now() - started };
}

test('a 20 MB page is parsed up to max_bytes, recorded and counted', async () => {
  const filler = `<div class="list"><a href="/x">一条很长的导航链接文字</a></div>\n`;
  const head = `<html><body><div class="content">${ARTICLE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div>`;
  const html = head + filler.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(filler)));
  const bytes = Buffer.from(html);
  const { doc, stats, ms } = await extractOne(rawDoc(bytes, { contentType: 'text/html; charset=utf-8' }));
  assert.ok(doc.text.includes(ARTICLE_PARAGRAPHS[0]));
  const truncated = doc.taomi.extract_truncated as Array<{ rule: string; value: number; threshold: number }>;
  assert.equal(truncated[0].rule, 'too_large');
  assert.equal(truncated[0].value, bytes.length);
  assert.equal(stats.counters['truncated.too_large'], 1);
  assert.ok(ms < 20_000, `took ${ms} ms`);
});

test('time budget: parsing stops early with the reason recorded', async () => {
  const html = `<html><body><div class="content"><p>${ARTICLE_PARAGRAPHS[0]}</p></div>${'<p>填充的段落文字，用来让页面变大。</p>'.repeat(200_000)}`;
  const { doc, stats } = await extractOne(htmlDoc(html), { time_budget_ms: 1 });
  const truncated = doc.taomi.extract_truncated as Array<{ rule: string }>;
  assert.ok(truncated.some((entry) => entry.rule === 'time_budget'));
  assert.equal(stats.counters['truncated.time_budget'], 1);
});

test('bad payloads are removed with a rule, value and threshold', async () => {
  const random = new Uint8Array(4096);
  for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 256;
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const docs = [
    rawDoc(random, { contentType: 'text/html', httpStatus: 200 }, 'binary'),
    rawDoc(png, { contentType: 'text/html' }, 'png'),
    rawDoc(new Uint8Array(0), { contentType: 'text/html', httpStatus: 200 }, 'empty'),
    rawDoc(Buffer.from('  \n '), { contentType: 'text/html' }, 'blank'),
    rawDoc(Buffer.from(newsPage()), { contentType: 'text/html', httpStatus: 404 }, 'status'),
    rawDoc(Buffer.from('{"a":1}'), { contentType: 'application/json', httpStatus: 200 }, 'json'),
    rawDoc(Buffer.from('<html><body><script>x()</script></body></html>'), { contentType: 'text/html' }, 'scriptonly'),
    { id: 'nohtml', text: 'plain text only', fields: {}, taomi: {}, source: { file: 'a.jsonl' } },
  ];
  const { kept, removed } = await runExtract(docs);
  assert.equal(kept.length, 0);
  const rules = Object.fromEntries(removed.map(({ doc, removal }) => [doc.id, removal]));
  assert.equal(rules.binary.rule, 'binary');
  assert.equal(rules.png.rule, 'binary');
  assert.equal(rules.png.value, 'png');
  assert.equal(rules.empty.rule, 'empty');
  assert.equal(rules.blank.rule, 'empty');
  assert.deepEqual([rules.status.rule, rules.status.value, rules.status.threshold], ['http_status', 404, '200']);
  assert.deepEqual([rules.json.rule, rules.json.value], ['non_html', 'application/json']);
  assert.equal(rules.scriptonly.rule, 'no_content');
  assert.equal(rules.nohtml.rule, 'non_html');
  for (const { removal } of removed) assert.ok(removal.threshold !== undefined && removal.value !== undefined);
});

test('keep_html keeps the decoded HTML; text that is itself HTML is extracted', async () => {
  const bytes = iconv.encode(plainPage(SIMPLIFIED_PARAGRAPHS, 'gbk'), 'gbk');
  const { doc } = await extractOne(rawDoc(bytes, { contentType: 'text/html' }), { keep_html: true });
  assert.ok((doc.fields.html as string).includes(SIMPLIFIED_PARAGRAPHS[0]));
  assert.equal(doc.raw, undefined);
  const fromText = await extractOne({ id: 't', text: plainPage(SIMPLIFIED_PARAGRAPHS), fields: {}, taomi: {}, source: { file: 'a.jsonl' } });
  assert.ok(fromText.doc.text.includes(SIMPLIFIED_PARAGRAPHS[1]));
});
