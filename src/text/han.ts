/**
 * Han ideographs: URO, Extensions A–I, both compatibility blocks and 〇. ChineseWebText counts only
 * U+4E00–U+9FA5, which misses Extension A, rare-name characters and 〇.
 */
export function isHanCodePoint(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x20000 && code <= 0x323af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x2f800 && code <= 0x2fa1f) ||
    code === 0x3007
  );
}
