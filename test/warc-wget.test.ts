// A real crawl: pages written here are served on 127.0.0.1, fetched by Debian wget into a WARC,
// and refined with `taomi run --preset zh-html` (and `--preset extract`) through the CLI.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { readRecords, runCli, tempDir } from './helpers/harness.js';

function hasWget(): boolean {
  try {
    execFileSync('wget', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const TOPICS = ['社区图书馆', '老街改造', '夜间公交', '菜市场升级', '河道清理', '儿童乐园'];

/** A long enough article (for the zh-web filters) on `topic`, written for this test. */
function article(topic: string): string[] {
  return [
    `${topic}项目近日正式完成，附近居民对此议论纷纷。记者走访了周边几个小区，听到了不少真实的声音。`,
    `住在附近的李阿姨说，以前每到周末都要坐很久的车去别的地方，现在出门走几分钟就到了，方便了很多。`,
    `负责这项工作的街道干部介绍，从去年秋天开始，他们先后组织了三次居民座谈会，收集到一百多条意见。`,
    `在施工过程中，工程队尽量避开早晚高峰，并且每周在公告栏更新进度，让大家心里有数。`,
    `也有居民提出，后续的维护同样重要，希望有关部门建立长期的管理办法，不要只顾建设不顾管理。`,
    `街道方面表示，下一步将成立由居民代表参加的监督小组，定期检查运行情况，及时解决出现的问题。`,
    `一位在这里生活了三十多年的老住户感慨，这些年身边的变化一件接着一件，日子确实越过越舒心了。`,
  ];
}

function page(title: string, paragraphs: string[], charset: string): string {
  const nav = ['首页', '本地', '民生', '图片', '视频'].map((label) => `<a href="/">${label}</a>`).join(' ');
  const related = TOPICS.map((topic, i) => `<li><a href="/related/${i}">${topic}相关报道的标题链接</a></li>`).join('');
  return `<!DOCTYPE html><html><head><meta charset="${charset}"><title>${title}_本地新闻网</title></head>
<body><div class="nav">${nav}</div><div class="article"><h1>${title}</h1><p class="time">2024年5月20日 09:30</p>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</div>
<div class="related"><h3>相关阅读</h3><ul>${related}</ul></div>
<div class="footer">示例本地新闻网 版权所有 京ICP备00000000号</div></body></html>`;
}

interface Served {
  body: Buffer;
  headers: Record<string, string>;
  status?: number;
}

function site(): Map<string, Served> {
  const pages = new Map<string, Served>();
  const utf8Title = `${TOPICS[0]}开门迎客`;
  pages.set('/utf8.html', { body: Buffer.from(page(utf8Title, article(TOPICS[0]), 'utf-8')), headers: { 'content-type': 'text/html; charset=utf-8' } });
  const gbkTitle = `${TOPICS[1]}完工`;
  pages.set('/gbk.html', { body: iconv.encode(page(gbkTitle, article(TOPICS[1]), 'gb2312'), 'gbk'), headers: { 'content-type': 'text/html' } });
  pages.set('/gzip.html', {
    body: gzipSync(Buffer.from(page(`${TOPICS[2]}开通`, article(TOPICS[2]), 'utf-8'))),
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' },
  });
  pages.set('/missing.html', { body: Buffer.from('<html><body>页面不存在</body></html>'), headers: { 'content-type': 'text/html' }, status: 404 });
  pages.set('/logo.png', { body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), headers: { 'content-type': 'image/png' } });
  pages.set('/binary.html', { body: Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)), headers: { 'content-type': 'text/html' } });
  pages.set('/empty.html', { body: Buffer.alloc(0), headers: { 'content-type': 'text/html' } });
  return pages;
}

describe('WARC from a real wget crawl', { skip: hasWget() ? false : 'wget is not installed (apt-get install wget)' }, () => {
  const pages = site();
  let server: Server;
  let base: string;
  let work: { dir: string; cleanup(): Promise<void> };
  let warc: string;

  before(async () => {
    work = await tempDir('taomi-warc-');
    server = createServer((request, response) => {
      const served = pages.get(request.url ?? '');
      if (!served) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(served.status ?? 200, served.headers).end(served.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const urls = [...pages.keys()].map((page) => base + page);
    // wget exits non-zero for the 404; the WARC still holds every response.
    await promisify(execFile)('wget', ['--quiet', '--tries=1', '--no-warc-keep-log', `--warc-file=${path.join(work.dir, 'crawl')}`, '-O', '/dev/null', ...urls]).catch(() => undefined);
    warc = path.join(work.dir, 'crawl.warc.gz');
    assert.ok((await readdir(work.dir)).includes('crawl.warc.gz'), 'wget wrote the WARC');
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await work.cleanup();
  });

  test('extract preset: every response is decided and counted, GBK decoded, bad payloads removed by rule', async () => {
    const out = path.join(work.dir, 'extract');
    const result = await runCli(['run', '--preset', 'extract', '--input', warc, '--output', out, '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    const kept = await readRecords(path.join(out, 'kept'));
    const byUrl = new Map(kept.map((record) => [String(record.url).replace(base, ''), record]));
    assert.deepEqual([...byUrl.keys()].sort(), ['/gbk.html', '/gzip.html', '/utf8.html']);
    const gbk = byUrl.get('/gbk.html')!;
    const taomi = gbk.taomi as Record<string, unknown>;
    assert.equal(taomi.charset, 'gb18030');
    assert.equal(taomi.title, `${TOPICS[1]}完工`);
    assert.equal(taomi.published, '2024-05-20T09:30:00');
    assert.ok(String(gbk.text).includes(article(TOPICS[1])[0]), String(gbk.text));
    for (const record of kept) {
      assert.ok(!String(record.text).includes('相关报道'), 'related list dropped');
      assert.ok(!String(record.text).includes('ICP'), 'footer dropped');
    }
    const removed = await readRecords(path.join(out, 'removed'));
    const rules = Object.fromEntries(removed.map((record) => [String(record.url).replace(base, ''), ((record.taomi as Record<string, unknown>).removed as Record<string, unknown>).rule]));
    assert.equal(rules['/missing.html'], 'http_status');
    assert.equal(rules['/logo.png'], 'non_html');
    assert.equal(rules['/binary.html'], 'binary');
    assert.equal(rules['/empty.html'], 'empty');
    // wget also stores its command line as a text/plain resource record.
    assert.deepEqual(Object.keys(rules).filter((url) => !pages.has(url)).map((url) => rules[url]), ['non_html']);
  });

  test('zh-html preset runs end to end on the WARC with balanced counts', async () => {
    const out = path.join(work.dir, 'zh-html');
    const result = await runCli(['run', '--preset', 'zh-html', '--input', warc, '--output', out, '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    const kept = await readRecords(path.join(out, 'kept'));
    const removed = await readRecords(path.join(out, 'removed'));
    const stats = JSON.parse(await readFile(path.join(out, 'stats.json'), 'utf8'));
    assert.equal(stats.read, kept.length + removed.length + stats.errored);
    const decided = new Set([...kept, ...removed].map((record) => String(record.url).replace(base, '')));
    for (const page of pages.keys()) assert.ok(decided.has(page), `${page} was read and decided`);
    assert.ok(kept.some((record) => String(record.text).includes(article(TOPICS[1])[1])), 'the GBK article survives the zh-web filters');
  });
});
