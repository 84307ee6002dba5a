import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBoilerplateLine, isMetadataLine, templateLines } from './boilerplate.js';
import { extractPage, type ExtractLimits } from './extract.js';
import { hintFactor, STRONG_NEGATIVE_FACTOR } from './hints.js';

const LIMITS: ExtractLimits = { maxBytes: 8 * 1024 * 1024, timeBudgetMs: 10_000, titleInText: false };

function extractText(html: string, limits: Partial<ExtractLimits> = {}): string {
  const result = extractPage({ html }, { ...LIMITS, ...limits });
  assert.ok(result.ok, `rejected: ${JSON.stringify(result)}`);
  return result.text;
}

function lines(text: string): string[] {
  return text.split('\n');
}

const POST_TEXT = [
  '这个插件装好以后，后台的审核队列里会自动出现待处理的内容，管理员可以逐条查看并决定是否放行。',
  '配置文件里需要填写接口地址和密钥，保存之后刷新一次缓存，新的规则就会立即生效。',
  '如果遇到误判，可以在设置页面添加白名单词汇，白名单里的词不会再触发人工审核。',
];

test('a single post with linked date, link lines and liked-by names is not a teaser list', () => {
  const html = `<html><body><div class="stream">
<div class="stream-item"><article class="post">
<header class="post-header"><a href="/u/1">阿青</a> <a href="/p/1">2024年3月12日发布</a></header>
<div class="post-body"><p>${POST_TEXT[0]}</p><p>接口文档：<a href="https://example.com/docs/api">https://example.com/docs/api/reference</a></p>
<p>${POST_TEXT[1]}</p><p><a href="https://example.com/source">https://example.com/source/filter-plugin</a></p><p>${POST_TEXT[2]}</p></div>
<footer class="post-footer"><a href="/u/2">小林</a> 和 <a href="/u/3">老周同学你好</a> 觉得很赞</footer>
</article></div></div></body></html>`;
  const text = extractText(html);
  for (const paragraph of POST_TEXT) assert.ok(text.includes(paragraph), `${paragraph}\n${text}`);
});

test('a list of linked headlines with summaries is still a teaser list', () => {
  const teasers = Array.from(
    { length: 5 },
    (_, i) => `<li class="item"><a href="/a/${i}">第${i + 1}篇推荐文章的标题写在这里</a><p>这是第${i + 1}篇推荐文章的摘要，介绍文章的大致内容。</p></li>`,
  ).join('');
  const html = `<html><body><div class="article-body">${POST_TEXT.map((p) => `<p>${p}</p>`).join('')}</div><ul class="feed">${teasers}</ul></body></html>`;
  const text = extractText(html);
  assert.ok(text.includes(POST_TEXT[0]));
  assert.ok(!text.includes('推荐文章的摘要'), text);
});

test('metadata lines: timestamps with a name or a count, not sentences', () => {
  for (const line of ['2021-01-01 10:34:38', '2024-05-08 23:23', '小王 | 12 | 3天前', '9 天 后', '1 个月 后', '2024-05-20 14:33·示例社', '阿青 2024年3月12日']) {
    assert.ok(isMetadataLine(line), line);
  }
  // Record headers with a clock time: count, name, status and location as separate fields.
  for (const line of ['312 有用 阿青的小院子 看过 2024-05-20 21:14:09 福建', '楼主 山脚村茶农老陈 2024-05-20 08:03 来自浙江 回复']) {
    assert.ok(isMetadataLine(line), line);
  }
  for (const line of [
    '2024年3月12日，镇上召开了春季农业工作会议。', '会议定在下午12:30开始', '今天把旧电脑重新装好了系统', '这是一条没有日期也没有时间的普通短句', `2024-05-20 ${'很长的说明文字'.repeat(6)}`,
    '2024-05-20 14:30 青石镇春季农产品展销会在文化广场正式开幕', '2024-05-20 14:30 展销会 正式开幕 欢迎各位乡亲前来参观选购今年的新茶',
  ]) {
    assert.ok(!isMetadataLine(line), line);
  }
});

test('separators, platform disclaimers and poster locations are boilerplate lines; numbers are not', () => {
  for (const line of ['|', '+', '· ·', '来自福建省', 'IP属地：浙江', '发布于：北京市']) {
    assert.ok(isBoilerplateLine(line), line);
  }
  assert.ok(isBoilerplateLine('本文为作者投稿，平台仅提供信息存储空间服务，不代表本站立场。'));
  for (const line of ['来自福建的茶农带来了新茶。', '2024', '3.45%', '好']) assert.ok(!isBoilerplateLine(line), line);
});

test('pagination, QR-code prompts, tip jars and "read more" teasers are boilerplate lines; prose about them is not', () => {
  for (const line of [
    '首页 | 上一页 1 下一页 | 尾页', '上一页 1 2 3 4 5 … 12 下一页', '共5页 第2页 下一页 末页 跳转 GO', '<< 上一页 下一页 >>',
    '扫描二维码以在移动设备观看', '微信扫描下方二维码关注', '赞赏记录：0 （ 0次）', '打赏支持',
    '近期，镇里开展了丰富多彩的文化活动。【详细】', '作者简介 more>', '更多 >>', '查看全文[全文]',
  ]) {
    assert.ok(isBoilerplateLine(line), line);
  }
  for (const line of [
    '下一页内容会在明天发布，请大家耐心等待。', '第1页', '首页', '2 3 4',
    '二维码支付已经成为城市生活中最常见的付款方式之一，老人也渐渐学会了使用。', '赞赏他的勇气，也心疼他的处境。',
    '这部电视剧更多的是在讲述普通人的生活。', 'Learn more about the project',
  ]) {
    assert.ok(!isBoilerplateLine(line), line);
  }
});

