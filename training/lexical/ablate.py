#!/usr/bin/python3
"""Feature and weighting ablations of the lexical model's propaganda output, on DEV only (the card's ablation table).

    /usr/bin/python3 training/lexical/ablate.py --list
    /usr/bin/python3 training/lexical/ablate.py NAME [NAME ...]       (after train.py has prepared training/work/lexical)

Each named configuration trains the propaganda output on the train split with every C of its grid, keeps the C
with the best dev PR-AUC, and prints dev F1 at the dev-best threshold and PR-AUC for all rows, English and Arabic.
Counts are cached per feature spec under training/work/lexical/ablate/, so weighting variants reuse them.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import features  # noqa: E402
import metrics  # noqa: E402
import train  # noqa: E402

CACHE = data.NORM_DIR / 'ablate'
BASE = {'buckets_log2': 18, 'char_scope': 'text', 'char_min': 1, 'char_max': 5, 'value': 'sqrt_count_l2'}
IDF = {**BASE, 'value': 'log_count_idf_l2'}
WB = {**IDF, 'char_scope': 'word', 'char_min': 2}
# name -> (feature spec overrides, training overrides). Training defaults: train.py's sample weights and C grid.
CONFIGS: dict[str, tuple[dict, dict]] = {
    'shipped-1': (BASE, {'grid': (2.0, 8.0, 32.0)}),
    'sqrt': (BASE, {}),
    'sqrt-idf': ({**BASE, 'value': 'sqrt_count_idf_l2'}, {}),
    'log-idf': (IDF, {}),
    'log-idf-2to5': ({**IDF, 'char_min': 2}, {}),
    'wb-2to5': (WB, {}),
    'wb-sqrt': ({**BASE, 'char_scope': 'word', 'char_min': 2}, {}),
    'wb-sqrt-1to5': ({**BASE, 'char_scope': 'word'}, {}),
    'sqrt-w1': ({**BASE, 'word_min': 1, 'word_max': 1}, {}),
    'sqrt-w12': ({**BASE, 'word_min': 1, 'word_max': 2}, {}),
    'wb-1to5': ({**WB, 'char_min': 1}, {}),
    'wb-2to6': ({**WB, 'char_max': 6}, {}),
    'wb-sqrt-idf': ({**WB, 'value': 'sqrt_count_idf_l2'}, {}),
    'wb-w1': ({**WB, 'word_min': 1, 'word_max': 1}, {}),
    'wb-w12': ({**WB, 'word_min': 1, 'word_max': 2}, {}),
    'log-idf-w12': ({**IDF, 'word_min': 1, 'word_max': 2}, {}),
    'wb-b19': ({**WB, 'buckets_log2': 19}, {}),
    'wb-b20': ({**WB, 'buckets_log2': 20}, {}),
    'wb-noweights': (WB, {'lang_weight': False, 'pos_power': 0.0, 'low_conf': 1.0}),
    'wb-nolang': (WB, {'lang_weight': False}),
    'wb-balanced': (WB, {'pos_power': 1.0}),
    'wb-nopos': (WB, {'pos_power': 0.0}),
    'wb-lowconf1': (WB, {'low_conf': 1.0}),
}
DEFAULT_GRID = (2.0, 8.0, 32.0, 128.0)


def spec_of(over: dict) -> dict:
    return features.default_spec(**over)


def cached_counts(name: str, texts: list[str], spec: dict) -> sp.csr_matrix:
    key = hashlib.sha256(json.dumps([spec, texts], sort_keys=True).encode('utf-8', 'surrogatepass')).hexdigest()[:16]
    path = CACHE / f'{name}-{key}.npz'
    if path.exists():
        return sp.load_npz(path)
    c = features.counts(texts, spec)
    CACHE.mkdir(parents=True, exist_ok=True)
    sp.save_npz(path, c)
    return c


def weights(s: data.Split, y: np.ndarray, opts: dict) -> np.ndarray:
    """train.sample_weights with parts switched off or changed, for the weighting ablations."""
    w = np.where(s.low_conf, opts.get('low_conf', train.LOW_CONFIDENCE_WEIGHT), 1.0)
    if opts.get('lang_weight', True):
        groups = [metrics.lang_group(l) for l in s.lang]
        n = {g: groups.count(g) for g in set(groups)}
        largest = max(n.values())
        w = w * np.array([min(train.MAX_LANG_WEIGHT, np.sqrt(largest / n[g])) for g in groups])
    w[y == 1] *= (w[y == 0].sum() / w[y == 1].sum()) ** opts.get('pos_power', train.POS_BALANCE_POWER)
    return w


def run(name: str, splits: dict[str, data.Split]) -> dict:
    t0 = time.time()
    over, opts = CONFIGS[name]
    spec = spec_of(over)
    tr, dv = splits['train'], splits['dev']
    c_train = cached_counts('train', tr.norm, spec)
    parts = [train.windows(t, spec) for t in dv.norm]
    owner = np.repeat(np.arange(len(dv.norm)), [len(p) for p in parts])
    c_dev = cached_counts('dev-windows', [w for p in parts for w in p], spec)
    idf = features.fit_idf(c_train) if features.uses_idf(spec) else None
    X_train, X_dev = features.values(c_train, spec, idf), features.values(c_dev, spec, idf)
    y, y_dev = (tr.label == 'propaganda').astype(int), (dv.label == 'propaganda').astype(int)
    w = weights(tr, y, opts)
    best = None
    for C in opts.get('grid', DEFAULT_GRID):
        m = LogisticRegression(C=C, solver='liblinear', intercept_scaling=10, random_state=0)
        m.fit(X_train, y, sample_weight=w)
        z_win = X_dev @ m.coef_[0].astype(np.float64)
        z = np.bincount(owner, weights=z_win, minlength=len(dv.norm)) / np.bincount(owner) + m.intercept_[0]
        ap = metrics.prf(y_dev, z, 0.0)['pr_auc']
        print(f'  {name}: C={C} dev PR-AUC {ap:.4f}', file=sys.stderr)
        if best is None or ap > best[0]:
            best = (ap, C, z)
    _, C, z = best
    threshold = metrics.best_f1_threshold(y_dev, z)
    table = metrics.per_language(y_dev, z, dv.lang, threshold)
    row = {'name': name, 'C': C, 'seconds': round(time.time() - t0),
           **{f'{g}_{k}': table[g][k] for g in ('all', 'en', 'ar') for k in ('f1', 'pr_auc')}}
    print('| %s | %g | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |' % (
        name, C, row['all_f1'], row['all_pr_auc'], row['en_f1'], row['en_pr_auc'], row['ar_f1'], row['ar_pr_auc']),
        flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('names', nargs='*')
    ap.add_argument('--list', action='store_true')
    args = ap.parse_args()
    if args.list or not args.names:
        for name, (over, opts) in CONFIGS.items():
            print(name, json.dumps(over), json.dumps(opts))
        return
    unknown = [n for n in args.names if n not in CONFIGS]
    if unknown:
        sys.exit(f'error: unknown configurations {unknown}; see --list')
    splits = {n: data.load(n) for n in ('train', 'dev')}
    print('| config | C | all F1 | all PR-AUC | en F1 | en PR-AUC | ar F1 | ar PR-AUC |', flush=True)
    for name in args.names:
        row = run(name, splits)
        with (CACHE / 'results.jsonl').open('a', encoding='utf-8') as f:
            f.write(json.dumps(row) + '\n')


if __name__ == '__main__':
    main()
