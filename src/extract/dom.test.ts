import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Tokenizer } from 'htmlparser2';
import iconv from 'iconv-lite';
import { scannablePage } from './charset.js';
import { parsePage, SkippingTokenizer, type ElementNode } from './dom.js';
import { forumPage, newsPage, qaPage } from './fixtures.js';

function textOf(node: ElementNode): string {
  return node.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

function find(node: ElementNode, tag: string): ElementNode | undefined {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    if (child.tag === tag) return child;
    const found = find(child, tag);
    if (found) return found;
  }
  return undefined;
}

test('dropped subtrees leave no nodes or text, and what follows them keeps its parent', () => {
  const { root } = parsePage(
    '<div class="box"><svg><g><text>图标文字</text></g></svg><select><option>选项</option></select>' +
      '<p style="display:none">隐藏段落</p><p>正文段落</p></div><div id="tail">结尾<select><option>未闭合',
  );
  const box = find(root, 'div')!;
  assert.deepEqual(box.children.map((child) => (typeof child === 'string' ? child : child.tag)), ['p']);
  assert.equal(textOf(box), '正文段落');
  assert.equal(textOf(root), '正文段落结尾');
  assert.equal(find(root, 'svg'), undefined);
});

test('class, id and head attributes are read whatever their case; other attributes are skipped', () => {
  const { root, head } = parsePage(
    '<html><head><META NAME="Description" CONTENT="页面&amp;说明"><script type="application/ld+json">{"a":1}</script></head>' +
      '<body><div CLASS="Main&amp;Body" data-x="<p>不是标签</p>" href="/x?a=1&amp;b=2" Id="post_1"><time datetime="2024-05-20">五月</time>内容</div></body></html>',
  );
  const div = find(root, 'div')!;
  assert.equal(div.hint, 'Main&Body post_1');
  assert.equal(textOf(div), '五月内容');
  assert.equal(head.meta.get('description'), '页面&说明');
  assert.deepEqual(head.jsonLd, ['{"a":1}']);
  assert.deepEqual(head.times, ['2024-05-20']);
});

test('attribute names are read at the right offsets across parse chunks', () => {
  const count = 12_000;
  const html = Array.from({ length: count }, (_, i) => `<div data-pad="${'x'.repeat(i % 97)}" class="item-${i}">第${i}段</div>`).join('');
  assert.ok(html.length > 3 * 256 * 1024);
  const { root } = parsePage(html);
  const hints = root.children.map((child) => (typeof child === 'string' ? '' : child.hint));
  assert.deepEqual(hints, Array.from({ length: count }, (_, i) => `item-${i}`));
});

test('entities are decoded in text, title and read attributes, also when split across parse chunks', () => {
  const { root, head } = parsePage(
    '<title>甲&amp;乙 &lt;丙&gt;</title><p title="x">价格&lt;100&nbsp;元 &copy 2024 &#20013;&#x6587;</p>' +
      '<script type="application/ld+json">{"a":"&amp;"}</script><div class="a&quot;b">尾</div>',
  );
  assert.equal(head.title, '甲&乙 <丙>');
  assert.equal(textOf(find(root, 'p')!), '价格<100\u00a0元 © 2024 中文');
  assert.deepEqual(head.jsonLd, ['{"a":"&amp;"}'], 'script text is raw, as in a browser');
  assert.equal(find(root, 'div')!.hint, 'a"b');

  const chunk = 256 * 1024;
  for (const shift of [1, 2, 3, 4]) {
    // `&amp;` starts `shift` characters before the chunk boundary, so the tokenizer hands it over in two pieces.
    const lead = '<p>' + '字'.repeat(chunk - 3 - shift);
    const { root: split } = parsePage(`${lead}&amp;后</p>`);
    assert.ok(textOf(split).endsWith('字&后'), `shift ${shift}`);
  }
});

