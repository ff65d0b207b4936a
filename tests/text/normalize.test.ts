import { describe, expect, it } from 'vitest';
import { NORMALIZER_VERSION, normalize } from '../../src/text/normalize.js';

const norm = (s: string): string => normalize(s).text;
const steps = (s: string): string[] => normalize(s).steps;

describe('normalize: invisible characters', () => {
  it('removes zero-width characters inside words and says so', () => {
    expect(norm('ج\u200Cهاد الد\u200Bولة')).toBe('جهاد الدوله');
    expect(norm('ji\u200Bh\u00ADa\u2060d\uFEFF')).toBe('jihad');
    expect(steps('ji\u200Bhad')).toEqual(['zero_width']);
  });

  it('keeps the zero-width joiner that holds an emoji sequence together', () => {
    expect(norm('👨\u200D👩\u200D👧')).toBe('👨\u200D👩\u200D👧');
    expect(norm('a\u200Db')).toBe('ab');
  });

  it('removes bidi controls', () => {
    expect(norm('\u202Bالدولة\u202C \u2067x\u2069')).toBe('الدوله x');
    expect(steps('a\u202Eb')).toEqual(['bidi_controls']);
  });
});

describe('normalize: Arabic', () => {
  it('removes tatweel and diacritics', () => {
    expect(norm('الـدولـة الإسلاميّة')).toBe('الدوله الاسلاميه');
    expect(norm('بِسْمِ اللَّهِ الرَّحْمَٰنِ')).toBe('بسم الله الرحمن');
    expect(steps('الـدولَة')).toEqual(['tatweel', 'tashkeel', 'ta_marbuta']);
  });

  it('removes Quranic annotation marks', () => {
    expect(norm('الرَّحِيمِ ۝ ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ')).toBe('الرحيم ذلك الكتب لا ريب فيه');
  });

  it('turns presentation forms into base letters (NFKC)', () => {
    expect(norm('ﻻ إله إﻻ ﷲ')).toBe('لا اله الا الله');
    expect(steps('ﻻ')).toEqual(['nfkc']);
    expect(norm('ﷺ')).toBe('صلي الله عليه وسلم');
  });

  it('unifies alef, alef maqsura, ta marbuta and hamza carriers', () => {
    expect(norm('أحمد إسلام آمن ٱلله')).toBe('احمد اسلام امن الله');
    expect(norm('مستشفى على')).toBe('مستشفي علي');
    expect(norm('الدولة')).toBe('الدوله');
    expect(norm('مؤمن قائد')).toBe('مومن قايد');
    expect(steps('أمى دولة مؤمن')).toEqual(['alef', 'alef_maqsura', 'ta_marbuta', 'hamza_carriers']);
  });

  it('maps Persian and Urdu letter forms to Arabic ones', () => {
    expect(norm('کتاب یوم ہے ھو ۀمه ڪتب ٹوٹ ڈور ڑمز ںور ڤيديو')).toBe('كتاب يوم هي هو همه كتب توت دور رمز نور فيديو');
    expect(steps('کتاب')).toEqual(['persian_urdu_letters']);
    // Different sounds, not spelling variants: kept.
    expect(norm('پاکستان چای ژاله گل')).toBe('پاكستان چاي ژاله گل');
  });

  it('turns Arabic-Indic and Persian digits into ASCII', () => {
    expect(norm('٢٠١٥ ۱۲۳ ٣٫٥ ١٬٠٠٠')).toBe('2015 123 3.5 1,000');
    expect(steps('٢٠١٥')).toEqual(['digits']);
  });

  it('collapses letters drawn out by repetition', () => {
    expect(norm('اللهههه')).toBe('الله');
    expect(norm('الللله والللله لللله')).toBe('الله والله لله');
    expect(norm('قالللل جداااا')).toBe('قال جدا');
    // A word that is only the repeated letter (laughter) keeps two, so it stays a word.
    expect(norm('هههههههه')).toBe('هه');
    // Real doubles are left alone.
    expect(norm('الليل مما')).toBe('الليل مما');
    expect(steps('اللهههه')).toEqual(['elongation']);
  });

  it('reads supporter and opponent names in their normalised forms', () => {
    expect(norm('الدولة الإسلامية')).toBe('الدوله الاسلاميه');
    expect(norm('داعش')).toBe('داعش');
    expect(normalize('داعش').steps).toEqual([]);
  });
});

describe('normalize: hashtags, mentions, URLs', () => {
  it('reads hashtags as words', () => {
    expect(norm('#دولة_الخلافة')).toBe('دوله الخلافه');
    expect(norm('#JoinTheCaliphate now')).toBe('join the caliphate now');
    expect(norm('#ISISFighters')).toBe('isis fighters');
    expect(steps('#غزو')).toEqual(['hashtag']);
  });

  it('leaves # that does not start a tag', () => {
    expect(norm('C# x#y #')).toBe('c# x#y #');
  });

  it('masks mentions', () => {
    expect(norm('RT @Some_One1: hi @abc')).toBe('rt @user: hi @user');
    expect(steps('@abc')).toEqual(['mention']);
    expect(normalize('@user').steps).toEqual([]);
  });

  it('does not take emails or @ inside words for mentions', () => {
    expect(norm('write to name@gmail.com')).toBe('write to name@gmail.com');
  });

  it('reduces URLs to their host', () => {
    expect(norm('https://t.co/xyz')).toBe('t.co');
    expect(norm('see www.example.com/a')).toBe('see example.com');
    expect(norm('http://user:pw@Sub.Example.co.uk:8080/p?q=1#f')).toBe('sub.example.co.uk');
    expect(norm('t.co/abc')).toBe('t.co');
    expect(norm('(https://t.co/x).')).toBe('(t.co).');
    expect(norm('دمشق.https://t.co/6jEk')).toBe('دمشق.t.co');
    expect(steps('https://t.co/xyz')).toEqual(['url']);
  });

  it('leaves a host without a dot as written', () => {
    expect(norm('http://localhost/x')).toBe('http://localhost/x');
  });

  it('decodes HTML entities left by scrapers, even doubly escaped ones', () => {
    expect(norm('Tom &amp; Jerry &lt;3 &quot;x&quot;')).toBe('tom & jerry <3 "x"');
    expect(norm('&amp;gt; &#65;&#x62;')).toBe('> ab');
    expect(steps('&amp;')).toEqual(['html_entities']);
  });
});

