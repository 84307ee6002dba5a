import { z } from 'zod';
import type { Document } from '../core/document.js';
import { defineStep, perDocument, type DocDecision, type StepContext } from '../core/step.js';
import { extractPage, type ExtractLimits, type PageInput } from './extract.js';

const extractOptions = z
  .object({
    html_field: z.string().min(1).default('html'),
    keep_html: z.boolean().default(false),
    max_bytes: z.number().int().positive().default(8 * 1024 * 1024),
    time_budget_ms: z.number().int().positive().default(2000),
    title_in_text: z.boolean().default(false),
    http_statuses: z.array(z.number().int()).default([200]),
  })
  .strict();

type ExtractOptions = z.output<typeof extractOptions>;

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Where the page's HTML is: raw bytes, an `html` field, or a text that is itself HTML. */
function pageInput(doc: Document, htmlField: string): PageInput | undefined {
  if (doc.raw) return { bytes: doc.raw.bytes, contentType: doc.raw.contentType ?? header(doc.raw.httpHeaders, 'content-type') };
  const field = doc.fields[htmlField];
  if (typeof field === 'string') return { html: field };
  if (doc.text.trimStart().startsWith('<')) return { html: doc.text };
  return undefined;
}

function extractDocument(doc: Document, ctx: StepContext, options: ExtractOptions, limits: ExtractLimits): DocDecision {
  const status = doc.raw?.httpStatus;
  if (status !== undefined && !options.http_statuses.includes(status)) {
    return { remove: { rule: 'http_status', value: status, threshold: options.http_statuses.join(',') } };
  }
  const input = pageInput(doc, options.html_field);
  if (!input) return { remove: { rule: 'non_html', value: 'no_html', threshold: options.html_field } };
  let result: ReturnType<typeof extractPage>;
  try {
    result = extractPage(input, limits);
  } catch (error) {
    return { remove: { rule: 'extract_error', value: (error as Error).message.slice(0, 200), threshold: null } };
  }
  if (!result.ok) return { remove: { rule: result.rule, value: result.value, threshold: result.threshold } };

  ctx.counters.add(`charset.${result.charset}`);
  ctx.counters.add(`charset_source.${result.charsetSource}`);
  if (result.boilerplateLines > 0) ctx.counters.add('boilerplate_lines', result.boilerplateLines);
  for (const overrun of result.truncated) ctx.counters.add(`truncated.${overrun.rule}`);

  doc.text = result.text;
  if (result.title !== undefined) doc.taomi.title = result.title;
  if (result.published !== undefined) doc.taomi.published = result.published;
  doc.taomi.charset = result.charset;
  if (result.declaredCharset) doc.taomi.charset_declared = result.declaredCharset;
  doc.taomi.extraction_confidence = result.confidence;
  if (result.truncated.length > 0) doc.taomi.extract_truncated = result.truncated;
  if (options.keep_html) {
    if (input.bytes) doc.fields[options.html_field] = result.decodedHtml();
  } else {
    delete doc.fields[options.html_field];
  }
  delete doc.raw;
  return doc;
}

export const extractStep = defineStep({
  type: 'extract',
  summary: 'HTML/WARC → main text with title, publish date, charset and confidence (Chinese-tuned)',
  options: extractOptions,
  create(options, name) {
    const limits: ExtractLimits = {
      maxBytes: options.max_bytes,
      timeBudgetMs: options.time_budget_ms,
      titleInText: options.title_in_text,
    };
    return perDocument(name, (doc, ctx) => extractDocument(doc, ctx, options, limits));
  },
});
