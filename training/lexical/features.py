"""Hashed n-gram features of normalised text: the one definition that src/lexical/features.ts implements again.

Spec (the `features` object of models/lexical/model.json; every field is checked by the TypeScript loader):
1. words = maximal runs of code points that are not in `whitespace` (a fixed list, so Python's str.split and
   JavaScript's \\s, which disagree, never decide). No words: the vector is empty.
2. s = pad + words joined by one space + pad, as code points.
3. Character n-grams: every run of n consecutive code points of s, n = char_min..char_max (across word boundaries,
   so "the islamic" yields "e is"). Word n-grams were measured on dev and added nothing, so there are none.
4. Each n-gram is hashed with 32-bit FNV-1a over its UTF-8 bytes; bucket = hash mod 2^buckets_log2. (A lone
   surrogate, possible only in a JavaScript string, is encoded as its 3-byte generalised UTF-8 form.)
5. count[bucket] = number of n-grams that fell there; value = sqrt(count) / sqrt(total n-grams), i.e. the
   L2-normalised square roots of the counts. sqrt and one division are correctly rounded in IEEE 754, so Python
   and JavaScript get the same bits, which a log-count transform would not guarantee. Values are stored as float32.
"""
from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193

# Unicode White_Space code points (the set JavaScript's \s and Python's str.split mostly share, fixed here).
WHITESPACE = (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029,
              0x202F, 0x205F, 0x3000)


def default_spec(buckets_log2: int = 18, char_min: int = 1, char_max: int = 5) -> dict:
    return {
        'type': 'hashed_ngrams',
        'hash': 'fnv1a32_utf8',
        'buckets_log2': buckets_log2,
        'whitespace': list(WHITESPACE),
        'pad': ' ',
        'char_min': char_min,
        'char_max': char_max,
        'value': 'sqrt_count_l2',
    }


def fnv1a(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & 0xFFFFFFFF
    return h


def split_words(text: str, spec: dict) -> list[str]:
    ws = {chr(c) for c in spec['whitespace']}
    words, cur = [], []
    for ch in text:
        if ch in ws:
            if cur:
                words.append(''.join(cur))
                cur = []
        else:
            cur.append(ch)
    if cur:
        words.append(''.join(cur))
    return words


def ngram_keys(text: str, spec: dict) -> list[str]:
    """Every n-gram of the spec, in order (the reference definition; slow, for checks and fixtures)."""
    words = split_words(text, spec)
    if not words:
        return []
    s = spec['pad'] + ' '.join(words) + spec['pad']
    return [s[i:i + n] for n in range(spec['char_min'], spec['char_max'] + 1) for i in range(len(s) - n + 1)]


def reference_features(text: str, spec: dict) -> tuple[list[int], list[float]]:
    """Sorted bucket indices and float32 values of one text, straight from the definition."""
    mask = (1 << spec['buckets_log2']) - 1
    counts: dict[int, int] = {}
    keys = ngram_keys(text, spec)
    for k in keys:
        b = fnv1a(k.encode('utf-8')) & mask
        counts[b] = counts.get(b, 0) + 1
    idx = sorted(counts)
    total = math.sqrt(len(keys))
    return idx, [float(np.float32(math.sqrt(counts[i]) / total)) for i in idx]


def _utf8_table(cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """UTF-8 bytes of each code point as a (n, 4) uint64 array and the byte count per code point."""
    cps = cps.astype(np.int64)
    nbytes = np.select([cps < 0x80, cps < 0x800, cps < 0x10000], [1, 2, 3], 4)
    b = np.zeros((len(cps), 4), dtype=np.uint64)
    one = nbytes == 1
    two = nbytes == 2
    three = nbytes == 3
    four = nbytes == 4
    b[one, 0] = cps[one]
    b[two, 0] = 0xC0 | (cps[two] >> 6)
    b[two, 1] = 0x80 | (cps[two] & 0x3F)
    b[three, 0] = 0xE0 | (cps[three] >> 12)
    b[three, 1] = 0x80 | ((cps[three] >> 6) & 0x3F)
    b[three, 2] = 0x80 | (cps[three] & 0x3F)
    b[four, 0] = 0xF0 | (cps[four] >> 18)
    b[four, 1] = 0x80 | ((cps[four] >> 12) & 0x3F)
    b[four, 2] = 0x80 | ((cps[four] >> 6) & 0x3F)
    b[four, 3] = 0x80 | (cps[four] & 0x3F)
    return b, nbytes


def _char_ngram_buckets(padded: list[str], spec: dict) -> tuple[np.ndarray, np.ndarray]:
    """(row, bucket) of every character n-gram of all padded strings at once, vectorised over positions."""
    lengths = np.array([len(s) for s in padded], dtype=np.int64)
    joined = ''.join(padded)
    cps = np.frombuffer(joined.encode('utf-32-le'), dtype=np.uint32)
    row_of = np.repeat(np.arange(len(padded)), lengths)
    end_of = np.repeat(np.cumsum(lengths), lengths)  # exclusive end of the string each position belongs to
    table, nbytes = _utf8_table(cps)
    n_pos = len(cps)
    mask = np.uint64((1 << spec['buckets_log2']) - 1)
    h = np.full(n_pos, FNV_OFFSET, dtype=np.uint64)
    start = np.arange(n_pos)
    rows, buckets = [], []
    for n in range(1, spec['char_max'] + 1):
        q = start + n - 1  # position of the code point that extends the n-gram starting at `start`
        valid = q < end_of
        qc = np.minimum(q, n_pos - 1)
        for j in range(4):
            extend = valid & (nbytes[qc] > j)
            nh = ((h ^ table[qc, j]) * np.uint64(FNV_PRIME)) & np.uint64(0xFFFFFFFF)
            h = np.where(extend, nh, h)
        if n >= spec['char_min']:
            rows.append(row_of[valid])
            buckets.append((h[valid] & mask).astype(np.int64))
    return np.concatenate(rows), np.concatenate(buckets)


def featurize(texts: list[str], spec: dict) -> sp.csr_matrix:
    """Rows of L2-normalised sqrt-count features (float32), equal to reference_features() for each text."""
    padded = []
    for text in texts:
        words = split_words(text, spec)
        padded.append(spec['pad'] + ' '.join(words) + spec['pad'] if words else '')
    rows, cols = _char_ngram_buckets(padded, spec)
    m = sp.coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                      shape=(len(texts), 1 << spec['buckets_log2'])).tocsr()
    m.sum_duplicates()
    m.sort_indices()
    totals = np.asarray(m.sum(axis=1)).ravel()  # n-grams per row (counts before the transform)
    m.data = np.sqrt(m.data) / np.sqrt(np.repeat(totals, np.diff(m.indptr)))
    return m.astype(np.float32)