describe('normalize: Latin scripts', () => {
  it('folds case, including ß and final sigma', () => {
    expect(norm('JIHAD Straße ΣΑΣ')).toBe('jihad strasse σασ');
    expect(steps('Jihad')).toEqual(['case_fold']);
  });

  it('folds accents on Latin letters only', () => {
    expect(norm('café naïve Ørsted œuvre İstanbul')).toBe('cafe naive orsted oeuvre istanbul');
    expect(steps('café')).toEqual(['accent_fold']);
    // Arabic marks are never stripped this way: أ stays a letter (alef normalisation makes it ا).
    expect(norm('أ')).toBe('ا');
  });

  it('undoes leetspeak inside words', () => {
    expect(norm('j1had 1s1s j@had h3ll0 n00b i$i$ k1ll')).toBe('jihad isis jahad hello noob isis kill');
    expect(steps('j1had')).toEqual(['leetspeak']);
  });

  it('keeps numbers, ordinals, units, model names and emails as they are', () => {
    const kept = '2015 18,000 3 people 1st 5km mp3 covid19 ak47 4chan b4 10am name@gmail.com';
    expect(norm(kept)).toBe(kept);
  });

  it('turns Cyrillic and Greek look-alikes inside Latin words into Latin', () => {
    expect(norm('jihаd')).toBe('jihad'); // Cyrillic а
    expect(norm('ІЅIS')).toBe('isis'); // Cyrillic І Ѕ, Latin I S
    expect(norm('ΙSΙS')).toBe('isis'); // Greek Ι
    expect(steps('jihаd')).toEqual(['homoglyphs']);
  });

  it('leaves Russian and Greek words alone', () => {
    expect(norm('рор сок дом')).toBe('рор сок дом');
    expect(norm('join Мурр (=^ω^=)')).toBe('join мурр (=^ω^=)');
    expect(norm('καλημέρα')).toBe('καλημέρα');
  });

  it('joins letters spelt out one by one', () => {
    expect(norm('j.i.h.a.d')).toBe('jihad');
    expect(norm('j-i-h-a-d')).toBe('jihad');
    expect(norm('j i h a d')).toBe('jihad');
    expect(norm('J. I. H. A. D.')).toBe('jihad.');
    expect(norm('j.1.h.a.d')).toBe('jihad');
    expect(norm('ج ه ا د')).toBe('جهاد');
    expect(norm('j i h a d ج ه ا د')).toBe('jihad جهاد');
    expect(steps('j.i.h.a.d')).toEqual(['spaced_letters']);
  });

  it('does not join numbers, pairs of letters or host names', () => {
    expect(norm('1.2.3 1 2 3 U.S. a b x.c o m')).toBe('1.2.3 1 2 3 u.s. a b x.c o m');
  });

  it('shortens runs of a repeated letter to two', () => {
    expect(norm('jooooin soooo killlll gooood')).toBe('jooin soo kill good');
    expect(norm('soo good')).toBe('soo good');
    expect(steps('soooo')).toEqual(['repeated_letters']);
  });
});

describe('normalize: everything else', () => {
  it('keeps emoji', () => {
    expect(norm('😂😂 👨‍👩‍👧 🇫🇷 1️⃣')).toBe('😂😂 👨‍👩‍👧 🇫🇷 1️⃣');
    expect(normalize('😂').steps).toEqual([]);
  });

  it('collapses whitespace and trims', () => {
    expect(norm('  one \n\n two\t\u00A0three \u2028 ')).toBe('one two three');
    expect(steps(' a  b ')).toEqual(['whitespace']);
  });

  it('keeps punctuation', () => {
    expect(norm('wait... what?! «non»')).toBe('wait... what?! «non»');
  });

  it('returns the empty text for empty or all-invisible input', () => {
    expect(normalize('')).toEqual({ text: '', map: [0], steps: [] });
    expect(normalize('\u200B \u200F')).toEqual({ text: '', map: [3], steps: ['zero_width', 'whitespace'] });
  });

  it('lists steps in pipeline order, each once', () => {
    expect(steps('  #الـدولة https://t.co/x J1HAD  ')).toEqual([
      'tatweel',
      'ta_marbuta',
      'hashtag',
      'case_fold',
      'leetspeak',
      'url',
      'whitespace',
    ]);
  });

  it('stays linear on input built to make patterns backtrack', () => {
    // Each of these took minutes with a quadratic pattern at this size; linear, they take milliseconds.
    const n = 30_000;
    for (const text of ['#'.repeat(n), '@'.repeat(n), 'a '.repeat(n / 2) + 'bc', 'a.'.repeat(n / 2) + 'bc', 'a-'.repeat(n / 2) + 'b.com']) {
      const start = performance.now();
      normalize(text);
      expect(performance.now() - start).toBeLessThan(3000);
    }
  });

  it('has a version', () => {
    expect(NORMALIZER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
