#!/usr/bin/python3
"""Build the train/dev/test split of the labelled public data, or rebuild full CSVs from the committed manifests.

    /usr/bin/python3 training/split.py [--data ../shared/data]              # write datasets/splits/{train,dev,test}.csv + STATS.md
    /usr/bin/python3 training/split.py --materialize training/work/splits   # rebuild full rows from the manifests

Grouping (a group never straddles two splits):
- posts of one account (fifthtribe, translated);
- a translation `<orig>-<lang>` and its original `<orig>`;
- near-duplicates: same dedup_key() (retweets, copies that differ in URLs, mentions, case, punctuation, truncation).
Groups are merged with union-find and assigned greedily, largest first, to the split that keeps every
(source, label, language) stratum closest (chi-square) to 70/15/15.

Label mapping (column label_set in materialised rows):
- five:     fifthtribe and translated rows with the 5 TAXONOMY labels (+ categories, confidence);
- binary:   isextreme rows and translations of them: propaganda / not_propaganda ("not propaganda, class unknown");
- negative: negatives/*.csv, not propaganda; label written as `other` (mostly chatter, insults, hate speech).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPLITS_DIR = REPO / 'datasets' / 'splits'
SPLITS = ('train', 'dev', 'test')
TARGET = {'train': 0.70, 'dev': 0.15, 'test': 0.15}
SEED = 20240601
KEY_CHARS = 60
# Keys shorter than this ("thanks", "yes") are too generic to mean "copy of the same post"; grouping them would
# glue unrelated accounts together.
MIN_KEY_CHARS = 12
CATEGORY_ORDER = ('recruitment', 'incitement', 'glorification', 'dissemination')
OUT_COLUMNS = ('id', 'source_file', 'source', 'lang', 'label_set', 'label', 'categories', 'confidence', 'text')

csv.field_size_limit(sys.maxsize)

_RT = re.compile(r'^\s*rt\s+@\w+\s*:?', re.IGNORECASE)
_URL = re.compile(r'(https?://\S*|www\.\S+|pic\.twitter\.com/\S+)', re.IGNORECASE)
_MENTION = re.compile(r'@\w+')
_TRUNCATED_TAIL = re.compile(r'\S*…\s*$')


def dedup_key(text: str) -> str:
    """Lowercased letters and digits of the post without RT prefix, URLs, mentions and a truncated last word."""
    t = _RT.sub(' ', text)
    t = _URL.sub(' ', t)
    t = _MENTION.sub(' ', t)
    t = _TRUNCATED_TAIL.sub(' ', t)
    kept = []
    for ch in unicodedata.normalize('NFKC', t).lower():
        cat = unicodedata.category(ch)
        if ch == '\u0640':  # tatweel is a letter (Lm) by category, but only stretches a word
            continue
        kept.append(ch if cat[0] in 'LN' else ' ')
    return ' '.join(''.join(kept).split())[:KEY_CHARS]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def canonical_categories(value: str) -> str:
    parts = {p.strip() for p in value.split('|') if p.strip()}
    unknown = parts - set(CATEGORY_ORDER)
    if unknown:
        raise ValueError(f'unknown categories {sorted(unknown)}')
    return '|'.join(c for c in CATEGORY_ORDER if c in parts)


def read_rows(data: Path) -> list[dict]:
    """All labelled and negative rows, mapped to one schema (see module docstring)."""
    rows = []
    files = sorted((data / 'labelled').glob('*.csv')) + sorted((data / 'negatives').glob('*.csv'))
    if not files:
        sys.exit(f'error: no CSV files under {data}/labelled or {data}/negatives (pass --data PATH)')
    for path in files:
        rel = path.relative_to(data).as_posix()
        with path.open(encoding='utf-8', newline='') as f:
            for r in csv.DictReader(f):
                negative = rel.startswith('negatives/')
                label = r['label']
                if negative:
                    label_set, label = 'negative', 'other'
                elif r['id'].startswith('ix'):
                    label_set = 'binary'  # isextreme rows and their translations (ids ixNNNNN-LANG)
                else:
                    label_set = 'five'
                rows.append({
                    'id': r['id'],
                    'source_file': rel,
                    'source': r['source'],
                    'account': r.get('account', ''),
                    'lang': r.get('lang', ''),
                    'label_set': label_set,
                    'label': label,
                    'categories': canonical_categories(r.get('categories', '')),
                    'confidence': r.get('confidence', ''),
                    'text': r['text'],
                })
    return rows


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_rows(rows: list[dict]) -> list[list[int]]:
    uf = UnionFind(len(rows))
    first_by: dict[tuple[str, str], int] = {}

    def join(kind: str, value: str, i: int) -> None:
        if (kind, value) in first_by:
            uf.union(first_by[(kind, value)], i)
        else:
            first_by[(kind, value)] = i

    index_by_id = {r['id']: i for i, r in enumerate(rows)}
    for i, r in enumerate(rows):
        if r['account']:
            join('account', r['account'], i)
        key = dedup_key(r['text'])
        if len(key) >= MIN_KEY_CHARS:
            join('key', key, i)
        if r['source_file'] == 'labelled/translated.csv':
            original = r['id'].rsplit('-', 1)[0]
            if original in index_by_id:
                uf.union(index_by_id[original], i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        groups[uf.find(i)].append(i)
    return list(groups.values())


def stratum(r: dict) -> tuple[str, str, str]:
    return (r['source_file'], r['label'], r['lang'])


def assign(rows: list[dict], groups: list[list[int]]) -> dict[int, str]:
    """Largest groups first, each to the split whose strata end up closest to the target shares."""
    totals = Counter(stratum(r) for r in rows)
    counts = {s: Counter() for s in SPLITS}
    rng = random.Random(SEED)
    order = sorted(groups, key=lambda g: (-len(g), rng.random()))
    split_of: dict[int, str] = {}
    for g in order:
        gc = Counter(stratum(rows[i]) for i in g)

        def cost(target_split: str) -> float:
            # Chi-square of the touched strata against the target shares: unlike plain squared error it does not
            # favour the largest split while all of them are still short of their targets.
            c = 0.0
            for st, n in gc.items():
                for s in SPLITS:
                    have = counts[s][st] + (n if s == target_split else 0)
                    expected = TARGET[s] * totals[st]
                    c += (have - expected) ** 2 / expected
            return c

        best = min(SPLITS, key=lambda s: (cost(s), rng.random()))
        counts[best].update(gc)
        for i in g:
            split_of[i] = best
    return split_of


def write_manifests(rows: list[dict], split_of: dict[int, str]) -> None:
    SPLITS_DIR.mkdir(parents=True, exist_ok=True)
    for s in SPLITS:
        chosen = sorted((rows[i] for i in split_of if split_of[i] == s), key=lambda r: (r['source_file'], r['id']))
        with (SPLITS_DIR / f'{s}.csv').open('w', encoding='utf-8', newline='') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(('id', 'source_file', 'sha256'))
            for r in chosen:
                w.writerow((r['id'], r['source_file'], sha256_text(r['text'])))


def stats_markdown(rows: list[dict], split_of: dict[int, str], groups: list[list[int]]) -> str:
    labels = ('propaganda', 'news', 'counter_speech', 'religious', 'other', 'not_propaganda')
    lines = ['# Split statistics', '',
             'Generated by `training/split.py` (seed %d, target 70/15/15). Groups that never straddle splits: '
             'accounts, translation + original, near-duplicates (dedup key: first %d letters/digits, lowercased, '
             'without RT prefix, URLs, mentions, truncated tail; keys shorter than %d are not grouped). '
             '%d rows in %d groups; the largest group has %d rows.' %
             (SEED, KEY_CHARS, MIN_KEY_CHARS, len(rows), len(groups), max(len(g) for g in groups)), '',
             'Label mapping: `negatives/*` rows are `other` (label_set negative); isextreme rows and their translations '
             'keep propaganda / not_propaganda (label_set binary, "not propaganda, class unknown"). '
             '`lang` is empty in isextreme (shown as `?`).', '']

    def table(title: str, key) -> None:
        lines.extend([f'## {title}', '', '| split | %s | %s | total |' % (title.split()[-1], ' | '.join(labels)),
                      '| --- | --- | %s | --- |' % ' | '.join('---' for _ in labels)])
        for s in SPLITS:
            by = defaultdict(Counter)
            for i, sp in split_of.items():
                if sp == s:
                    by[key(rows[i])][rows[i]['label']] += 1
            for k in sorted(by):
                c = by[k]
                lines.append('| %s | %s | %s | %d |' % (s, k, ' | '.join(str(c[l]) for l in labels), sum(c.values())))
        lines.append('')

    table('Class balance per source', lambda r: r['source_file'])
    table('Class balance per language', lambda r: r['lang'] or '?')
    share = Counter(split_of.values())
    lines.append('Rows per split: ' + ', '.join(f'{s} {share[s]} ({share[s] / len(rows):.1%})' for s in SPLITS))
    lines.append('')
    return '\n'.join(lines)


def build(data: Path) -> None:
    rows = read_rows(data)
    groups = group_rows(rows)
    split_of = assign(rows, groups)
    check_disjoint(rows, split_of)
    write_manifests(rows, split_of)
    stats = stats_markdown(rows, split_of, groups)
    (SPLITS_DIR / 'STATS.md').write_text(stats, encoding='utf-8')
    print(stats)


def check_disjoint(rows: list[dict], split_of: dict[int, str]) -> None:
    """Fail loudly if an account or a dedup key ended up on two sides (the grouping is the guarantee; this is the proof)."""
    sides: dict[tuple[str, str], set[str]] = defaultdict(set)
    for i, r in enumerate(rows):
        if r['account']:
            sides[('account', r['account'])].add(split_of[i])
        key = dedup_key(r['text'])
        if len(key) >= MIN_KEY_CHARS:
            sides[('key', key)].add(split_of[i])
    bad = [k for k, v in sides.items() if len(v) > 1]
    if bad:
        sys.exit(f'error: {len(bad)} groups straddle splits, e.g. {bad[:3]}')


def materialize(data: Path, outdir: Path) -> None:
    by_key = {(r['source_file'], r['id']): r for r in read_rows(data)}
    outdir.mkdir(parents=True, exist_ok=True)
    for s in SPLITS:
        manifest = SPLITS_DIR / f'{s}.csv'
        with manifest.open(encoding='utf-8', newline='') as f, \
                (outdir / f'{s}.csv').open('w', encoding='utf-8', newline='') as out:
            w = csv.DictWriter(out, fieldnames=OUT_COLUMNS, extrasaction='ignore', lineterminator='\n')
            w.writeheader()
            n = 0
            for m in csv.DictReader(f):
                r = by_key.get((m['source_file'], m['id']))
                if r is None:
                    sys.exit(f'error: {manifest}: {m["source_file"]} has no row with id {m["id"]}')
                if sha256_text(r['text']) != m['sha256']:
                    sys.exit(f'error: {manifest}: text of {m["id"]} in {m["source_file"]} changed (sha256 mismatch)')
                w.writerow(r)
                n += 1
        print(f'{s}: {n} rows -> {outdir / (s + ".csv")}', file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', type=Path, default=REPO.parent / 'shared' / 'data', help='shared data folder')
    ap.add_argument('--materialize', type=Path, metavar='OUTDIR', help='rebuild full CSVs from the manifests')
    args = ap.parse_args()
    if args.materialize:
        materialize(args.data, args.materialize)
    else:
        build(args.data)


if __name__ == '__main__':
    main()
