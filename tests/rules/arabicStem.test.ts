import { describe, it, expect } from 'vitest';
import { stemArabic } from '../../src/rules/arabicStem.js';

describe('stemArabic (normalised Arabic)', () => {
  it('strips the conjunction, the article and its clitics to one stem', () => {
    const forms = ['دوله', 'الدوله', 'والدوله', 'بالدوله', 'للدوله', 'فالدوله', 'كالدوله'];
    expect(new Set(forms.map(stemArabic))).toEqual(new Set(['دول']));
  });

  it('strips plural, nisba and pronoun suffixes', () => {
    expect(stemArabic('المجاهدين')).toBe('مجاهد');
    expect(stemArabic('مجاهدون')).toBe('مجاهد');
    expect(stemArabic('الاسلاميه')).toBe('اسلام');
    expect(stemArabic('اسلامي')).toBe('اسلام');
    expect(stemArabic('ولاياتها')).toBe(stemArabic('ولايات'));
  });

  it('keeps at least three letters', () => {
    expect(stemArabic('ولا')).toBe('ولا');
    expect(stemArabic('وطن')).toBe('وطن');
    expect(stemArabic('بيعه')).toBe('بيع');
    expect(stemArabic('لن')).toBe('لن');
  });

  it('treats a leading و the same before and after the article', () => {
    expect(stemArabic('الولايه')).toBe(stemArabic('ولايه'));
    expect(stemArabic('ولايه')).not.toBe(stemArabic('ولا'));
  });

  it('keeps Allah whole instead of shrinking it to له', () => {
    expect(stemArabic('الله')).toBe('الله');
    expect(stemArabic('والله')).toBe('الله');
    expect(stemArabic('لله')).toBe('الله');
    expect(stemArabic('اللهم')).toBe('اللهم');
    expect(stemArabic('له')).toBe('له');
  });

  it('leaves non-Arabic and mixed tokens alone', () => {
    expect(stemArabic('caliphate')).toBe('caliphate');
    expect(stemArabic('الدوله2')).toBe('الدوله2');
    expect(stemArabic('😀')).toBe('😀');
  });
});
