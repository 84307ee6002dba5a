import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyLines } from './classify.js';
import { cleanLinesOptions, cleanLinesStep, toRuleOptions } from './clean-lines.js';
import { boilerplateCategory, isPostHeaderText } from './boilerplate.js';
import { lineFeatures } from './features.js';
import { ARTICLE_BODY, ARTICLE_PAGE, FORUM_PAGE } from './fixtures.js';
import { collect, fromArray, testContext, testDoc } from '../core/testing.js';
import type { StreamStep } from '../core/step.js';
import { loadPreset } from '../core/config.js';

const defaults = cleanLinesOptions.parse({});
const options = toRuleOptions(defaults);
const limits = { maxFooterChars: defaults.max_footer_chars, maxCueChars: defaults.max_cue_chars, maxInterfaceChars: defaults.max_interface_chars };

function category(line: string) {
  return boilerplateCategory(line, lineFeatures(line).chars, limits);
}

function cleaned(lines: string[], overrides: Record<string, unknown> = {}): { kept: string[]; rules: Map<string, string> } {
  const verdicts = classifyLines(lines.join('\n'), toRuleOptions(cleanLinesOptions.parse(overrides)));
  const rules = new Map<string, string>();
  verdicts.forEach((verdict, index) => rules.set(lines[index], verdict.rule));
  return { kept: lines.filter((_, i) => !verdicts.has(i)), rules };
}

test('the article page keeps exactly its body, in order (the title above it is page metadata)', () => {
  const { kept, rules } = cleaned(ARTICLE_PAGE);
  assert.deepEqual(kept, ARTICLE_BODY);
  assert.equal(rules.get('城东新区三条公交线路调整运营时间'), 'short_line');
});

test('each kind of chrome on the article page goes under its own rule', () => {
  const { rules } = cleaned(ARTICLE_PAGE);
  const expect: Record<string, string> = {
    '城东新区三条公交线路调整运营时间_本地新闻_示例日报网': 'page_title',
    '首页 > 本地新闻 > 正文': 'breadcrumb',
    '2026-03-02 08:15:00 来源：示例日报 作者：张三': 'credit',
    '（资料图）': 'caption',
    '图为新区公交总站。图源：示例图片社': 'caption',
    '责任编辑：李四': 'credit',
    '关注示例日报微信公众号，扫码获取更多本地资讯': 'promo',
    '本报讯 记者从市交通委员会获悉，城东新区的三条公交线路将于下月起调整运': 'truncated_repeat',
    '老旧小区加装电梯工作进展顺利，今年已有一百二十个单元完成了施工，居民': 'teaser_block',
    'X 关闭': 'interface',
    '返回顶部': 'interface',
    'Copyright © 2026 示例日报网 版权所有': 'copyright',
    '京ICP备00000000号-1 京公网安备00000000000000号': 'copyright',
  };
  for (const [line, rule] of Object.entries(expect)) assert.equal(rules.get(line), rule, line);
  assert.equal(rules.get('首页'), 'interface');
  assert.equal(rules.get('财经'), 'short_line');
});

test('forum: posts stay, post headers, reply buttons and the disclaimer go', () => {
  const { kept, rules } = cleaned(FORUM_PAGE);
  assert.ok(kept.includes(FORUM_PAGE[7]) && kept.includes(FORUM_PAGE[10]) && kept.includes(FORUM_PAGE[13]));
  assert.equal(rules.get('2楼 老王 发表于 2026-01-05 22:01:45'), 'metadata');
  assert.equal(rules.get('回复'), 'interface');
  assert.equal(rules.get(FORUM_PAGE[15]), 'disclaimer');
});

test('line endings: closing quotes, footnote marks and trailing emoji do not hide a sentence end', () => {
  for (const line of ['他说：“明天见。”', '年均增长率达到百分之七十。[13]', '很久没看过这么细腻的剧了，强推！👍🏻👍🏻']) assert.ok(lineFeatures(line).endsSentence, line);
  for (const line of ['相关阅读', '一位老人坚持义务植树二十年…', '首页 > 新闻']) assert.ok(!lineFeatures(line).endsSentence, line);
  assert.ok(lineFeatures('这座小城凭什么成为网红打卡地...').endsEllipsis);
});

