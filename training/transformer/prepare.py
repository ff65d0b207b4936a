"""Builds the transformer's training data under training/work/transformer/, every text normalised by
basira's own compiled normaliser (training/lexical/normalize_split.mjs over dist/):

  splits/{train,dev,test}.csv   the split manifests materialised (training/split.py)
  norm/{train,dev,test}.csv     the same rows with `norm` and `lang_detected`
  norm/train_obf.csv            an obfuscated copy of the labelled train rows and of a fifth of the negatives
  norm/dev_obf.csv              an obfuscated copy of dev (robustness is measured on it, never tuned on)
  norm/pool.csv                 the unlabelled pool minus every account and near-duplicate of dev and test
"""
from __future__ import annotations

import csv
import random
import subprocess
import sys
from pathlib import Path

from augment import obfuscate
from data import REPO, WORK, load_module

splitter = load_module('split', REPO / 'training' / 'split.py')

SPLITS = ('train', 'dev', 'test')
AUGMENT_SEED = 20240602
NEGATIVE_AUGMENT_SHARE = 0.2

csv.field_size_limit(sys.maxsize)


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open('w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=columns, extrasaction='ignore', lineterminator='\n')
        w.writeheader()
        w.writerows(rows)


def clean(text: str) -> str:
    # OSACT 2022 writes line breaks as the literal "<LF>"; a real post has a line break there, and the
    # marker would otherwise be a free cue for "not propaganda" that no post at run time carries.
    return text.replace('<LF>', '\n')


def normalise(src: Path, dst: Path) -> str:
    dst.parent.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(['node', str(REPO / 'training' / 'lexical' / 'normalize_split.mjs'), str(src), str(dst)],
                         check=True, capture_output=True, text=True, cwd=REPO)
    return out.stdout.strip()


def pool_rows(data: Path, held_out: list[dict]) -> list[dict]:
    """Unlabelled posts that share no account and no near-duplicate key with dev or test."""
    accounts = {r['account'] for r in held_out if r['account']}
    keys = {k for r in held_out if len(k := splitter.dedup_key(r['text'])) >= splitter.MIN_KEY_CHARS}
    kept = []
    for path in sorted((data / 'unlabelled').glob('*.csv')):
        for r in read_csv(path):
            if r.get('account') and r['account'] in accounts:
                continue
            if splitter.dedup_key(r['text']) in keys:
                continue
            kept.append({'id': r['id'], 'source_file': f'unlabelled/{path.name}', 'source': r['source'],
                         'lang': '', 'text': clean(r['text'])})
    return kept


def main(data: Path) -> str:
    splitter.materialize(data, WORK / 'splits')
    rows = {s: read_csv(WORK / 'splits' / f'{s}.csv') for s in SPLITS}
    columns = list(rows['train'][0].keys())
    for s in SPLITS:
        for r in rows[s]:
            r['text'] = clean(r['text'])
        write_csv(WORK / 'splits' / f'{s}.csv', rows[s], columns)

    rng = random.Random(AUGMENT_SEED)
    train_obf = [{**r, 'id': r['id'] + '-obf', 'text': obfuscate(r['text'], rng)} for r in rows['train']
                 if r['label_set'] != 'negative' or rng.random() < NEGATIVE_AUGMENT_SHARE]
    dev_obf = [{**r, 'text': obfuscate(r['text'], rng)} for r in rows['dev']]
    write_csv(WORK / 'splits' / 'train_obf.csv', train_obf, columns)
    write_csv(WORK / 'splits' / 'dev_obf.csv', dev_obf, columns)

    # The pool keeps out every account and near-duplicate of dev and test (an account's other posts would
    # carry its held-out posts' wording into training through the teacher's labels).
    by_key = {(r['source_file'], r['id']): r for r in splitter.read_rows(data)}
    held_out = [by_key[(r['source_file'], r['id'])] for s in ('dev', 'test') for r in rows[s]]
    write_csv(WORK / 'splits' / 'pool.csv', pool_rows(data, held_out), ['id', 'source_file', 'source', 'lang', 'text'])

    version = ''
    for name in (*SPLITS, 'train_obf', 'dev_obf', 'pool'):
        version = normalise(WORK / 'splits' / f'{name}.csv', WORK / 'norm' / f'{name}.csv')
        print(f'normalised {name}', file=sys.stderr)
    (WORK / 'norm' / 'NORMALIZER_VERSION').write_text(version + '\n', encoding='utf-8')
    return version

if __name__ == '__main__':
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / 'shared' / 'data')
