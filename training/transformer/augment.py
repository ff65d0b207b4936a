"""Obfuscated copies of posts, made with the tricks basira's normaliser is built to undo (zero-width
characters, tatweel, diacritics, presentation forms, Persian/Urdu letters, leetspeak, look-alike letters,
spaced and repeated letters, case). The copies are normalised like any post, so the model trains on
whatever the normaliser leaves behind, which is exactly what it will see at run time."""
from __future__ import annotations

import random
import unicodedata

ZERO_WIDTH = ('\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff')
TATWEEL = '\u0640'
DIACRITICS = tuple(chr(c) for c in range(0x064B, 0x0653))
PERSIAN = {'ك': 'ک', 'ي': 'ی', 'ى': 'ی', 'ه': 'ہ', 'ة': 'ۃ', 'و': 'ۆ'}
LEET = {'a': '4', 'e': '3', 'i': '1', 'o': '0', 's': '5', 't': '7'}
HOMOGLYPHS = {'a': 'а', 'e': 'е', 'o': 'о', 'p': 'р', 'c': 'с', 'x': 'х', 'y': 'у', 'i': 'і'}
# Arabic presentation forms, from the base letter (or lam-alef pair) NFKC turns them back into.
PRESENTATION: dict[str, list[str]] = {}
for _cp in range(0xFE70, 0xFEFD):
    _base = unicodedata.normalize('NFKC', chr(_cp))
    if _base != chr(_cp) and all('\u0621' <= c <= '\u064A' for c in _base):
        PRESENTATION.setdefault(_base, []).append(chr(_cp))


def _is_arabic(word: str) -> bool:
    return any('\u0600' <= c <= '\u06FF' for c in word)


def _is_latin(word: str) -> bool:
    return any('a' <= c.lower() <= 'z' for c in word)


def _zero_width(w: str, rng: random.Random) -> str:
    if len(w) < 2:
        return w
    i = rng.randrange(1, len(w))
    return w[:i] + rng.choice(ZERO_WIDTH) + w[i:]


def _tatweel(w: str, rng: random.Random) -> str:
    if not _is_arabic(w) or len(w) < 3:
        return w
    i = rng.randrange(1, len(w) - 1)
    return w[:i] + TATWEEL * rng.randint(1, 3) + w[i:]


def _diacritics(w: str, rng: random.Random) -> str:
    if not _is_arabic(w):
        return w
    return ''.join(c + (rng.choice(DIACRITICS) if '\u0621' <= c <= '\u064A' and rng.random() < 0.4 else '') for c in w)


def _letter_forms(w: str, rng: random.Random) -> str:
    if not _is_arabic(w):
        return w
    out = w.replace('لا', rng.choice(PRESENTATION['لا'])) if 'لا' in w and rng.random() < 0.5 else w
    return ''.join(PERSIAN[c] if c in PERSIAN and rng.random() < 0.5 else
                   rng.choice(PRESENTATION[c]) if c in PRESENTATION and rng.random() < 0.15 else c for c in out)


def _leet(w: str, rng: random.Random) -> str:
    if not w.isalpha() or not _is_latin(w):
        return w
    return ''.join(LEET.get(c.lower(), c) if rng.random() < 0.5 else c for c in w)


def _homoglyph(w: str, rng: random.Random) -> str:
    if not _is_latin(w):
        return w
    return ''.join(HOMOGLYPHS.get(c, c) if rng.random() < 0.4 else c for c in w)


def _spaced(w: str, rng: random.Random) -> str:
    if not w.isalpha() or not 3 <= len(w) <= 8:
        return w
    return rng.choice((' ', '.', '-')).join(w)


def _repeat(w: str, rng: random.Random) -> str:
    if not w.isalpha() or len(w) < 3:
        return w
    i = rng.randrange(len(w))
    return w[:i] + w[i] * rng.randint(3, 6) + w[i + 1:]


def _case(w: str, rng: random.Random) -> str:
    return w.upper() if rng.random() < 0.5 else ''.join(c.upper() if rng.random() < 0.5 else c for c in w)


TRICKS = (_zero_width, _tatweel, _diacritics, _letter_forms, _leet, _homoglyph, _spaced, _repeat, _case)


def obfuscate(text: str, rng: random.Random) -> str:
    """Two or three tricks, each applied to about a third of the words (URLs and mentions left alone)."""
    tricks = rng.sample(TRICKS, rng.randint(2, 3))
    words = text.split(' ')
    for trick in tricks:
        words = [trick(w, rng) if w and not w.startswith(('http', '@', '#')) and rng.random() < 0.35 else w
                 for w in words]
    return ' '.join(words)