test('a short real article survives whole', () => {
  const article = ['春天来了。', '公园里的花都开了，孩子们在草地上放风筝，老人们在树下下棋。', '傍晚，湖边散步的人越来越多。'];
  assert.deepEqual(cleaned(article).kept, article);
});

test('a list inside the body survives (list numbering is not a teaser mark there)', () => {
  const lines = [
    '这次培训一共安排了四项内容，每一项都由有经验的老师负责讲解和示范。',
    '一、安全知识讲座',
    '二、急救技能实操',
    '三、消防器材使用',
    '四、应急疏散演练',
    '培训结束后，所有学员都要参加考核，合格者将获得结业证书。',
  ];
  assert.deepEqual(cleaned(lines).kept, lines);
});

test('teaser block: similar-width unfinished lines go; varied finished paragraphs stay', () => {
  const teasers = ['省气象台发布暴雨预警，预计未来三天全省大部分地区将出现强降雨，请市', '新学期开学在即，教育部门提醒家长提前做好孩子作息调整，避免开学后出', '全市首个智慧停车场投入使用，车主可以通过手机应用实时查看空余车位，'];
  const page = [...ARTICLE_BODY.slice(0, 2), '相关新闻', ...teasers];
  const { rules } = cleaned(page);
  for (const line of teasers) assert.equal(rules.get(line), 'teaser_block', line);
  const ellipses = ['一位老人坚持义务植树二十年…', '这座小城凭什么成为网红打卡地...', '夜市经济火了，摊主们却有了新烦恼…'];
  const withEllipses = cleaned([...ARTICLE_BODY.slice(0, 2), '猜你喜欢', ...ellipses]);
  for (const line of ellipses) assert.ok(withEllipses.rules.has(line), line);
  assert.deepEqual(cleaned(ARTICLE_BODY).kept, ARTICLE_BODY);
});

test('truncated repeat: a prefix of a longer paragraph goes, a heading followed by a site name does not count', () => {
  const { rules } = cleaned([...ARTICLE_BODY, ARTICLE_BODY[1].slice(0, 30)]);
  assert.equal(rules.get(ARTICLE_BODY[1].slice(0, 30)), 'truncated_repeat');
  const heading = '城东新区三条公交线路调整运营时间';
  const titled = cleaned([heading, ...ARTICLE_BODY.slice(0, 2), `${heading} - 示例日报`]);
  assert.notEqual(titled.rules.get(heading), 'truncated_repeat');
  assert.equal(titled.rules.get(`${heading} - 示例日报`), 'page_title');
});

test('broken_end: a line cut inside a multi-byte character goes', () => {
  const cut = '这是一条推荐文章的摘要，被固定宽度截断在了半个字\ufffd';
  assert.equal(cleaned([...ARTICLE_BODY.slice(0, 2), cut]).rules.get(cut), 'broken_end');
  assert.equal(cleaned(ARTICLE_BODY.slice(0, 2)).rules.size, 0);
});

test('fragment_line: clauses far from any content go, clauses next to content stay', () => {
  const far = ['首页', '登录', '热门标签：天气，交通', '返回顶部', '版权所有 © 示例网'];
  assert.equal(cleaned([...ARTICLE_BODY.slice(0, 2), ...far]).rules.get('热门标签：天气，交通'), 'fragment_line');
  const near = [ARTICLE_BODY[0], '地址：城东新区公交总站', ARTICLE_BODY[1]];
  assert.deepEqual(cleaned(near).kept, near);
});

