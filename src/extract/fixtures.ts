/** Test pages written for this project (no third-party text). */

const NAV = `<div class="top-nav"><ul>${['首页', '新闻', '财经', '体育', '科技', '娱乐', '汽车', '房产']
  .map((label) => `<li><a href="/${label}">${label}</a></li>`)
  .join('')}</ul></div>`;

const SIDEBAR = `<div class="sidebar"><h3>热门排行</h3><ul>${Array.from(
  { length: 10 },
  (_, i) => `<li><a href="/hot/${i}">第${i + 1}条热门消息标题在这里显示出来</a></li>`,
).join('')}</ul></div>`;

const FOOTER = `<div class="footer"><p>关于我们 | 联系方式 | 广告服务</p><p>Copyright © 2024 示例网 版权所有</p><p>京ICP备12345678号-1</p></div>`;

export const ARTICLE_PARAGRAPHS = [
  '本报讯，5月20日上午，青石镇第一届春季农产品展销会在镇文化广场开幕，来自周边十二个村的农户带来了各自的特色产品。',
  '展销会现场人头攒动，新鲜的蔬菜、手工腌制的咸菜、自家酿造的米酒摆满了摊位。镇农业服务中心的工作人员介绍，本次展销会共设摊位八十余个。',
  '“往年我们的茶叶只能等收购商上门，价格也由别人说了算。”一位来自山脚村的茶农说，“这次自己摆摊，一上午就卖出去三十多斤。”',
  '据了解，青石镇近年来持续推进特色农业发展，通过合作社带动农户增收。下一步，镇里计划把展销会办成每季度一次的固定活动。',
];

/** A news article page with nav, sidebar, related list, editor credit, share bar and footer. */
export function newsPage(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>青石镇举办春季农产品展销会_示例新闻网</title>
<meta property="og:title" content="青石镇举办春季农产品展销会">
<script>var tracker = "这段脚本里的文字不应出现在正文里。";</script>
<style>.a{color:red}</style></head>
<body>${NAV}
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/news">新闻</a> &gt; 正文</div>
<div class="main-wrap"><div class="left">
<div class="article">
<h1>青石镇举办春季农产品展销会</h1>
<div class="info"><span>2024-05-20 16:25</span> <span>来源：示例日报</span></div>
<div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="article-content">
${ARTICLE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
<p>（责任编辑：王小明）</p>
</div>
<div class="related-news"><h3>相关阅读</h3><ul>${Array.from(
    { length: 5 },
    (_, i) => `<li><a href="/r/${i}">相关报道第${i + 1}篇的标题文字比较长一些</a></li>`,
  ).join('')}</ul></div>
</div></div>
${SIDEBAR}</div>
<div class="comment-box"><form><textarea>写下你的评论</textarea><button>发表</button></form></div>
${FOOTER}
</body></html>`;
}

export const FORUM_POSTS = [
  '求助：家里的老式收音机突然没有声音了，换了电池也不行，有没有懂行的朋友帮忙看看是什么问题？',
  '先检查一下喇叭的接线有没有松动，老机器很多是焊点脱落。',
  '同意楼上，另外音量电位器氧化也会这样，可以喷点清洁剂来回拧几下试试。',
  '谢谢各位！刚才拆开看了，果然是喇叭线断了，重新焊上以后一切正常。',
];

/** A forum thread: one post structure repeated, each with user info and action links. */
export function forumPage(): string {
  const posts = FORUM_POSTS.map(
    (text, i) => `<div class="post-item" id="post_${i + 1}">
<div class="user-info"><a href="/u/${i}">用户${i + 1}</a><span>等级 ${i + 2}</span></div>
<div class="post-body"><div class="post-text">${text}</div>
<div class="post-actions"><a href="#">回复</a> <a href="#">引用</a> <a href="#">举报</a></div></div></div>`,
  ).join('\n');
  return `<html><head><meta charset="utf-8"><title>老式收音机没声音怎么办 - 无线电爱好者论坛</title></head>
<body>${NAV}<div class="thread"><h1>老式收音机没声音怎么办</h1>${posts}</div>${SIDEBAR}${FOOTER}</body></html>`;
}

export const ANSWERS = [
  '我的经验是先从发音开始，每天跟着录音读半小时，坚持两个月就能明显感觉到进步。',
  '背单词不要孤立地背，放进句子里记忆效果会好很多。我一般会把生词抄在卡片背面，正面写一个自己造的例句。',
  '多看自己感兴趣的内容，比如喜欢做饭就看外语的菜谱视频，这样不容易放弃。',
];

/** A Q&A page: a question and several answers, plus a related-questions list. */
export function qaPage(): string {
  const answers = ANSWERS.map(
    (text, i) => `<div class="answer-item"><div class="author"><a href="/people/${i}">答主${i + 1}</a></div>
<div class="answer-content"><p>${text}</p></div><div class="answer-footer"><a href="#">赞同 ${10 * (i + 1)}</a> <a href="#">评论</a></div></div>`,
  ).join('\n');
  return `<html><head><meta charset="utf-8"><title>自学外语有什么好方法？ - 问答社区</title></head>
<body>${NAV}<div class="question"><h1>自学外语有什么好方法？</h1></div>
<div class="answer-list">${answers}</div>
<div class="related-questions"><h3>相关问题</h3><ul>${Array.from(
    { length: 6 },
    (_, i) => `<li><a href="/q/${i}">关于学习外语的第${i + 1}个相关问题标题</a></li>`,
  ).join('')}</ul></div>${FOOTER}</body></html>`;
}

/** A simple page around given paragraphs, with an optional `<meta charset>`. */
export function plainPage(paragraphs: string[], charset?: string): string {
  const meta = charset ? `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">` : '';
  return `<html><head>${meta}<title>测试页面</title></head><body>${NAV}<div class="content">${paragraphs
    .map((p) => `<p>${p}</p>`)
    .join('')}</div>${FOOTER}</body></html>`;
}

export const TRADITIONAL_PARAGRAPHS = [
  '這是一篇用繁體中文寫成的測試文章，內容關於臺灣南部一個小漁村的日常生活。',
  '清晨五點，漁船陸續回港，碼頭上的攤販開始忙碌起來，空氣裡飄著海水和炭火的味道。',
  '村裡的老人說，這樣的景象已經延續了好幾代人，雖然年輕人越來越少，但傳統還是保留了下來。',
];
