/** Deterministic tweet-length posts for benchmarks: a seeded mix of Arabic and European words and a few rule terms. */
const WORDS: Record<string, string[]> = {
  ar: ['الدولة', 'الإسلامية', 'داعش', 'عاجل', 'بحسب', 'مصادر', 'الاتحاد', 'الأوروبي', 'الإنترنت', 'شركات', 'وزير', 'الداخلية', 'قال', 'في', 'من', 'على', 'إلى', 'اليوم', 'الجهاديين', 'تجنيد', 'الحرب', 'المدينة', 'الناس', 'الله', 'جمعة', 'مباركة', 'الخلافة', 'ولاية', 'نينوى', 'المجاهدين'],
  en: ['the', 'Islamic', 'State', 'police', 'said', 'according', 'to', 'reports', 'fighters', 'city', 'today', 'attack', 'news', 'join', 'brothers', 'Daesh', 'terrorists', 'condemn', 'video', 'release', 'new', 'people', 'in', 'of', 'and', 'Syria', 'Iraq', 'government', 'mujahideen', 'caliphate'],
  fr: ['selon', 'la', 'police', 'les', 'combattants', 'Daech', 'attentat', 'ville', 'aujourd’hui', 'gouvernement', 'et', 'de'],
  de: ['laut', 'Polizei', 'die', 'Kämpfer', 'Anschlag', 'Stadt', 'heute', 'Regierung', 'und', 'der'],
};
const LANGS = Object.keys(WORDS);

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* syntheticPosts(count: number, seed = 1): Generator<string> {
  const rand = prng(seed);
  for (let i = 0; i < count; i++) {
    const words = WORDS[LANGS[Math.floor(rand() * LANGS.length)]!]!;
    const target = 80 + Math.floor(rand() * 200);
    let text = '';
    while (text.length < target) text += (text ? ' ' : '') + words[Math.floor(rand() * words.length)]!;
    if (rand() < 0.2) text += ` https://t.co/${Math.floor(rand() * 1e9).toString(36)}`;
    if (rand() < 0.2) text = `@user${Math.floor(rand() * 1000)} ${text}`;
    yield text;
  }
}