test('outside_main_block: light content far from the main text goes, a long paragraph there stays', () => {
  const chrome = ['相关评论', '登录', '注册', '分享', '收藏', '举报', '回复'];
  const comment = '说得太对了，支持一下，希望越办越好。';
  const longComment =
    '我在城东新区住了五年，以前每天早上都要在站台等很久，冬天尤其难熬，手脚都冻僵了。这次调整确实解决了大问题，希望以后晚上的班次也能再加密一些，方便下夜班的人回家，也希望站台能加个顶棚。';
  assert.equal(cleaned([...ARTICLE_BODY, ...chrome, comment]).rules.get(comment), 'outside_main_block');
  assert.equal(cleaned([...ARTICLE_BODY, ...chrome, longComment]).rules.has(longComment), false);
  const twoArticles = cleaned([...ARTICLE_BODY, ...chrome, ...ARTICLE_BODY.map((line) => `另一篇：${line}`)]);
  assert.equal([...twoArticles.rules.values()].includes('outside_main_block'), false, 'a block as heavy as the main one stays');
});

test('repeated lines: one copy stays', () => {
  const lines = [...ARTICLE_BODY.slice(0, 2), ARTICLE_BODY[1], ARTICLE_BODY[0]];
  const { kept } = cleaned(lines);
  assert.deepEqual(kept, ARTICLE_BODY.slice(0, 2));
});

test('cue words inside real sentences do not remove them', () => {
  for (const line of [
    '他每天都会登录学校的网站查看通知，然后把重要的内容分享到家长群里。',
    '这本书的版权所有人同意将它免费用于公益阅读活动，这在出版界并不多见。',
    '记者在现场看到，来源于山区的泉水经过处理后，成为了全镇居民的饮用水。',
  ]) {
    assert.equal(category(line), undefined, line);
    assert.deepEqual(cleaned([ARTICLE_BODY[0], line, ARTICLE_BODY[1]]).kept, [ARTICLE_BODY[0], line, ARTICLE_BODY[1]]);
  }
});

test('boilerplate categories, positive and negative', () => {
  const positive: Array<[string, string]> = [
    ['版权所有 © 2026 示例网', 'copyright'],
    ['蜀ICP备12345678号', 'copyright'],
    ['未经本站书面授权，请勿转载', 'disclaimer'],
    ['<div class="nav"><a href="/">首页</a></div>', 'markup'],
    ['责任编辑：王五', 'credit'],
    ['(编辑：赵六)', 'credit'],
    ['（资料图片）', 'caption'],
    ['记者 孙七 摄', 'caption'],
    ['扫码关注公众号', 'promo'],
    ['微信ID：example_news', 'promo'],
    ['下载APP，阅读更多精彩内容', 'promo'],
    ['广告 今日特价，全场五折起', 'promo'],
    ['当前位置：首页 > 科技', 'breadcrumb'],
    ['国内新闻>正文', 'breadcrumb'],
    ['分享到微博', 'interface'],
    ['展开阅读全文', 'interface'],
    ['评论加载中，请稍候。', 'interface'],
    ['12 天前', 'metadata'],
    ['3,930 人参与', 'metadata'],
    ['发表于 2026-4-5 23:20:45', 'metadata'],
  ];
  for (const [line, expected] of positive) assert.equal(category(line), expected, line);
  for (const line of ['春天的公园', '2、二十七路：末班车延后至晚上十一点；', '他回复说：“明天见。”', '北京 上海 广州']) assert.equal(category(line), undefined, line);
});

test('page without prose keeps its densest run of lines (a table of contents)', () => {
  const toc = ['第一章 城市交通的历史沿革', '第二章 公共交通的发展现状', '第三章 智慧交通的未来展望', '第四章 交通与城市规划的关系'];
  const { kept } = cleaned(['首页', '登录', '目录', ...toc, '返回顶部']);
  assert.deepEqual(kept, toc);
});

test('disable switches a rule off', () => {
  const { rules } = cleaned(ARTICLE_PAGE, { disable: ['credit', 'caption'] });
  assert.equal(rules.get('责任编辑：李四'), 'short_line');
  assert.equal(rules.has('（资料图）'), false, 'a short line between paragraphs stays once its cue rule is off');
});

