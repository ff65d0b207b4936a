import { describe, expect, it } from 'vitest';
import { arabiziView, toOriginalSpan } from '../../src/text/normalize.js';
import { tokenize } from '../../src/text/tokenize.js';

const view = (s: string): string | null => arabiziView(s)?.text ?? null;

describe('arabiziView', () => {
  it('reads the group name in Arabizi as the Arabic rules expect it', () => {
    expect(view('el dawla el islamiya baqiya')).toBe('الدوله الاسلاميه بقيه');
    expect(view('al-dawla al-islamiyya')).toBe('الدوله الاسلاميه');
    expect(view('#ElDawlaElIslamiya')).toBe('الدوله الاسلاميه');
  });

  it('reads digit letters: 3 ع, 7 ح, 5 خ, 2 ء, 6 ط, 8 غ, 9 ص', () => {
    expect(view('ana mesh 3aref')).toBe('انا مش عرف');
    expect(view('ya 7abibi 5alas')).toBe('يا حبيبي خلس');
    expect(view('ana 2a7mad mesh 6ayeb 8ali 9a7bi')).toBe('انا احمد مش طيب غلي صحبي');
    expect(view("3'ali ya 7'ayen")).toBe('غلي يا خين');
  });

  it('folds spelling variants of known words to one Arabic spelling', () => {
    expect(view('wa el mujahideen fi el khilafah')).toBe('والمجاهدين في الخلافه');
    expect(view('wa el mujahidin fi el 5ilafa')).toBe('والمجاهدين في الخلافه');
    expect(view('inshallah ya akhi')).toBe('ان شاء الله يا اخي');
  });

  it('keeps numbers, mentions and hosts out of the transliteration', () => {
    expect(view('@abu_x wallah ya akhi 2015 https://t.co/xyz')).toBe('@user والله يا اخي 2015 t.co');
  });

  it('returns the steps it applied, with arabizi among them', () => {
    expect(arabiziView('el dawla baqiya')?.steps).toContain('arabizi');
  });

  it('maps every token back to the Latin word it came from', () => {
    const original = 'Wallah el dawla baqiya';
    const v = arabiziView(original)!;
    const cps = Array.from(original);
    const spans = tokenize(v.text).map((t) => {
      const s = toOriginalSpan(v, t.start, t.end);
      return cps.slice(s.start, s.end).join('');
    });
    expect(spans).toEqual(['Wallah', 'el dawla', 'baqiya']);
  });

  it('is null for European-language posts, even with Arabic loanwords', () => {
    expect(view('May Allah accept the shaheed, brothers make hijrah to the khilafah')).toBeNull();
    expect(view('The mujahideen of the Islamic State')).toBeNull();
    expect(view('el islam es la religion de paz')).toBeNull();
    expect(view('Islam will rule India')).toBeNull();
    expect(view('I have 2 tickets for the 3rd match, 5km away, mp3 and covid19')).toBeNull();
    expect(view('k1ll th3 h3ll0 t3rr0r')).toBeNull();
  });

  it('is null for Arabic-script posts and for text without Latin letters', () => {
    expect(view('الدولة الإسلامية باقية')).toBeNull();
    expect(view('الإرهابي قتل أطفالاً أيضاً، جهاز MI5 يراقب')).toBeNull();
    expect(view('2015 😂')).toBeNull();
    expect(view('')).toBeNull();
  });
});