/** Every tokenizer callback with its arguments, in order. */
function tokenEvents(TokenizerClass: typeof Tokenizer, html: string, chunkSize: number): string[] {
  const events: string[] = [];
  const record = (name: string) => (...args: unknown[]) => void events.push(`${name}:${args.join(',')}`);
  const callbacks = Object.fromEntries(
    ['onattribdata', 'onattribentity', 'onattribend', 'onattribname', 'oncdata', 'onclosetag', 'oncomment', 'ondeclaration',
      'onend', 'onopentagend', 'onopentagname', 'onprocessinginstruction', 'onselfclosingtag', 'ontext', 'ontextentity']
      .map((name) => [name, record(name)]),
  ) as unknown as ConstructorParameters<typeof Tokenizer>[1];
  const tokenizer = new TokenizerClass({ decodeEntities: false }, callbacks);
  for (let offset = 0; offset < html.length; offset += chunkSize) tokenizer.write(html.slice(offset, offset + chunkSize));
  tokenizer.end();
  return events;
}

test('the native skip-ahead tokenizer emits exactly what htmlparser2 own tokenizer emits, across chunk splits', () => {
  const tricky =
    '<p title="a>b" data-x=\'<script>\'>文字 a<b c</p><script>if (a < b && c > d) x = "</scr" + "ipt>";</script>' +
    '<style>p{color:red}</style ><STYLE>q{}</STYLE><!-- 注释 <p> --><![CDATA[x]]><textarea>a<b</textarea>' +
    '<title>标题 &amp; 副标题</title><svg><path d="M0 0"/></svg><div unquoted=a>b<br/>未闭合<span';
  for (const html of [tricky, newsPage(), forumPage(), qaPage()]) {
    for (const chunkSize of [1, 7, 64, html.length]) {
      assert.deepEqual(tokenEvents(SkippingTokenizer, html, chunkSize), tokenEvents(Tokenizer, html, chunkSize), `chunk ${chunkSize}`);
    }
  }
});

/** The whole tree as nested arrays, for comparing two parses. */
function shape(node: ElementNode): unknown {
  return [node.tag, node.hint, node.children.map((child) => (typeof child === 'string' ? child : shape(child)))];
}

test('scanning page bytes gives the tree and head that parsing the decoded page gives, in UTF-8, GB18030 and Big5', () => {
  const chunk = 256 * 1024;
  // 𠀀 and 㐀 are four-byte sequences in GB18030, with digit bytes inside.
  const page = (filler: number): string =>
    `<html><head><title>標題與标题 &amp; 說明</title><meta name="description" content="頁面說明&amp;摘要">` +
    `<script type="application/ld+json">{"headline":"新聞"}</script></head><body>` +
    `<div class="正文 main" id="文章">${'中'.repeat(filler)}跨塊的文字𠀀㐀</div><p title="x">價格&lt;100元</p>` +
    `<div class="${'類'.repeat(filler)}">屬性跨塊</div></body></html>`;
  for (const charset of ['utf-8', 'gb18030', 'big5']) {
    for (const filler of [10, chunk / 3 - 40, chunk / 2 - 41, chunk - 45]) {
      const bytes = iconv.encode(page(filler), charset);
      const decision = { charset, source: 'meta' as const, confidence: 1 };
      const scanned = scannablePage(bytes, decision);
      assert.equal(scanned.markup.length, bytes.length, `${charset} is scanned as bytes`);
      const fromBytes = parsePage(scanned);
      const fromText = parsePage(iconv.decode(bytes, charset));
      assert.deepEqual(shape(fromBytes.root), shape(fromText.root), `${charset} filler ${filler}`);
      assert.deepEqual(fromBytes.head, fromText.head, `${charset} filler ${filler}`);
      assert.ok(fromBytes.head.title.startsWith('標題'), charset);
    }
  }
});

test('pages in charsets whose multi-byte sequences use ASCII bytes, or with a BOM, are decoded before parsing', () => {
  const html = '<p>正文</p>';
  assert.equal(scannablePage(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(html, 'utf-16le')]), { charset: 'utf-16le', source: 'bom', confidence: 1 }).markup, html);
  // ISO-2022-JP: `ESC $ B` switches to JIS X 0208, whose byte pairs include `<`, `"` and `'`; 日本 is the bytes `F|K\`.
  const jis = scannablePage(Buffer.from('<p>\x1b$BF|K\\\x1b(B</p>', 'latin1'), { charset: 'iso-2022-jp', source: 'meta', confidence: 1 });
  assert.equal(jis.markup, '<p>日本</p>');
  const bom = scannablePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html)]), { charset: 'utf-8', source: 'bom', confidence: 1 });
  assert.equal(bom.markup, html);
});
