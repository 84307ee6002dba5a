import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyLines } from './classify.js';
import { cleanLinesOptions, toRuleOptions } from './clean-lines.js';

const options = toRuleOptions(cleanLinesOptions.parse({}));
const KB100 = 100_000;

function fill(unit: string, size = KB100): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** One long line and many short lines per pattern: each targets a rule's regex or its neighbourhood scan. */
const ADVERSARIAL: Record<string, string> = {
  spaces: fill(' ') + 'x',
  dots: fill('.'),
  ellipsis: fill('…'),
  digits: fill('1234567890'),
  'date-like': fill('2024-05-20 12:30 '),
  'count-like': fill('1,2.3万'),
  tags: fill('<a href="x">'),
  'open-brackets': fill('（('),
  breadcrumb: fill('首页 > '),
  'credit-cue': fill('来源：编辑：'),
  'caption-cue': fill('图源：'),
  'promo-cue': fill('公众号扫码'),
  'copyright-cue': fill('版权所有©'),
  'list-markers': fill('1、'),
  'photo-credit': fill('摄'),
  replacement: fill('\ufffd'),
  'many-menu-lines': fill('首页\n'),
  'many-teaser-lines': fill('这是一条被截断的推荐文章标题，长度完全一样的\n'),
  'many-prefix-lines': fill('同一个前缀开头的很多行内容各不相同', 40) + '\n' + Array.from({ length: 4000 }, (_, i) => `同一个前缀开头的很多行内容各不相同第${i}行。`).join('\n'),
  'many-repeated-lines': fill('完全相同的一行正文内容，重复出现了很多次。\n'),
  'many-fragments': fill('名称：内容\n'),
  'many-exclamations': fill('这是一个惊人的消息，快来看看吧！\n'),
  'alternating-junk': fill('正文里的一句话，写得很完整。\n回复\n'),
  'many-blocks-between-chrome': fill('正文里的一句话，写得很完整。\n分享\n1\n2\n3\n广告\n体育\n财经\n热门\n'),
  'relative-times': fill('12天前'),
  'time-tokens': fill('2024-05-01 12:00:00 |（）'),
  'urls-after-a-label': '本文链接：' + fill('https://www.'),
  'url-runs': fill('http://www.example.com/a?b=c '),
  'han-free-prose': fill('This line has no Han at all, only English words. '),
  'many-post-records': fill('小林 3天前\n一句很短的回复\n回复 1\n'),
  'many-feed-records': fill('一篇相关文章的标题\n某人的博客\n05-11 2271\n这是相关文章的摘要，写得像正文一样完整，也有标点符号。\n'),
  'many-metadata-lines': fill('05-11 2271\n'),
};

// Catastrophic backtracking or a quadratic scan costs seconds to minutes here. CPU time, not wall
// time, so a busy CI box does not fail the test; 1 s still leaves a wide margin.
for (const [name, input] of Object.entries(ADVERSARIAL)) {
  test(`clean_lines on 100 KB of ${name} finishes under 1 s of CPU`, () => {
    const started = process.cpuUsage();
    classifyLines(input, options);
    const used = process.cpuUsage(started);
    const elapsed = (used.user + used.system) / 1000;
    assert.ok(elapsed < 1000, `${name}: ${elapsed.toFixed(0)} ms`);
  });
}
