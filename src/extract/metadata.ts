import type { PageHead } from './dom.js';
import type { PageLayout } from './content.js';

const TITLE_META = ['og:title', 'twitter:title', 'headline', 'title'];
/** Site names trail page titles after one of these separators: `标题_新浪网`, `Title - Site`. */
const TITLE_SEPARATOR = /\s*(?:[|_]|\s[-–—]\s|——|-{2})\s*/;

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function firstHeading(layout: PageLayout, tag: string): string | undefined {
  for (const block of layout.blocks) {
    if (layout.nodes[block.owner].tag === tag && block.chars >= 4 && block.linkChars < block.chars) return clean(block.text);
  }
  return undefined;
}

/**
 * Title: the first `<h1>` when the `<title>` or og:title agrees with it (so a site-logo `<h1>` is
 * not taken), else og:title/headline, else `<title>` without its site-name suffix.
 */
export function pageTitle(head: PageHead, layout: PageLayout): string | undefined {
  const documentTitle = clean(head.title);
  const metaTitle = TITLE_META.map((key) => head.meta.get(key)).find((value) => value && value.length > 0);
  const h1 = firstHeading(layout, 'h1');
  const reference = metaTitle ?? documentTitle;
  if (h1 && (!reference || reference.includes(h1) || h1.includes(reference))) return h1;
  const title = metaTitle ? clean(metaTitle) : documentTitle;
  if (!title) return h1;
  return withoutSiteName(title);
}

function withoutSiteName(title: string): string {
  const first = title.split(TITLE_SEPARATOR)[0];
  return first.length >= 4 ? first : title;
}

const DATE_META = [
  'article:published_time', 'og:article:published_time', 'og:release_date', 'datepublished', 'pubdate',
  'publishdate', 'publish_date', 'publication_date', 'dc.date', 'dc.date.issued', 'dcterms.created',
  'sailthru.date', 'weibo:article:create_at', 'date', 'article:modified_time',
];

/** A date with an optional time: `2024-05-20 16:25`, `2024/5/20`, `2024年5月20日 16:25`. */
const DATE_PATTERN = /((?:19|20)\d{2})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})\s?日?(?:\s{0,3}(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?/;

/** ISO form (`2024-05-20` or `2024-05-20T16:25:00`) of the first date in `text`, if valid. */
export function parseDate(text: string): string | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (hour === undefined || Number(hour) > 23) return date;
  return `${date}T${hour.padStart(2, '0')}:${minute}:${(second ?? '00').padStart(2, '0')}`;
}

/** Finds `datePublished` in JSON-LD without recursion. */
function jsonLdDate(blocks: string[]): string | undefined {
  for (const block of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(block);
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    for (let i = 0; i < queue.length && i < 1000; i++) {
      const item = queue[i];
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        if (typeof record.datePublished === 'string') return record.datePublished;
        queue.push(...Object.values(record).filter((value) => value && typeof value === 'object'));
      }
    }
  }
  return undefined;
}

/** Blocks around the start of the main content where bylines with dates sit. */
const DATE_SCAN_BEFORE = 12;
const DATE_SCAN_AFTER = 6;

/**
 * Publish date: meta tags, then JSON-LD, then `<time datetime>`, then a date written in a byline
 * just before or at the start of the main content.
 */
export function publishedDate(head: PageHead, layout: PageLayout, firstRoot: number): string | undefined {
  for (const key of DATE_META) {
    const value = head.meta.get(key);
    const parsed = value ? parseDate(value) : undefined;
    if (parsed) return parsed;
  }
  const fromJsonLd = jsonLdDate(head.jsonLd);
  const parsedJsonLd = fromJsonLd ? parseDate(fromJsonLd) : undefined;
  if (parsedJsonLd) return parsedJsonLd;
  for (const time of head.times) {
    const parsed = parseDate(time);
    if (parsed) return parsed;
  }
  const start = layout.blocks.findIndex((block) => block.owner >= firstRoot);
  if (start < 0) return undefined;
  const from = Math.max(0, start - DATE_SCAN_BEFORE);
  const to = Math.min(layout.blocks.length, start + DATE_SCAN_AFTER);
  for (let i = from; i < to; i++) {
    const block = layout.blocks[i];
    if (block.chars > 200) continue;
    const parsed = parseDate(block.text);
    if (parsed) return parsed;
  }
  return undefined;
}