test('short labels repeated under several records are template text; answers that recur twice are not', () => {
  const repeated = templateLines(['第一条回复的内容。', '回复', '赞', '第二条回复', '回复', '赞', '同意', '回复', '同意']);
  assert.deepEqual([...repeated].sort(), ['回复']);
  assert.equal(templateLines(['收到', '收到', '一段较长的说明文字重复出现', '一段较长的说明文字重复出现', '一段较长的说明文字重复出现']).size, 0);
  assert.equal(templateLines(['0', '0', '0', '12', '12', '12']).size, 0, 'repeated numbers may be table cells');
});

test('forum thread: a reply label under every post is dropped, the posts stay', () => {
  const posts = POST_TEXT.map(
    (text, i) => `<div class="post" id="post_${i + 1}"><div class="post-text"><p>${text}</p></div><div class="post-actions"><span>回复</span></div></div>`,
  ).join('');
  const text = extractText(`<html><body><div class="thread">${posts}</div></body></html>`);
  for (const paragraph of POST_TEXT) assert.ok(text.includes(paragraph), paragraph);
  assert.ok(!lines(text).includes('回复'), text);
});

const ARTICLE = `<html><head><title>镇上的春季农业会议_示例网</title></head><body>
<div class="article-content"><h1>镇上的春季农业会议</h1>${POST_TEXT.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;

test("an article's headline is not part of its text unless title_in_text asks for it", () => {
  assert.equal(lines(extractText(ARTICLE))[0], POST_TEXT[0]);
  const withTitle = lines(extractText(ARTICLE, { titleInText: true }));
  assert.equal(withTitle[0], '镇上的春季农业会议');
  assert.equal(withTitle.filter((line) => line === '镇上的春季农业会议').length, 1);
});

function threadPage(replies: string[]): string {
  const items = replies.map((text) => `<div class="comment"><div class="comment-text"><p>${text}</p></div></div>`).join('');
  return `<html><head><title>插件审核怎么配置_示例论坛</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/hot">热门话题</a> <a href="/new">最新发布</a></div>
<article class="topic-detail"><h1>插件审核怎么配置</h1><div class="topic-content"><p>大家的审核插件都是怎么配置的？</p></div></article>
<div class="comments"><div class="load-more">${items}<a href="/more">加载更多</a></div></div></body></html>`;
}

test('a short post inside <main> wins over a longer notice outside it', () => {
  const notice = Array.from({ length: 4 }, (_, i) => `<p>${i + 1}.余额可以用来购买会员和课程，充值后的余额不能提现，也不能转给其他账户使用。</p>`).join('');
  const html = `<html><body><header class="top">示例博客</header><main><article><h1>我的第一篇笔记</h1>
<div class="note"><p>今天把旧电脑重新装好了系统</p></div></article>
<div class="recommend"><a href="/x">推荐阅读的另一篇文章标题</a></div></main>
<div class="pay-dialog"><div class="pay-tile">${notice}</div></div></body></html>`;
  const text = extractText(html);
  assert.ok(text.includes('今天把旧电脑重新装好了系统'), text);
  assert.ok(!text.includes('余额'), text);
});

test('video player controls inside an article are dropped', () => {
  const controls = ['正在切换清晰度，请稍候...', '播放速度：2X', '2.0X', '1.5X', '1.0X', '高清', '标清', '00:00/01:45'].map((label) => `<div class="control-item">${label}</div>`).join('');
  const html = `<html><body><div class="article-content"><div class="video-box"><div class="mplayer"><div class="playerControl">${controls}</div></div></div>
${POST_TEXT.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
  const text = extractText(html);
  assert.ok(text.includes(POST_TEXT[2]), text);
  for (const label of ['播放速度', '1.5X', '标清']) assert.ok(!text.includes(label), `${label}\n${text}`);
  assert.ok(hintFactor('mplayer') <= STRONG_NEGATIVE_FACTOR);
});

test('replies wrapped in a load-more container after a short topic are kept', () => {
  const replies = [...POST_TEXT, ...POST_TEXT.map((text) => `我也遇到了：${text}`)];
  const text = extractText(threadPage(replies));
  for (const reply of replies) assert.ok(text.includes(reply), `${reply}\n${text}`);
});

test('line rules stay linear on long adversarial lines', () => {
  const started = Date.now();
  for (const unit of ['2024-05-', '1天', '来自', ' | ', '仅提供信息存储', '12:3']) {
    const line = unit.repeat(Math.ceil(200_000 / unit.length));
    isBoilerplateLine(line);
    isMetadataLine(line);
    isBoilerplateLine(line.slice(0, 200));
    isMetadataLine(line.slice(0, 40));
    templateLines([line, line.slice(0, 6), line.slice(0, 6), line.slice(0, 6)]);
  }
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
});
