import { z } from 'zod';
import { defineStep, perDocument } from '../core/step.js';
import { guessLanguage, languageModel, languageSample } from './language.js';
import { convertToSimplified, countScriptChars, hanScript } from './script.js';

/** Languages written in Han characters, whose documents get a `script` annotation. */
const HAN_LANGUAGES = new Set(['zh', 'yue', 'wuu', 'gan', 'hak', 'nan', 'cdo', 'lzh']);

export const languageOptions = z
  .object({
    sample_chars: z.number().int().positive().max(100_000).default(1000),
    languages: z.array(z.string().min(2)).default([]),
    min_score: z.number().min(0).max(1).default(0.5),
    detect_script: z.boolean().default(true),
    convert_to_simplified: z.boolean().default(false),
    script_dominance: z.number().min(1).default(4),
    kana_share: z.number().min(0).max(1).default(0.1),
    hangul_share: z.number().min(0).max(1).default(0.3),
    cantonese_share: z.number().min(0).max(1).default(0.02),
  })
  .strict();

export const languageStep = defineStep({
  type: 'language',
  summary: 'Language (fastText lid.176 behind a script router) with score, zh-Hans/zh-Hant script, optional Simplified conversion and language filter.',
  options: languageOptions,
  async create(options, name) {
    const model = await languageModel();
    const guessOptions = { kanaShare: options.kana_share, hangulShare: options.hangul_share, cantoneseShare: options.cantonese_share };
    const allowed = new Set(options.languages);
    return perDocument(name, (doc, ctx) => {
      const sample = languageSample(doc.text, options.sample_chars);
      const guess = guessLanguage(model, sample, guessOptions);
      doc.taomi.language = guess.label;
      doc.taomi.language_score = guess.score;
      ctx.counters.add(`lang.${guess.label}`);
      if (options.detect_script && HAN_LANGUAGES.has(guess.label)) {
        const script = hanScript(countScriptChars(sample), options.script_dominance);
        doc.taomi.script = script;
        ctx.counters.add(`script.${script}`);
        if (options.convert_to_simplified && script !== 'Hans') {
          const converted = convertToSimplified(doc.text);
          if (converted !== doc.text) {
            doc.text = converted;
            ctx.counters.add('converted_to_simplified');
          }
        }
      }
      if (allowed.size > 0) {
        if (!allowed.has(guess.label)) {
          return { remove: { rule: 'language', value: guess.label, threshold: [...allowed].join(','), detail: { score: guess.score, by: guess.by } } };
        }
        if (guess.score < options.min_score) {
          return { remove: { rule: 'language', value: guess.score, threshold: options.min_score, detail: { label: guess.label, by: guess.by } } };
        }
      }
      return doc;
    });
  },
});
