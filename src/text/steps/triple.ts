/**
 * True if some character occurs three times in a row: a cheap test that must pass before the
 * (Unicode-aware, slower) repeated-letter patterns can match anything.
 */
export function hasTriple(text: string): boolean {
  for (let i = 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === text.charCodeAt(i - 1) && c === text.charCodeAt(i - 2)) return true;
    // A surrogate pair repeated: units i-5..i are H L H L H L.
    if (i >= 5 && c === text.charCodeAt(i - 2) && c === text.charCodeAt(i - 4)) {
      const h = text.charCodeAt(i - 1);
      if (h === text.charCodeAt(i - 3) && h === text.charCodeAt(i - 5)) return true;
    }
  }
  return false;
}