test('the step removes lines as spans with rule, value and threshold, and counts them', async () => {
  const step = (await cleanLinesStep.create(defaults, 'clean_lines')) as StreamStep;
  const ctx = testContext('clean_lines');
  const [doc] = await collect(step.run(fromArray([testDoc(ARTICLE_PAGE.join('\n'))]), ctx));
  assert.equal(doc.text, ARTICLE_BODY.join('\n'));
  const spans = doc.taomi.removed_spans ?? [];
  assert.equal(spans.length, ARTICLE_PAGE.length - ARTICLE_BODY.length);
  const credit = spans.find((span) => span.rule === 'credit');
  assert.ok(credit && credit.step === 'clean_lines' && typeof credit.value === 'number' && credit.threshold === defaults.max_cue_chars);
  assert.equal(ctx.stats.removed.teaser_block.lines, 4);
  assert.equal(ctx.removed.length, 0, 'clean_lines never removes documents');
});

test('span offsets are code points into the text as it entered, emoji included', async () => {
  const step = (await cleanLinesStep.create(defaults, 'clean_lines')) as StreamStep;
  const original = ['😀首页', '登录👍🏽', ...ARTICLE_BODY.slice(0, 2), '返回顶部🎉', ARTICLE_BODY[6]].join('\n');
  const [doc] = await collect(step.run(fromArray([testDoc(original)]), testContext('clean_lines')));
  const points = [...original];
  const removed = (doc.taomi.removed_spans ?? []).map((span) => points.slice(span.start, span.end).join(''));
  assert.deepEqual(removed, ['😀首页\n', '登录👍🏽\n', '返回顶部🎉\n']);
});

test('presets/clean.yaml documents exactly the default options of its steps', async () => {
  const preset = await loadPreset('clean');
  assert.deepEqual(preset.steps.map((step) => step.type), ['normalize', 'clean_lines']);
  const { type: _type, ...options } = preset.steps[1];
  assert.deepEqual(cleanLinesOptions.parse(options), defaults);
  assert.deepEqual(Object.keys(options).sort(), Object.keys(defaults).sort(), 'every option is listed in the preset');
});

test('bad input: empty, punctuation, whitespace, a 5 MB line, emoji, surrogates, Traditional, Japanese', () => {
  const inputs = [
    '',
    '。，！？；：……',
    '   \n\n\t\n',
    '中'.repeat(5_000_000),
    '😀👍🏽🎉\n🎉🎉',
    '坏\ud800字符\n\udc00',
    '今天上午，市政府召開新聞發布會，介紹了城市交通建設的最新進展。負責人表示，新的地鐵線路將在明年年底前開通營運。',
    '東京都は本日、新しい交通計画を発表しました。地下鉄の新路線は来年末までに開業する予定です。',
  ];
  for (const input of inputs) {
    const started = performance.now();
    const verdicts = classifyLines(input, options);
    assert.ok(performance.now() - started < 3000, `slow on ${JSON.stringify(input.slice(0, 10))}`);
    assert.ok(verdicts.size <= input.split('\n').length);
  }
  assert.equal(classifyLines(inputs[6], options).size, 0, 'a Traditional paragraph is content');
  assert.equal(classifyLines(inputs[7], options).size, 0, 'a Japanese paragraph is content');
});

test('one-line comments in a date / comment / button thread stay; widget text repeated per record goes', () => {
  const thread = ['老王', '2026-01-02 10:00:00', '我也遇到过，升级一下就好了', '点赞', '回复', '小李', '2026-01-02 11:30:00', '谢谢！', '点赞', '回复', '阿强', '2026-01-03 09:12:45', '同问', '点赞', '回复'];
  const page = ['怎样给旧电脑换一块固态硬盘？', '家里的旧电脑开机要两分钟，想换一块固态硬盘，请问需要注意哪些接口和系统迁移的问题？', '先谢谢各位了，我对硬件不太熟悉，怕买错型号。', '3 条回复', ...thread];
  const { kept } = cleaned(page);
  for (const reply of ['我也遇到过，升级一下就好了', '谢谢！', '同问']) assert.ok(kept.includes(reply), reply);
  assert.ok(!kept.includes('老王') && !kept.includes('点赞'));
  assert.deepEqual(cleaned(page, { thread_min_replies: 4 }).kept.includes('同问'), false, 'too few replies for a thread');
});

