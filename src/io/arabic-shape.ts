/**
 * Arabic shaping for terminals that draw every code point on its own: contextual presentation forms and lam-alef
 * ligatures. Written here rather than taken from npm: the packages that do it are GPL-3.0 (basira is MIT) or copies
 * of that code, and both drop or duplicate letters around harakat between lam and alef.
 */
import type { Marked } from './rtl.js';

interface Forms {
  isolated: string;
  final: string;
  /** Initial and medial forms; absent for letters that join only to the letter before them. */
  initial?: string;
  medial?: string;
}

/**
 * Arabic letter → first of its presentation forms and how many there are. Each letter's forms are
 * consecutive in Unicode, in the order isolated, final, initial, medial; 1 = hamza (never joins),
 * 2 = joins only to the letter before it, 4 = joins on both sides. Alef maksura counts as 2: its
 * initial and medial forms exist only in the Uighur compatibility block, which terminal fonts rarely
 * carry, and in Arabic it only ends words.
 */
const FORM_RUNS: ReadonlyArray<readonly [letter: number, first: number, count: 1 | 2 | 4]> = [
  [0x0621, 0xfe80, 1], [0x0622, 0xfe81, 2], [0x0623, 0xfe83, 2], [0x0624, 0xfe85, 2], [0x0625, 0xfe87, 2],
  [0x0626, 0xfe89, 4], [0x0627, 0xfe8d, 2], [0x0628, 0xfe8f, 4], [0x0629, 0xfe93, 2], [0x062a, 0xfe95, 4],
  [0x062b, 0xfe99, 4], [0x062c, 0xfe9d, 4], [0x062d, 0xfea1, 4], [0x062e, 0xfea5, 4], [0x062f, 0xfea9, 2],
  [0x0630, 0xfeab, 2], [0x0631, 0xfead, 2], [0x0632, 0xfeaf, 2], [0x0633, 0xfeb1, 4], [0x0634, 0xfeb5, 4],
  [0x0635, 0xfeb9, 4], [0x0636, 0xfebd, 4], [0x0637, 0xfec1, 4], [0x0638, 0xfec5, 4], [0x0639, 0xfec9, 4],
  [0x063a, 0xfecd, 4], [0x0641, 0xfed1, 4], [0x0642, 0xfed5, 4], [0x0643, 0xfed9, 4], [0x0644, 0xfedd, 4],
  [0x0645, 0xfee1, 4], [0x0646, 0xfee5, 4], [0x0647, 0xfee9, 4], [0x0648, 0xfeed, 2], [0x0649, 0xfeef, 2],
  [0x064a, 0xfef1, 4],
  // Alef wasla (Quranic quotations) and the Persian letters that turn up in Arabic-script posts.
  [0x0671, 0xfb50, 2], [0x067e, 0xfb56, 4], [0x0686, 0xfb7a, 4], [0x0698, 0xfb8a, 2], [0x06a9, 0xfb8e, 4],
  [0x06af, 0xfb92, 4], [0x06cc, 0xfbfc, 4],
];

const FORMS = new Map<string, Forms>(
  FORM_RUNS.map(([letter, first, count]) => {
    const form = (k: number) => String.fromCodePoint(first + k);
    const forms: Forms = count === 1 ? { isolated: form(0), final: form(0) } : { isolated: form(0), final: form(1) };
    if (count === 4) Object.assign(forms, { initial: form(2), medial: form(3) });
    return [String.fromCodePoint(letter), forms];
  }),
);

/** Lam followed by one of these alefs is written as one ligature (isolated, final). */
const LAM = '\u0644';
const LAM_ALEF = new Map<string, Forms>([
  ['\u0622', { isolated: '\ufef5', final: '\ufef6' }],
  ['\u0623', { isolated: '\ufef7', final: '\ufef8' }],
  ['\u0625', { isolated: '\ufef9', final: '\ufefa' }],
  ['\u0627', { isolated: '\ufefb', final: '\ufefc' }],
]);

/** Tatweel and the zero-width joiner join on both sides but have no forms of their own. */
const JOIN_CAUSING = new Set(['\u0640', '\u200d']);
/** Harakat and other marks, and format characters other than ZWNJ/ZWJ, are skipped when joining. */
const TRANSPARENT = /^(?![\u200c\u200d])[\p{Mn}\p{Me}\p{Cf}]$/u;

const joinsForward = (ch: string | undefined) => ch !== undefined && (JOIN_CAUSING.has(ch) || FORMS.get(ch)?.initial !== undefined);
const joinsBackward = (ch: string | undefined) =>
  ch !== undefined && (JOIN_CAUSING.has(ch) || (FORMS.has(ch) && ch !== '\u0621'));

/**
 * Contextual presentation forms and lam-alef ligatures, for terminals that draw every code point on
 * its own. Works on code points and keeps each one's mark: a letter becomes its form in place, and a
 * lam-alef pair becomes one ligature at the lam (marked if either letter was), with any harakat
 * between them kept after it. So every glyph still carries the highlight of the text it came from.
 */
export function shapeArabic(chars: Marked[]): Marked[] {
  const points = chars.flatMap((c) => Array.from(c.ch, (ch) => ({ ch, mark: c.mark })));
  // Index of the nearest non-transparent code point before and after each one.
  const before: number[] = [];
  const after: number[] = [];
  let last = -1;
  points.forEach((p, i) => {
    before[i] = last;
    if (!TRANSPARENT.test(p.ch)) last = i;
  });
  last = points.length;
  for (let i = points.length - 1; i >= 0; i--) {
    after[i] = last;
    if (!TRANSPARENT.test(points[i]?.ch ?? '')) last = i;
  }
  const out: Marked[] = [];
  const absorbed = new Set<number>();
  points.forEach((p, i) => {
    if (absorbed.has(i)) return;
    const previous = points[before[i] ?? -1]?.ch;
    const nextIndex = after[i] ?? points.length;
    const next = points[nextIndex];
    const ligature = p.ch === LAM && next !== undefined ? LAM_ALEF.get(next.ch) : undefined;
    if (ligature !== undefined && next !== undefined) {
      absorbed.add(nextIndex);
      out.push({ ch: joinsForward(previous) ? ligature.final : ligature.isolated, mark: p.mark ?? next.mark });
      return;
    }
    const forms = FORMS.get(p.ch);
    if (forms === undefined) {
      out.push(p);
      return;
    }
    const joinsPrevious = joinsForward(previous);
    const joinsNext = forms.initial !== undefined && joinsBackward(next?.ch);
    const shaped = joinsPrevious ? (joinsNext ? forms.medial : forms.final) : joinsNext ? forms.initial : forms.isolated;
    out.push({ ch: shaped ?? forms.isolated, mark: p.mark });
  });
  return out;
}
