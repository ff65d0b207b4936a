// The package ships no types; this is the part basira uses.
declare module 'arabic-reshaper' {
  const ArabicReshaper: {
    /** Replaces Arabic letters with their contextual presentation forms (lam-alef becomes one ligature). */
    convertArabic(text: string): string;
  };
  export default ArabicReshaper;
}