test('the block under the heading that repeats the page title is the article; a much heavier block after it goes', () => {
  const otherArticle = Array.from({ length: 8 }, (_, i) => `第${i + 1}段：这是推荐阅读里另一篇文章的正文，讲的是一座小城的春天如何慢慢到来，街上的人们又是怎样度过那些日子的。`);
  const page = ['河道清淤工程本周开工_示例新闻网', '首页', '河道清淤工程本周开工', '2026-03-02 08:15', '本周一，城区主河道的清淤工程正式开工，预计工期为两个月。', '施工期间沿河步道部分封闭，请市民绕行。', '分享', '评论', '举报', '登录', '注册', '推荐阅读', '一座小城的春天', ...otherArticle];
  const { kept, rules } = cleaned(page);
  assert.ok(kept.includes('本周一，城区主河道的清淤工程正式开工，预计工期为两个月。'));
  assert.equal(rules.get(otherArticle[0]), 'outside_main_block');
  assert.ok(cleaned(page, { heading_reach_lines: 0 }).kept.includes(otherArticle[0]), 'without the anchor the heaviest block wins');
});

/** A short hand-written article, a block of chrome, then a feed with another article's full paragraphs. */
const ARTICLE_THEN_FEED = [
  '本市今年新增十座口袋公园_城市新闻_示例晚报',
  '本市今年新增十座口袋公园',
  '记者从市园林绿化局获悉，本市今年在老城区新建了十座口袋公园，每座面积在五百到两千平方米之间。',
  '这些口袋公园大多利用拆违腾退的边角地块建设，配有座椅、步道和儿童游乐设施，方便周边居民就近休闲。',
  '园林绿化局表示，明年还将继续在老城区寻找合适地块，计划再建设十五座口袋公园。',
  '分享',
  '广告',
  '1',
  '2',
  '3',
  '体育',
  '财经',
  '热门推荐',
  '冬季长跑训练要注意循序渐进，跑前充分热身，跑后及时补水和拉伸，避免肌肉拉伤。',
  '专家建议，初学者每周跑三次即可，每次不超过四十分钟，心率保持在可以正常说话的范围内。',
];

test('unrelated_block: another article after chrome, sharing no words with the page, goes', () => {
  const feed = ARTICLE_THEN_FEED.slice(-2);
  const { kept, rules } = cleaned(ARTICLE_THEN_FEED);
  assert.deepEqual(kept, ARTICLE_THEN_FEED.slice(2, 5));
  for (const line of feed) assert.equal(rules.get(line), 'unrelated_block', line);
  // Without the rule the feed's sentences would stay: the rule, not their shape, removes them.
  const { kept: keptWithout } = cleaned(ARTICLE_THEN_FEED, { disable: ['unrelated_block'] });
  for (const line of feed) assert.ok(keptWithout.includes(line), line);
  const verdicts = classifyLines(ARTICLE_THEN_FEED.join('\n'), options);
  const verdict = verdicts.get(ARTICLE_THEN_FEED.length - 1)!;
  assert.ok(typeof verdict.value === 'number' && verdict.value < defaults.unrelated_max_overlap);
  assert.equal(verdict.threshold, defaults.unrelated_max_overlap);
});

test('unrelated_block: a later block about the same subject stays', () => {
  const followUp = [
    '口袋公园开放后，附近居民纷纷表示，老城区终于有了家门口的休闲好去处。',
    '园林绿化局提醒，口袋公园夜间照明开放到晚上十点，请居民文明游园，爱护公园设施。',
  ];
  const page = [...ARTICLE_THEN_FEED.slice(0, -2), ...followUp];
  const { kept } = cleaned(page);
  for (const line of followUp) assert.ok(kept.includes(line), line);
});

test('interface: account dialog lines go, a sentence about verification codes stays', () => {
  assert.equal(category('请输入正确的登录账号或密码'), 'interface');
  assert.equal(category('为保证您的账户安全，建议您绑定手机号码'), 'interface');
  assert.equal(category('收不到短信验证码？点击获取语音验证码'), 'interface');
  assert.equal(category('警方提醒，任何索要短信验证码的电话都可能是诈骗，请市民提高警惕。'), undefined);
});

