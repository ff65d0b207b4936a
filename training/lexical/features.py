"""Hashed n-gram features of normalised text: the one definition that src/lexical/features.ts implements again.

Spec (the `features` object of models/lexical/model.json; every field is checked by the TypeScript loader):
1. words = maximal runs of code points that are not in `whitespace` (a fixed list, so Python's str.split and
   JavaScript's \\s, which disagree, never decide). No words: the vector is empty.
2. s = pad + words joined by one space + pad, as code points.
3. Character n-grams: every run of n consecutive code points of s, n = char_min..char_max (across word boundaries,
   so "the islamic" yields "e is").
4. Each n-gram is hashed with 32-bit FNV-1a over its UTF-8 bytes; bucket = hash mod 2^buckets_log2. (A lone
   surrogate, possible only in a JavaScript string, is encoded as its 3-byte generalised UTF-8 form.)
5. count[bucket] = number of n-grams that fell there; value = sqrt(count) / sqrt(total n-grams), i.e. the
   L2-normalised square roots of the counts. sqrt and one division are correctly rounded in IEEE 754, so Python
   and JavaScript get the same bits, which a log-count transform would not guarantee. Values are stored as float32.

The post as written is a second block (the `raw_features` object of model.json, when present): the same
definition with its own char_min..char_max over the post lowercased (str.lower / String.prototype.toLowerCase, the
Unicode default case mapping) instead of the normalised text, in the same hash space; raw_text() and raw_spec().
The normaliser folds what obfuscation varies (letters, digits, diacritics, URLs); the raw block keeps what it folds
away and still carries signal (mention handles, hashtag spelling, emoji, punctuation runs).

Optional fields, measured by ablate.py on dev and not shipped (the TypeScript loader refuses them); absent, they
mean the definition above:
- `char_scope` 'word': n-grams of pad + word + pad for each word on its own instead of step 2 (scikit-learn's
  char_wb analyser; identical to it when char_min <= 3, since a padded word is at least 3 code points long).
- `word_min`..`word_max` > 0: word n-grams too, `word_prefix` + n consecutive words joined by one space, e.g.
  "w:join the", in the same hash space.
- `value` 'sqrt_count_idf_l2' or 'log_count_idf_l2': sqrt(count) or 1 + ln(count), times idf[bucket], then
  L2-normalised (the latter is scikit-learn's TfidfVectorizer with sublinear_tf=True); idf = ln((1 + n_docs) /
  (1 + df)) + 1 over the training posts (scikit-learn's smooth idf), float32.
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
IDF_VALUES = ('sqrt_count_idf_l2', 'log_count_idf_l2')


def default_spec(buckets_log2: int = 18, char_min: int = 1, char_max: int = 5, char_scope: str = 'text',
                 word_min: int = 0, word_max: int = 0, value: str = 'sqrt_count_l2') -> dict:
    """The spec; the optional fields appear only when they differ from the shipped definition."""
    spec = {
        'type': 'hashed_ngrams',
        'hash': 'fnv1a32_utf8',
        'buckets_log2': buckets_log2,
        'whitespace': list(WHITESPACE),
        'pad': ' ',
        'char_min': char_min,
        'char_max': char_max,
        'value': value,
    }
    if char_scope != 'text':
        spec['char_scope'] = char_scope
    if word_max > 0:
        spec.update({'word_prefix': 'w:', 'word_min': word_min, 'word_max': word_max})
    return spec


def raw_spec(spec: dict, raw: dict) -> dict:
    """The spec of the raw block: the normalised block's, with the raw block's n-gram lengths."""
    return {**spec, 'char_min': raw['char_min'], 'char_max': raw['char_max']}


def raw_text(text: str, raw: dict) -> str:
    if raw['case'] != 'lower':
        raise ValueError(f"raw_features case {raw['case']!r}: only 'lower' is defined")
    return text.lower()


def uses_idf(spec: dict) -> bool:
    return spec['value'] in IDF_VALUES


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


def char_segments(words: list[str], spec: dict) -> list[str]:
    """The strings whose character n-grams are features."""
    if not words:
        return []
    pad = spec['pad']
    if spec.get('char_scope', 'text') == 'word':
        return [pad + w + pad for w in words]
    return [pad + ' '.join(words) + pad]


def word_ngrams(words: list[str], spec: dict) -> list[str]:
    return [spec['word_prefix'] + ' '.join(words[i:i + n])
            for n in range(spec.get('word_min', 0), spec.get('word_max', 0) + 1) if n > 0
            for i in range(len(words) - n + 1)]


def ngram_keys(text: str, spec: dict) -> list[str]:
    """Every n-gram of the spec, in order (the reference definition; slow, for checks and fixtures)."""
    words = split_words(text, spec)
    chars = [s[i:i + n] for s in char_segments(words, spec)
             for n in range(spec['char_min'], spec['char_max'] + 1) for i in range(len(s) - n + 1)]
    return chars + word_ngrams(words, spec)


def tf(counts: np.ndarray, spec: dict) -> np.ndarray:
    return 1.0 + np.log(counts) if spec['value'] == 'log_count_idf_l2' else np.sqrt(counts)


def reference_features(text: str, spec: dict, idf: np.ndarray | None = None) -> tuple[list[int], list[float]]:
    """Sorted bucket indices and float32 values of one text, straight from the definition."""
    check_idf(spec, idf)
    mask = (1 << spec['buckets_log2']) - 1
    counts: dict[int, int] = {}
    for k in ngram_keys(text, spec):
        b = fnv1a(k.encode('utf-8', 'surrogatepass')) & mask
        counts[b] = counts.get(b, 0) + 1
    idx = sorted(counts)
    v = [float(tf(np.float64(counts[i]), spec)) * (float(idf[i]) if idf is not None else 1.0) for i in idx]
    # sqrt_count_l2: the norm is sqrt(total n-grams), exactly, rather than a sum of rounded squares.
    norm = math.sqrt(sum(counts.values()) if spec['value'] == 'sqrt_count_l2' else sum(x * x for x in v))
    return idx, [float(np.float32(x / norm)) for x in v]


def check_idf(spec: dict, idf: np.ndarray | None) -> None:
    if uses_idf(spec) != (idf is not None):
        raise ValueError(f"features value {spec['value']!r} {'needs' if uses_idf(spec) else 'takes no'} idf vector")
    if idf is not None and len(idf) != 1 << spec['buckets_log2']:
        raise ValueError(f'idf has {len(idf)} entries, expected 2^{spec["buckets_log2"]}')


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


def _char_ngram_buckets(segments: list[str], owner: np.ndarray, spec: dict) -> tuple[np.ndarray, np.ndarray]:
    """(row, bucket) of every character n-gram of all segments at once (owner[i]: the row of segment i),
    vectorised over positions."""
    if not segments:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lengths = np.array([len(s) for s in segments], dtype=np.int64)
    cps = np.frombuffer(''.join(segments).encode('utf-32-le', 'surrogatepass'), dtype=np.uint32)
    row_of = np.repeat(owner, lengths)
    end_of = np.repeat(np.cumsum(lengths), lengths)  # exclusive end of the segment each position belongs to
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


def _word_ngram_buckets(words: list[list[str]], spec: dict) -> tuple[np.ndarray, np.ndarray]:
    """(row, bucket) of every word n-gram; word n-grams are few and repeat a lot, so each is hashed once."""
    mask = (1 << spec['buckets_log2']) - 1
    cache: dict[str, int] = {}
    rows, buckets = [], []
    for r, ws in enumerate(words):
        for key in word_ngrams(ws, spec):
            b = cache.get(key)
            if b is None:
                b = cache[key] = fnv1a(key.encode('utf-8', 'surrogatepass')) & mask
            rows.append(r)
            buckets.append(b)
    return np.array(rows, dtype=np.int64), np.array(buckets, dtype=np.int64)


def counts(texts: list[str], spec: dict) -> sp.csr_matrix:
    """Bucket counts per text (float64, sorted indices): the input of fit_idf() and values()."""
    words = [split_words(t, spec) for t in texts]
    segments, owner = [], []
    for r, ws in enumerate(words):
        segs = char_segments(ws, spec)
        segments.extend(segs)
        owner.extend([r] * len(segs))
    crow, ccol = _char_ngram_buckets(segments, np.array(owner, dtype=np.int64), spec)
    wrow, wcol = _word_ngram_buckets(words, spec)
    rows, cols = np.concatenate([crow, wrow]), np.concatenate([ccol, wcol])
    m = sp.coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                      shape=(len(texts), 1 << spec['buckets_log2'])).tocsr()
    m.sum_duplicates()
    m.sort_indices()
    return m


def fit_idf(c: sp.csr_matrix) -> np.ndarray:
    """Smooth idf per bucket from training counts (float32, as stored)."""
    df = np.bincount(c.indices, minlength=c.shape[1])
    return (np.log((1.0 + c.shape[0]) / (1.0 + df)) + 1.0).astype(np.float32)


def values(c: sp.csr_matrix, spec: dict, idf: np.ndarray | None = None) -> sp.csr_matrix:
    """Feature rows (float32) from bucket counts, as reference_features() computes them for each text."""
    check_idf(spec, idf)
    m = c.copy()
    m.data = tf(m.data, spec)
    if idf is not None:
        m.data = m.data * idf.astype(np.float64)[m.indices]
    # sqrt_count_l2: the norm is sqrt(total n-grams), exactly, as the TypeScript scorer computes it.
    squares = c if spec['value'] == 'sqrt_count_l2' else m.multiply(m)
    norms = np.sqrt(np.asarray(squares.sum(axis=1)).ravel())
    m.data = m.data / np.repeat(np.where(norms > 0, norms, 1.0), np.diff(m.indptr))
    return m.astype(np.float32)


def featurize(texts: list[str], spec: dict, idf: np.ndarray | None = None) -> sp.csr_matrix:
    """Feature rows (float32) of the texts, equal to reference_features() for each text (to float32 rounding)."""
    return values(counts(texts, spec), spec, idf)


def featurize_blocks(texts: list[str], raw_texts: list[str], spec: dict, raw: dict | None) -> sp.csr_matrix:
    """Rows of whole posts: the normalised block plus, when the model has one, the raw block (each L2-normalised)."""
    X = featurize(texts, spec)
    if raw is not None:
        X = X + featurize([raw_text(t, raw) for t in raw_texts], raw_spec(spec, raw))
    return X
