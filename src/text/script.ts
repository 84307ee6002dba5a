import * as OpenCC from 'opencc-js';

export type HanScript = 'Hans' | 'Hant' | 'mixed';

export interface ScriptCounts {
  /** Characters that OpenCC's t→cn conversion changes: only written in Traditional. */
  traditional: number;
  /** Characters that OpenCC's cn→t conversion changes: only written in Simplified. */
  simplified: number;
}

let toSimplified: ((text: string) => string) | undefined;
/** Per UTF-16 unit: 1 = only in Traditional, 2 = only in Simplified, 0 = shared or not Han. */
let scriptTable: Uint8Array | undefined;

/** OpenCC Traditional → Simplified (phrase-aware), built on first use (~0.4 s). */
export function convertToSimplified(text: string): string {
  const convert = (toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/**
 * The characters either conversion changes, found once by converting every CJK unified ideograph
 * on its own line: per-document detection is then a table lookup per character instead of a
 * dictionary conversion (which runs at ~15–20 MB/s).
 */
function scriptChars(): Uint8Array {
  if (!scriptTable) {
    const chars: string[] = [];
    for (let code = 0x4e00; code <= 0x9fff; code++) chars.push(String.fromCharCode(code));
    const joined = chars.join('\n');
    const simplified = convertToSimplified(joined).split('\n');
    const traditional = OpenCC.Converter({ from: 'cn', to: 't' })(joined).split('\n');
    const table = new Uint8Array(0x10000);
    chars.forEach((char, i) => {
      if (simplified[i] !== char) table[char.charCodeAt(0)] = 1;
      else if (traditional[i] !== char) table[char.charCodeAt(0)] = 2;
    });
    scriptTable = table;
  }
  return scriptTable;
}

export function countScriptChars(text: string): ScriptCounts {
  const table = scriptChars();
  const counts: ScriptCounts = { traditional: 0, simplified: 0 };
  for (let i = 0; i < text.length; i++) {
    const kind = table[text.charCodeAt(i)];
    if (kind === 1) counts.traditional++;
    else if (kind === 2) counts.simplified++;
  }
  return counts;
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