test('page_title: a heading followed by a bare hyphen and a short site name anchors the article', () => {
  const lines = ['路由器断网的排查步骤-示例技术博客', '首页', '路由器断网的排查步骤', ...ARTICLE_BODY.slice(0, 2)];
  const { rules } = cleaned(lines);
  assert.equal(rules.get(lines[0]), 'page_title');
});

test('a numbered list item mentioning 扫码 or 登录 inside a list of text stays', () => {
  const lines = [
    '新版应用上线后有以下几项改进：',
    '1.首页加载速度提升了一倍，弱网环境下也能正常打开。',
    '2.微信扫码登录，无需再单独注册账号，也不会推送广告。',
    '3.订单页面新增了物流跟踪，可以随时查看包裹位置。',
  ];
  const { kept } = cleaned(lines);
  assert.deepEqual(kept, lines);
  assert.equal(category(lines[2]), 'promo');
});

test('credit: blog labels (文章标签：, 本文链接：, 版权声明：) go, a sentence about copyright stays', () => {
  assert.equal(category('文章标签： 路由器 网络'), 'credit');
  assert.equal(category('本文链接：https://example.com/post/1'), 'credit');
  assert.equal(category('版权声明：本文为作者原创，转载请附上原文出处链接和本声明。'), 'credit');
  assert.equal(category('出版社在版权声明中写明，书中的插图不得单独转载使用，读者对此表示理解。'), undefined);
});

test('metadata: a short post header ending in a relative time, an issue number; credit: a link or a duration as the value', () => {
  assert.equal(category('阿明 (楼主)3月前'), 'metadata');
  assert.equal(category('老周 | 5天前'), 'metadata');
  assert.equal(category('2023年第6期'), 'metadata');
  assert.equal(category('本文链接：https://example.com/blog/2026/03/a-rather-long-article-path-that-pushes-the-line-past-sixty-characters'), 'credit');
  assert.equal(category('时长：02:40 建议在无线网络下观看'), 'credit');
  assert.equal(category('这座古桥始建于三百年前'), undefined, 'a clause ending in 年前 without a number is not a header');
});

test('post headers: a short name beside a time; bare dates, counts and dated titles are not', () => {
  for (const line of ['阿明 (楼主)3月前', '老周 | 5天前', '2楼 小林 发表于 2026-01-05 22:01']) assert.ok(isPostHeaderText(line, 12), line);
  for (const line of ['2026-01-05 22:01', '05-11 2271', '00:00', '城南湿地公园春季开放时间公布2026-03-14', '回复 1']) assert.ok(!isPostHeaderText(line, 12), line);
});

/** Two one-line replies, each between a `name + time` header and a button/count row. */
const SHORT_THREAD = [
  '旧电脑换固态硬盘以后开机快多了',
  '换了一块固态硬盘，开机从两分钟变成了十五秒，软件打开也快了不少，推荐大家试试。',
  '评论',
  '全部评论 2',
  '小林 2月前',
  '接口是哪种？',
  '回复 1',
  '表情 图片',
  '发表评论',
  '阿明 (楼主)2月前',
  'SATA 的，买之前看清楚主板接口',
  '回复',
  '表情 图片',
  '发表评论',
];

test('post records: short replies between a name + time header and a button row stay, even two of them', () => {
  const { kept, rules } = cleaned(SHORT_THREAD);
  for (const reply of ['接口是哪种？', 'SATA 的，买之前看清楚主板接口']) assert.ok(kept.includes(reply), reply);
  for (const chrome of ['小林 2月前', '回复 1', '发表评论']) assert.ok(rules.has(chrome), chrome);
  assert.ok(!cleaned(SHORT_THREAD, { post_min_records: 3, thread_min_replies: 4 }).kept.includes('接口是哪种？'), 'too few records for a thread');
});

