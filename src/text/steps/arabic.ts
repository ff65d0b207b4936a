/**
 * Arabic orthographic unification: the variants that writers (and obfuscators) use interchangeably are
 * folded to one form, so "الدولة الإسلامية", "الدوله الاسلاميه" and "الـدولـة الإسلاميّة" read the same.
 */
import { rewrite } from '../aligned.js';
import { hasTriple } from './triple.js';
import type { Step } from './step.js';

/** In the order they are reported in `steps`. */
const STEP_ORDER = [
  'tatweel',
  'tashkeel',
  'alef',
  'alef_maqsura',
  'ta_marbuta',
  'hamza_carriers',
  'persian_urdu_letters',
  'digits',
] as const;
type ArabicStep = (typeof STEP_ORDER)[number];

interface Rule {
  step: ArabicStep;
  /** Replacement; '' deletes the character (it joins the letter before it). */
  out: string;
}

const RULES = new Map<number, Rule>();
function add(step: ArabicStep, chars: string, out: string): void {
  for (const c of chars) RULES.set(c.codePointAt(0)!, { step, out });
}
function addRange(step: ArabicStep, from: number, to: number): void {
  for (let cp = from; cp <= to; cp++) RULES.set(cp, { step, out: '' });
}

add('tatweel', '\u0640', '');
// Harakat, tanwin, shadda, sukun, superscript alef, Quranic annotation signs.
addRange('tashkeel', 0x0610, 0x061a);
addRange('tashkeel', 0x064b, 0x065f);
addRange('tashkeel', 0x0670, 0x0670);
addRange('tashkeel', 0x06d6, 0x06ed);
add('alef', 'أإآٱٲٳ', 'ا');
add('alef_maqsura', 'ى', 'ي');
add('ta_marbuta', 'ة', 'ه');
add('hamza_carriers', 'ؤ', 'و');
add('hamza_carriers', 'ئ', 'ي');
// Persian/Urdu/Kurdish letter forms that stand for the same Arabic letter in Arabic-language posts.
// پ چ ژ گ are left alone: they are different sounds, not spelling variants.
add('persian_urdu_letters', 'کڪ', 'ك');
add('persian_urdu_letters', 'یېےۓێۍٸ', 'ي');
add('persian_urdu_letters', 'ہھەۀۃ', 'ه');
add('persian_urdu_letters', 'ۆۇۈۋ', 'و');
add('persian_urdu_letters', 'ٹ', 'ت');
add('persian_urdu_letters', 'ڈ', 'د');
add('persian_urdu_letters', 'ڑ', 'ر');
add('persian_urdu_letters', 'ں', 'ن');
add('persian_urdu_letters', 'ڤ', 'ف');
add('persian_urdu_letters', 'ڨ', 'ق');
for (let d = 0; d <= 9; d++) {
  add('digits', String.fromCodePoint(0x0660 + d), String(d)); // Arabic-Indic
  add('digits', String.fromCodePoint(0x06f0 + d), String(d)); // Persian (Extended Arabic-Indic)
}
add('digits', '\u066B', '.'); // Arabic decimal separator
add('digits', '\u066C', ','); // Arabic thousands separator

// All targets are single UTF-16 units; a plain (non-/u) character class keeps the scan fast.
const TARGETS = new RegExp(`[${[...RULES.keys()].map((cp) => `\\u${cp.toString(16).padStart(4, '0')}`).join('')}]`, 'g');

export const arabicLetters: Step = (a, fired) => {
  const seen = new Set<ArabicStep>();
  const out = rewrite(a, TARGETS, (m, ed) => {
    const rule = RULES.get(m[0].codePointAt(0)!)!;
    seen.add(rule.step);
    if (rule.out === '') ed.remove(m.index, m.index + 1, true);
    else ed.replace(m.index, m.index + 1, rule.out);
  });
  if (out !== a) for (const s of STEP_ORDER) if (seen.has(s)) fired(s);
  return out;
};

// Three or more of the same Arabic letter.
const RUN = /(?=\p{L})(\p{Script=Arabic})\1{2,}/gu;
const LAM = 'ل';
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
// Where a real double lam is common: at the start of a word (لله، للدوله) and as the article's lam
// followed by a lam (الله، الليل، بالله); the run then starts right after the alef.
const DOUBLE_LAM_BEFORE = /(?:^|[^\p{L}\p{N}\p{M}])(?:[وفبك]?ا|[وف]?)$/u;

/**
 * Letters drawn out by repetition: "اللهههه" → "الله". A run of 3+ keeps one letter, except where a
 * doubled letter is likely real: lam after the article or at the start of a word keeps two (الللله →
 * الله), and a word that is nothing but the repeated letter (هههههه, laughter) keeps two so that it
 * stays a word.
 */
export const elongation: Step = (a, fired) => {
  if (!hasTriple(a.text)) return a;
  const out = rewrite(a, RUN, (m, ed) => {
    const i = m.index;
    const j = i + m[0].length;
    const letter = m[1]!;
    const before = a.text.slice(Math.max(0, i - 3), i);
    const wholeWord = !WORD_CHAR.test(before.slice(-1)) && !WORD_CHAR.test(a.text.charAt(j));
    const keep = wholeWord || (letter === LAM && DOUBLE_LAM_BEFORE.test(before)) ? 2 : 1;
    ed.remove(i + keep * letter.length, j, true);
  });
  if (out !== a) fired('elongation');
  return out;
};
