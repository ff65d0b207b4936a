import { describe, it, expect } from 'vitest';
import { packsForPost } from '../../src/rules/select.js';

const ALL = new Set(['ar', 'de', 'en', 'es', 'fr', 'it', 'nl']);

describe('packsForPost', () => {
  it('runs ar on an Arabic post, and nothing Latin', () => {
    expect(packsForPost('ar', 'الدوله الاسلاميه', ALL)).toEqual(['ar']);
  });

  it('runs ar, en and the detected language on a Latin post', () => {
    expect(packsForPost('fr', 'rejoignez le califat', ALL)).toEqual(['ar', 'en', 'fr']);
  });

  it('runs ar and en on a Latin post in an undetermined language', () => {
    expect(packsForPost('und', 'khilafah', ALL)).toEqual(['ar', 'en']);
  });

  it('runs only the packs that exist', () => {
    expect(packsForPost('de', 'kalifat', new Set(['de']))).toEqual(['de']);
    expect(packsForPost('tr', 'hilafet', new Set(['ar']))).toEqual(['ar']);
  });
});
