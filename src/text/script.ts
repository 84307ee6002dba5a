import * as OpenCC from 'opencc-js';

export type HanScript = 'Hans' | 'Hant' | 'mixed';

export interface ScriptCounts {
  /** Characters that OpenCC's t→cn conversion changes: only written in Traditional. */
  traditional: number;
  /** Characters that OpenCC's cn→t conversion changes: only written in Simplified. */
  simplified: number;
}

let toSimplified: ((text: string) => string) | undefined;
let charSets: { traditionalOnly: Set<string>; simplifiedOnly: Set<string> } | undefined;

/** OpenCC Traditional → Simplified (phrase-aware), built on first use (~0.4 s). */
export function convertToSimplified(text: string): string {
  const convert = (toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/**
 * The characters either conversion changes, found once by converting every CJK unified ideograph
 * on its own line: per-document detection is then a set lookup per character instead of a
 * dictionary conversion (which runs at ~15–20 MB/s).
 */
function scriptCharSets(): { traditionalOnly: Set<string>; simplifiedOnly: Set<string> } {
  if (!charSets) {
    const chars: string[] = [];
    for (let code = 0x4e00; code <= 0x9fff; code++) chars.push(String.fromCharCode(code));
    const joined = chars.join('\n');
    const simplified = convertToSimplified(joined).split('\n');
    const traditional = OpenCC.Converter({ from: 'cn', to: 't' })(joined).split('\n');
    charSets = { traditionalOnly: new Set(), simplifiedOnly: new Set() };
    chars.forEach((char, i) => {
      if (simplified[i] !== char) charSets!.traditionalOnly.add(char);
      if (traditional[i] !== char) charSets!.simplifiedOnly.add(char);
    });
  }
  return charSets;
}

export function countScriptChars(text: string): ScriptCounts {
  const { traditionalOnly, simplifiedOnly } = scriptCharSets();
  let traditional = 0;
  let simplified = 0;
  for (const char of text) {
    if (traditionalOnly.has(char)) traditional++;
    else if (simplifiedOnly.has(char)) simplified++;
  }
  return { traditional, simplified };
}

/**
 * Hans/Hant by which script's own characters dominate (`dominance`:1); text with neither kind (only
 * characters both scripts share) counts as Hans, the common case for Chinese web text.
 */
export function hanScript(counts: ScriptCounts, dominance = 4): HanScript {
  const { traditional, simplified } = counts;
  if (traditional > simplified * dominance) return 'Hant';
  if (simplified >= traditional * dominance) return 'Hans';
  return 'mixed';
}
