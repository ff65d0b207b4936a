/** Turns a validated pack into automata over token ids: one over surface tokens, one over stems. */
import type { Category, Context } from '../types.js';
import { Automaton } from './automaton.js';
import { stemsByDefault, type RulePack } from './pack.js';
import { stemmerFor, type Stem } from './stem.js';
import { termTokens } from './terms.js';

export interface CompiledRule {
  id: string;
  kind: 'category' | 'context';
  category: Category | Context;
  weight: number;
  /** Token window for `near`; undefined when the rule has no near terms. */
  window: number | undefined;
}

/** What a pattern found in a post means: a rule's term, a rule's near term, or a negation cue. */
export type PatternRole = { role: 'term' | 'near'; rule: number } | { role: 'negation' };

/** Patterns over one token view (surface forms or stems), with the id of a post token in that view (-1: in no pattern). */
export interface Channel {
  symbol: (token: string) => number;
  automaton: Automaton;
  roles: PatternRole[];
}

// Memory must not grow with the input: a full cache is dropped whole (cheap, and hot words come back at once).
const CACHE_LIMIT = 50_000;

/** token → id of its stem, cached: stemming costs 1–8 µs a word and posts repeat the same words. */
function stemmedSymbol(vocabulary: ReadonlyMap<string, number>, stem: Stem): (token: string) => number {
  const cache = new Map<string, number>();
  return (token) => {
    let id = cache.get(token);
    if (id === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      id = vocabulary.get(stem(token)) ?? -1;
      cache.set(token, id);
    }
    return id;
  };
}

export interface CompiledPack {
  lang: string;
  version: string;
  rules: CompiledRule[];
  surface: Channel | null;
  stemmed: Channel | null;
}

class ChannelBuilder {
  private readonly vocabulary = new Map<string, number>();
  private readonly patterns: number[][] = [];
  private readonly roles: PatternRole[] = [];

  add(tokens: readonly string[], role: PatternRole): void {
    this.patterns.push(tokens.map((t) => this.id(t)));
    this.roles.push(role);
  }

  /** `stem` given: post tokens are stemmed before lookup (the patterns were stemmed when added). */
  build(stem?: Stem): Channel | null {
    if (this.patterns.length === 0) return null;
    const vocabulary = this.vocabulary;
    const symbol = stem === undefined ? (token: string) => vocabulary.get(token) ?? -1 : stemmedSymbol(vocabulary, stem);
    return { symbol, automaton: new Automaton(this.patterns), roles: this.roles };
  }

  private id(token: string): number {
    let id = this.vocabulary.get(token);
    if (id === undefined) {
      id = this.vocabulary.size;
      this.vocabulary.set(token, id);
    }
    return id;
  }
}

function phrase(term: string, where: string): string[] {
  const tokens = termTokens(term);
  // Validation rejects such terms; reaching this means compile() got an unvalidated pack.
  if (tokens.length === 0) throw new Error(`${where}: term ${JSON.stringify(term)} has no words after normalisation`);
  return tokens;
}

/** A term of a pack as the matcher sees it: which channel it goes to, and what it means when found. */
interface PackPhrase {
  term: string;
  /** Goes to the stemmed channel. */
  stems: boolean;
  /** For messages: the rule id, or the pack language for a negation cue. */
  where: string;
  role: PatternRole;
}

/** Every term of a pack, in the order the channels number their patterns. */
function* phrasesOf(pack: RulePack): Generator<PackPhrase> {
  // Negation cues are function words: stemming them gains nothing and can conflate them with content words.
  for (const cue of pack.negations) yield { term: cue, stems: false, where: pack.lang, role: { role: 'negation' } };
  for (const [index, spec] of pack.rules.entries()) {
    const stems = spec.stem ?? stemsByDefault(pack.lang);
    for (const term of spec.terms) yield { term, stems, where: spec.id, role: { role: 'term', rule: index } };
    for (const term of spec.near?.terms ?? []) yield { term, stems, where: spec.id, role: { role: 'near', rule: index } };
  }
}

/**
 * Tokens of terms that the build worked out for the shipped packs (rules/snapshot.ts): normalising and stemming
 * four thousand terms took a fifth of a second of every start. Filled only when the snapshot's fingerprint, which
 * covers this code and the normaliser's, matches: then it is a memo of what phrase() and the stemmer return.
 */
const prebuilt = new Map<string, readonly string[]>();

function phraseKey(lang: string, p: PackPhrase): string {
  return `${lang}\u0000${p.stems ? 's' : ''}\u0000${p.term}`;
}

function phraseTokens(lang: string, p: PackPhrase, stem: Stem): readonly string[] {
  const known = prebuilt.get(phraseKey(lang, p));
  if (known !== undefined) return known;
  const words = phrase(p.term, p.where);
  return p.stems ? words.map(stem) : words;
}

/** Every term of the pack with its tokens, for the build to store. */
export function packPhrases(pack: RulePack): [string, readonly string[]][] {
  const stem = stemmerFor(pack.lang);
  return [...phrasesOf(pack)].map((p) => [phraseKey(pack.lang, p), phraseTokens(pack.lang, p, stem)]);
}

/** Tokens the build stored (packPhrases), used by compilePack from now on. */
export function usePrebuiltPhrases(entries: readonly (readonly [string, readonly string[]])[]): void {
  for (const [key, tokens] of entries) prebuilt.set(key, tokens);
}

export function compilePack(pack: RulePack): CompiledPack {
  const stem = stemmerFor(pack.lang);
  const surface = new ChannelBuilder();
  const stemmed = new ChannelBuilder();
  for (const p of phrasesOf(pack)) (p.stems ? stemmed : surface).add(phraseTokens(pack.lang, p, stem), p.role);
  const rules = pack.rules.map((spec): CompiledRule => {
    const category = spec.category ?? spec.context;
    if (category === undefined) throw new Error(`${spec.id}: neither category nor context is set`);
    return {
      id: spec.id,
      kind: spec.category === undefined ? 'context' : 'category',
      category,
      weight: spec.weight,
      window: spec.near?.window,
    };
  });
  return { lang: pack.lang, version: pack.version, rules, surface: surface.build(), stemmed: stemmed.build(stem) };
}
