import { z } from 'zod';
import { applyLineRemovals } from '../core/lines.js';
import { defineStep, perDocument } from '../core/step.js';
import { classifyLines, type LineRuleOptions } from './classify.js';

export const LINE_RULES = [
  'copyright',
  'disclaimer',
  'markup',
  'credit',
  'caption',
  'promo',
  'breadcrumb',
  'interface',
  'metadata',
  'broken_end',
  'page_title',
  'truncated_repeat',
  'teaser_block',
  'short_line',
  'fragment_line',
  'feed_record',
  'outside_main_block',
  'unrelated_block',
  'foreign_block',
  'repeated_line',
] as const;

export const cleanLinesOptions = z
  .object({
    max_footer_chars: z.number().int().positive().default(300),
    max_cue_chars: z.number().int().positive().default(60),
    max_interface_chars: z.number().int().positive().default(12),
    sentence_min_chars: z.number().int().positive().default(12),
    headline_max_chars: z.number().int().positive().default(40),
    long_line_chars: z.number().int().positive().default(60),
    fragment_min_chars: z.number().int().positive().default(8),
    enclosed_max_lines: z.number().int().nonnegative().default(12),
    context_distance: z.number().int().nonnegative().default(3),
    teaser_min_run: z.number().int().min(2).default(3),
    teaser_min_chars: z.number().int().positive().default(16),
    teaser_length_tolerance: z.number().min(0).max(1).default(0.12),
    truncated_repeat_min_chars: z.number().int().positive().default(15),
    block_gap_lines: z.number().int().nonnegative().default(6),
    secondary_block_ratio: z.number().min(0).max(1).default(0.3),
    secondary_block_min_chars: z.number().int().nonnegative().default(300),
    secondary_block_min_density: z.number().min(0).max(1).default(0.6),
    paragraph_min_chars: z.number().int().positive().default(80),
    heading_reach_lines: z.number().int().nonnegative().default(12),
    thread_min_replies: z.number().int().positive().default(3),
    reply_reach_lines: z.number().int().positive().default(2),
    post_min_records: z.number().int().positive().default(2),
    feed_record_lines: z.number().int().positive().default(4),
    unrelated_max_overlap: z.number().min(0).max(1).default(0.05),
    unrelated_reference_chars: z.number().int().positive().default(400),
    unrelated_min_bigrams: z.number().int().nonnegative().default(24),
    disable: z.array(z.enum(LINE_RULES)).default([]),
  })
  .strict();

export type CleanLinesOptions = z.output<typeof cleanLinesOptions>;

export function toRuleOptions(options: CleanLinesOptions): LineRuleOptions {
  return {
    maxFooterChars: options.max_footer_chars,
    maxCueChars: options.max_cue_chars,
    maxInterfaceChars: options.max_interface_chars,
    sentenceMinChars: options.sentence_min_chars,
    headlineMaxChars: options.headline_max_chars,
    longLineChars: options.long_line_chars,
    fragmentMinChars: options.fragment_min_chars,
    enclosedMaxLines: options.enclosed_max_lines,
    contextDistance: options.context_distance,
    teaserMinRun: options.teaser_min_run,
    teaserMinChars: options.teaser_min_chars,
    teaserLengthTolerance: options.teaser_length_tolerance,
    truncatedRepeatMinChars: options.truncated_repeat_min_chars,
    blockGapLines: options.block_gap_lines,
    secondaryBlockRatio: options.secondary_block_ratio,
    secondaryBlockMinChars: options.secondary_block_min_chars,
    secondaryBlockMinDensity: options.secondary_block_min_density,
    paragraphMinChars: options.paragraph_min_chars,
    headingReachLines: options.heading_reach_lines,
    threadMinReplies: options.thread_min_replies,
    replyReachLines: options.reply_reach_lines,
    postMinRecords: options.post_min_records,
    feedRecordLines: options.feed_record_lines,
    unrelatedMaxOverlap: options.unrelated_max_overlap,
    unrelatedReferenceChars: options.unrelated_reference_chars,
    unrelatedMinBigrams: options.unrelated_min_bigrams,
    disabled: new Set(options.disable),
  };
}

export const cleanLinesStep = defineStep({
  type: 'clean_lines',
  summary: 'Removes boilerplate lines (menus, breadcrumbs, buttons, credits, captions, promos, teaser blocks, off-topic blocks, truncated and repeated lines).',
  options: cleanLinesOptions,
  create(options, name) {
    const ruleOptions = toRuleOptions(options);
    return perDocument(name, (doc, ctx) => {
      const verdicts = classifyLines(doc.text, ruleOptions);
      if (verdicts.size === 0) return doc;
      const removals = [...verdicts].map(([index, verdict]) => ({ index, ...verdict }));
      return applyLineRemovals(doc, ctx, removals);
    });
  },
});
