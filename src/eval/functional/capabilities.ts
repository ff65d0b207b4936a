/**
 * The capabilities of the functional test suite (datasets/functional/<lang>.csv), after HateCheck: each is one
 * thing basira must get right, tested by small hand-written cases, or by cases generated from the positive
 * ones with one obfuscation each. The expected labels follow TAXONOMY.md.
 */
import type { Label } from '../../types.js';
import type { Obfuscation } from './obfuscate.js';

export const SUITE_LANGS = ['ar', 'en', 'fr', 'de', 'it', 'es', 'nl'] as const;
export type SuiteLang = (typeof SUITE_LANGS)[number];

const LATIN: readonly SuiteLang[] = ['en', 'fr', 'de', 'it', 'es', 'nl'];
const ARABIC: readonly SuiteLang[] = ['ar'];

export interface Capability {
  readonly name: string;
  /** Labels a case of this capability may expect (negation: counter_speech or other). */
  readonly expected: readonly Label[];
  /** Languages the capability applies to. */
  readonly langs: readonly SuiteLang[];
  /** Set for generated capabilities: the obfuscation applied to the positive base cases. */
  readonly obfuscation?: Obfuscation;
}

const written = (name: string, expected: Label | readonly Label[], langs: readonly SuiteLang[] = SUITE_LANGS): Capability => ({
  name,
  expected: typeof expected === 'string' ? [expected] : expected,
  langs,
});

const generated = (obfuscation: Obfuscation, langs: readonly SuiteLang[]): Capability => ({
  name: `obf_${obfuscation}`,
  expected: ['propaganda'],
  langs,
  obfuscation,
});

/** In report order: the hand-written capabilities, then the obfuscations. */
export const CAPABILITIES: readonly Capability[] = [
  written('recruit_explicit', 'propaganda'),
  written('recruit_reported', 'news'),
  written('pledge', 'propaganda'),
  written('fund_call', 'propaganda'),
  written('incite_attack', 'propaganda'),
  written('praise_attack', 'propaganda'),
  written('condemn_attack', 'counter_speech'),
  written('martyr_praise', 'propaganda'),
  written('supporter_naming', 'propaganda'),
  written('opponent_naming', 'counter_speech'),
  written('dissemination_release', 'propaganda'),
  written('news_release_report', 'news'),
  written('follow_accounts', 'propaganda'),
  written('quote_refute', 'counter_speech'),
  written('negation', ['counter_speech', 'other']),
  written('news_headline_attack', 'news'),
  written('news_arrest', 'news'),
  written('analysis', 'news'),
  written('counter_recruitment', 'counter_speech'),
  written('mockery', 'counter_speech'),
  written('victim_perspective', 'counter_speech'),
  written('religious_plain', 'religious'),
  written('religious_greeting', 'religious'),
  // Arabizi needs Latin-script rewrites a person writes; the other obfuscations are generated.
  written('obf_arabizi', 'propaganda', ARABIC),
  generated('zero_width', SUITE_LANGS),
  generated('tatweel', ARABIC),
  generated('diacritics', ARABIC),
  generated('presentation_forms', ARABIC),
  generated('leetspeak', LATIN),
  generated('homoglyphs', LATIN),
  generated('spaced_letters', LATIN),
  generated('repeated_letters', LATIN),
];

/** Positive base cases the obfuscations are applied to. */
export const OBFUSCATION_SOURCES: readonly string[] = ['recruit_explicit', 'praise_attack', 'supporter_naming', 'incite_attack'];

export function capability(name: string): Capability | undefined {
  return CAPABILITIES.find((c) => c.name === name);
}