test('post records: a feed of title / counts lines is not a thread', () => {
  const feed = ['随机话题', '春天去哪里踏青', '1 点赞 · 0 评论', '周末的菜谱分享', '0 点赞 · 2 评论', '新手买相机的建议', '3 点赞 · 1 评论', '关于', '版权所有 © 示例社区'];
  const { kept } = cleaned([...SHORT_THREAD.slice(0, 2), ...feed]);
  for (const title of ['春天去哪里踏青', '周末的菜谱分享', '新手买相机的建议']) assert.ok(!kept.includes(title), title);
});

/** An article under its heading, then a same-topic "related posts" feed: title / blog name / date and count / summary. */
const ARTICLE_THEN_SAME_TOPIC_FEED = [
  '家用路由器断网的排查步骤-示例技术博客',
  '首页',
  '家用路由器断网的排查步骤',
  '本文链接：https://example.com/blog/router-disconnect-steps-for-home-users-written-for-the-test',
  '家用路由器每天晚上断网，多半与信道干扰、电源老化或固件缺陷有关，可以按下面的顺序逐一排查。',
  '第一步，登录路由器后台，把无线信道改到周围干扰最少的那个，观察两三天是否还会断网。',
  '第二步，换一个同规格的电源适配器，电源老化会让路由器在负载高时重启。',
  '第三步，升级到厂商发布的最新固件，很多断网问题在新固件里已经修复。',
  '点赞',
  '收藏',
  '评论',
  '路由器信道怎么选',
  '小张的网络笔记',
  '05-11 2271',
  '路由器的信道选择会直接影响无线网络的稳定性，在公寓楼里邻居的无线信号很多，选一个干扰少的信道可以明显减少断网，具体做法是先用手机扫描周围的信号分布。',
  '家里无线网络总是掉线怎么办',
  '老李的博客',
  '03-07 961',
  '无线网络掉线的原因有很多，常见的有路由器过热、信道拥挤、设备距离太远等，排查时可以先把路由器放到通风的位置，再检查信道和固件版本是否合适。',
  '路由器固件升级指南',
  '阿飞的技术博客',
  '12-20 530',
  '升级路由器固件之前要先备份配置，升级过程中不要断电，升级完成后恢复配置并重启，如果升级失败可以用厂商提供的救砖工具恢复。',
  '关于我们',
];

test('feed_record: summaries of a same-topic feed go however prose-like; the article stays', () => {
  const { kept, rules } = cleaned(ARTICLE_THEN_SAME_TOPIC_FEED);
  assert.deepEqual(kept, ARTICLE_THEN_SAME_TOPIC_FEED.slice(4, 8));
  for (const index of [14, 18, 22]) {
    assert.equal(rules.get(ARTICLE_THEN_SAME_TOPIC_FEED[index]), 'feed_record', ARTICLE_THEN_SAME_TOPIC_FEED[index]);
  }
  const verdict = classifyLines(ARTICLE_THEN_SAME_TOPIC_FEED.join('\n'), options).get(14)!;
  assert.deepEqual([verdict.value, verdict.threshold], [3, defaults.teaser_min_run]);
});

test('feed_record: numbered sections between paragraphs are not a feed', () => {
  const paragraph = (n: number, topic: string) => `第${n}部分讲的是${topic}，作者用了很多生活里的例子来说明，读起来并不枯燥，也很容易理解。`;
  const lines = ['短视频的流行与日常生活', paragraph(1, '短视频为什么流行'), paragraph(2, '人们的注意力'), '1', paragraph(3, '视频的长度'), paragraph(4, '观众的习惯'), '2', paragraph(5, '创作者的处境'), paragraph(6, '平台的推荐'), '3', paragraph(7, '未来的变化'), paragraph(8, '我们的选择')];
  const { rules } = cleaned(lines);
  for (const [line, rule] of rules) assert.notEqual(rule, 'feed_record', line);
});

test('foreign_block: an English widget message under a Chinese page goes; the Chinese main text is chosen over it', () => {
  const message = 'Sorry, this uploader does not work in your browser. It needs the HTML5 file interface, so please update to a current browser and reload the page.';
  const lines = ['示例论坛', '首页', '话题', '登录', '小周 10月前', '换了新的路由器以后，晚上终于不再断网了。', '分享 3', '使用指南', '友情链接', '关于', '版权所有 © 示例论坛', '选择文件', '文件列表', message, '联系作者'];
  const { kept, rules } = cleaned(lines);
  assert.ok(kept.includes('换了新的路由器以后，晚上终于不再断网了。'));
  assert.equal(rules.get(message), 'foreign_block');
});

