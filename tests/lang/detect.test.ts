import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/lang/detect.js';

describe('detectLanguage', () => {
  it.each([
    ['طلب الاتحاد الأوروبي مساعدة عمالقة شبكة الإنترنت لمساعدته في محاربة الجهاديين', 'ar'],
    ['The European Union asked internet companies to help stop online recruitment', 'en'],
    ["L'Union européenne demande aux géants de l'internet de l'aider", 'fr'],
    ['Die Europäische Union bittet die Internetkonzerne um Hilfe', 'de'],
    ["L'Unione europea chiede aiuto ai giganti di internet", 'it'],
    ['La Unión Europea pidió ayuda a las empresas de internet', 'es'],
    ['De Europese Unie vraagt de internetbedrijven om hulp', 'nl'],
    ['Европейский союз попросил интернет-компании о помощи', 'ru'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('ignores URLs and mentions that would pull a short post towards English', () => {
    expect(detectLanguage('@news_account https://t.co/abc الدولة الإسلامية تعلن')).toBe('ar');
  });

  it('answers und when there is no language in the text', () => {
    expect(detectLanguage('12345 !!! ...')).toBe('und');
  });
});