test('the cue pre-screens let every alternative of the screened patterns through', () => {
  const expect: Record<string, string[]> = {
    copyright: ['© 2026 示例网', '沪公网安备00000号', '浙网安备00000号', '网文〔2026〕0000-000号', '增值电信业务许可证：沪B2-000', '出版物经营许可证：新出发000号', '违法和不良信息举报：12377', '不良信息举报中心', '举报电话：010-0000000', '举报邮箱：jubao@example.com', '互联网新闻信息服务许可证：00000', '网络视听节目服务许可证：0000', '示例网 版权所有', '著作权归示例社', 'Copyright 2026 Example', '(c)2026 示例', 'ICP备00000号', 'All rights reserved.', 'Example is a registered trademark', 'All trademarks belong to their owners'],
    disclaimer: ['未经本站书面授权，不得使用。', '本文禁止转载。', '请勿转载。', '不得转载。', '转载请注明出处。', '本站仅提供信息存储空间服务。', '本文仅代表作者本人观点。', '不代表本站立场。', '文中观点仅代表个人。', '版权归原作者所有。', '如有侵权请告知。', '侵权请联系本站。', '如涉及版权问题请联系删除。', '请联系我们删除。', '本作品系原创。', '原创标注说明。', '作者主动发布和展示的内容。'],
    markup: ['<div class="a">正文</div>', '<!-- 广告位 -->', 'function (a) { return a; }', 'var box = 1;', 'document.write(x)', 'window.onload = init'],
    credit: ['2026-03-02 来源：示例日报', '作者：张三 2026-03-02', '记者：王五 通讯员 赵六', '图文编辑: 小李', '（责编：小王）', '发布者：管理员', '选稿：小赵'],
    caption: ['春日的湖边（图源：示例图片社）', '图片来源：示例社', '图片由受访者提供', '图据示例日报', '市民在公园散步（资料图）', '（资料图片）', '（受访者供图）', '湖边的柳树（摄 张三）', '湖边的柳树（网络图片）', '春天的花海 视觉中国', '湖面的游船（新华社发）', '远处的山（受访者提供）', '街头一景 IC photo', '记者 张三 摄'],
    promo: ['关注公众号获取更多', '微信号：example', '微信 ID：example', '微信搜索示例', '微信扫一扫', '扫码领取', '扫一扫下载', '扫描二维码关注', '识别二维码', '长按识别', '点击关注我们', '下载 APP 看更多', '下载客户端', '客户端下载', '点击下载', '立即下载', '打开 APP 阅读', 'APP 内打开', '添加微信好友', '加微信咨询', '商务合作请联系', '广告合作请联系', '投稿邮箱 tougao@example.com', '联系邮箱 info@example.com', '订阅号 示例', '视频号 示例', '抖音号 示例', '小程序 示例'],
    metadata: ['阅读 3,930', '12 条评论', '点赞数：12', '某某 5天前', '某某 刚刚', '某某 昨天', '2026-03-02 08:15 某某某', '3月2日 08:15 某某某', '发表于 某年某月', '由 管理员 发布于 周一'],
    interface: ['加载中', '正在加载，请稍候', '请稍后再试', '刷新页面', '您的浏览器版本过低', '不支持当前浏览器', '暂无评论', '还没有人评论', '网络异常', '请开启JavaScript', 'Please enable JavaScript', '获取验证码', '输入动态码', '输入校验码', '登录账号', '注册名', '账号或密码错误', '密码错误', '忘记密码', '找回密码', '账户安全中心', '帐号安全中心', '安全提示', '绑定手机', '手机号码登录', '请先登录', '请输入手机号'],
  };
  for (const [rule, lines] of Object.entries(expect)) for (const line of lines) assert.equal(category(line), rule, line);
});
