#!/usr/bin/python3
"""Feature and weighting ablations of the lexical model's propaganda output, on DEV only (the card's ablation table).

    /usr/bin/python3 training/lexical/ablate.py --list
    /usr/bin/python3 training/lexical/ablate.py NAME [NAME ...]       (after train.py has prepared training/work/lexical)

Each named configuration trains the propaganda output on the train split with every C of its grid, keeps the C
with the best dev PR-AUC, and prints dev F1 at the dev-best threshold and PR-AUC for all rows, English and Arabic.
Counts are cached per feature spec under training/work/lexical/ablate/, so weighting variants reuse them.

Dev has 377 positives, so differences of a point or two are noise (compare.py gives intervals). `--cv K` adds a
second opinion that does not touch dev or test: K-fold cross-validation on the train split, with folds made of
whole split.py groups (accounts, translations, near-duplicates) and one C, pooled out-of-fold scores.
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
import split as splitter  # noqa: E402  (training/split.py, on the path through data)

CACHE = data.NORM_DIR / 'ablate'
BASE = {'buckets_log2': 18, 'char_scope': 'text', 'char_min': 1, 'char_max': 5, 'value': 'sqrt_count_l2'}
IDF = {**BASE, 'value': 'log_count_idf_l2'}
WB = {**IDF, 'char_scope': 'word', 'char_min': 2}
# name -> (feature spec overrides, training overrides). Defaults: sqrt counts without NB, train.py's sample weights and C grid.
CONFIGS: dict[str, tuple[dict, dict]] = {
    'sqrt': (BASE, {}),
    'sqrt-2to5': ({**BASE, 'char_min': 2}, {}),
    'sqrt-1to4': ({**BASE, 'char_max': 4}, {}),
    'sqrt-1to6': ({**BASE, 'char_max': 6}, {}),
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
    'sqrt-b19': ({**BASE, 'buckets_log2': 19}, {}),
    'sqrt-b20': ({**BASE, 'buckets_log2': 20}, {}),
    'sqrt-noweights': (BASE, {'lang_weight': False, 'pos_power': 0.0, 'low_conf': 1.0}),
    'sqrt-nolang': (BASE, {'lang_weight': False}),
    'sqrt-balanced': (BASE, {'pos_power': 1.0}),
    'sqrt-nopos': (BASE, {'pos_power': 0.0}),
    'sqrt-lowconf1': (BASE, {'low_conf': 1.0}),
    'sqrt-nb': (BASE, {'nb_alpha': 1.0}),
    'sqrt-nb-a0.1': (BASE, {'nb_alpha': 0.1}),
    'sqrt-nb-a10': (BASE, {'nb_alpha': 10.0}),
    'sqrt-nb-a0.3': (BASE, {'nb_alpha': 0.3}),
    'sqrt-nb-a0.03': (BASE, {'nb_alpha': 0.03}),
    'sqrt-idf-nb': ({**BASE, 'value': 'sqrt_count_idf_l2'}, {'nb_alpha': 1.0}),
    'sqrt-nb-b19': ({**BASE, 'buckets_log2': 19}, {'nb_alpha': 1.0}),
    'sqrt-nb-w12': ({**BASE, 'word_min': 1, 'word_max': 2}, {'nb_alpha': 1.0}),
    'sqrt+w12-block': (BASE, {'word_block': (1, 2, 1.0)}),
    'sqrt+w12-block-half': (BASE, {'word_block': (1, 2, 0.5)}),
    'sqrt+w1-block': (BASE, {'word_block': (1, 1, 1.0)}),
    'sqrt-nb-a0.3+raw': (BASE, {'nb_alpha': 0.3, 'raw_block': train.RAW_FEATURES}),
    'sqrt-nb-a0.3+raw1to5': (BASE, {'nb_alpha': 0.3, 'raw_block': {**train.RAW_FEATURES, 'char_min': 1}}),
    'sqrt-nb-a0.3+raw+ctx2': (BASE, {'nb_alpha': 0.3, 'raw_block': train.RAW_FEATURES, 'context_weight': 2.0}),
    'sqrt-nb-a0.3+raw+ctx4': (BASE, {'nb_alpha': 0.3, 'raw_block': train.RAW_FEATURES, 'context_weight': 4.0}),
    'sqrt-nb-a0.3+raw+ctx8': (BASE, {'nb_alpha': 0.3, 'raw_block': train.RAW_FEATURES, 'context_weight': 8.0}),
}
CONTEXT_LABELS = ('news', 'counter_speech')


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


def cached_word_counts(name: str, texts: list[str], spec: dict) -> sp.csr_matrix:
    key = hashlib.sha256(json.dumps([spec, texts], sort_keys=True).encode('utf-8', 'surrogatepass')).hexdigest()[:16]
    path = CACHE / f'{name}-words-{key}.npz'
    if path.exists():
        return sp.load_npz(path)
    rows, cols = features._word_ngram_buckets([features.split_words(t, spec) for t in texts], spec)
    c = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), 1 << spec['buckets_log2']))
    c.sum_duplicates()
    c.sort_indices()
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
    # Gold news and counter-speech are the negatives that cost analysts most: weigh them up on their own.
    w[np.isin(s.label, CONTEXT_LABELS)] *= opts.get('context_weight', 1.0)
    w[y == 1] *= (w[y == 0].sum() / w[y == 1].sum()) ** opts.get('pos_power', train.POS_BALANCE_POWER)
    return w


def train_features(name: str, tr: data.Split, fit: np.ndarray) -> sp.csr_matrix:
    """Feature rows of the whole train split, with idf (if any) fitted on the `fit` rows only."""
    over, opts = CONFIGS[name]
    spec = spec_of(over)
    c = cached_counts('train', tr.norm, spec)
    X = features.values(c, spec, features.fit_idf(c[fit]) if features.uses_idf(spec) else None)
    if 'word_block' in opts:
        lo, hi, scale = opts['word_block']
        wspec = {**spec, 'word_prefix': 'w:', 'word_min': lo, 'word_max': hi, 'value': 'sqrt_count_l2'}
        X = X + scale * features.values(cached_word_counts('train', tr.norm, wspec), wspec)
    if 'raw_block' in opts:
        X = X + raw_rows('train', tr, spec, opts['raw_block'])
    return X


def raw_rows(name: str, s: data.Split, spec: dict, raw: dict) -> sp.csr_matrix:
    """The raw block (train.py's RAW_FEATURES): n-grams of each post as written, lowercased."""
    rspec = features.raw_spec(spec, raw)
    return features.values(cached_counts(f'{name}-raw', [features.raw_text(t, raw) for t in s.text], rspec), rspec)


def folds(tr: data.Split, k: int, data_dir: Path) -> np.ndarray:
    """Fold of each train row: split.py's groups, each to a fold by a hash of its first id (deterministic)."""
    rows = splitter.read_rows(data_dir)
    group_of = {}
    for g in splitter.group_rows(rows):
        first = min(rows[i]['id'] for i in g)
        for i in g:
            group_of[rows[i]['id']] = int(hashlib.sha256(first.encode()).hexdigest(), 16) % k
    return np.array([group_of[r['id']] for r in tr.rows])


def cross_validate(name: str, tr: data.Split, fold: np.ndarray, C: float) -> dict:
    t0 = time.time()
    opts = CONFIGS[name][1]
    y = (tr.label == 'propaganda').astype(int)
    z = np.zeros(len(y))
    for f in range(fold.max() + 1):
        fit, held = fold != f, fold == f
        X = train_features(name, tr, fit)
        sub = data.Split(rows=[r for r, k in zip(tr.rows, fit) if k], text=[], norm=[],
                         lang=[l for l, k in zip(tr.lang, fit) if k], label=tr.label[fit],
                         label_set=tr.label_set[fit], low_conf=tr.low_conf[fit], confidence=tr.confidence[fit])
        w = weights(sub, y[fit], opts)
        r = train.nb_ratio(X[fit], y[fit], w, opts['nb_alpha']) if 'nb_alpha' in opts else np.ones(X.shape[1])
        m = LogisticRegression(C=C, solver='liblinear', intercept_scaling=10, random_state=0)
        m.fit(X[fit] @ sp.diags(r), y[fit], sample_weight=w)
        z[held] = X[held] @ (m.coef_[0] * r) + m.intercept_[0]
    threshold = metrics.best_f1_threshold(y, z)
    table = metrics.per_language(y, z, tr.lang, threshold)
    row = {'name': name, 'normalizer': data.normalizer_version(), 'cv': int(fold.max() + 1), 'C': C, 'seconds': round(time.time() - t0),
           **{f'{g}_{k}': table[g][k] for g in ('all', 'en', 'ar') for k in ('f1', 'pr_auc')}, **context_flagged(tr, z, threshold)}
    print_row(f'{name} (cv)', C, row)
    return row


def context_flagged(s: data.Split, z: np.ndarray, threshold: float) -> dict:
    """Gold news and counter-speech flagged at the (best-F1) threshold."""
    ctx = np.isin(s.label, CONTEXT_LABELS)
    return {'context_flagged': int((z[ctx] >= threshold).sum()), 'context_n': int(ctx.sum())}


def print_row(name: str, C: float, row: dict) -> None:
    print('| %s | %g | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d/%d |' % (
        name, C, row['all_f1'], row['all_pr_auc'], row['en_f1'], row['en_pr_auc'], row['ar_f1'], row['ar_pr_auc'],
        row['context_flagged'], row['context_n']), flush=True)


def run(name: str, splits: dict[str, data.Split]) -> dict:
    t0 = time.time()
    over, opts = CONFIGS[name]
    spec = spec_of(over)
    tr, dv = splits['train'], splits['dev']
    c_train = cached_counts('train', tr.norm, spec)
    parts = [train.windows(t, spec) for t in dv.norm]
    owner = np.repeat(np.arange(len(dv.norm)), [len(p) for p in parts])
    dev_windows = [w for p in parts for w in p]
    c_dev = cached_counts('dev-windows', dev_windows, spec)
    idf = features.fit_idf(c_train) if features.uses_idf(spec) else None
    X_train, X_dev = features.values(c_train, spec, idf), features.values(c_dev, spec, idf)
    if 'word_block' in opts:
        # Word n-grams as a block of their own, L2-normalised apart from the character n-grams and scaled.
        lo, hi, scale = opts['word_block']
        wspec = {**spec, 'word_prefix': 'w:', 'word_min': lo, 'word_max': hi, 'value': 'sqrt_count_l2'}
        X_train = X_train + scale * features.values(cached_word_counts('train', tr.norm, wspec), wspec)
        X_dev = X_dev + scale * features.values(cached_word_counts('dev-windows', dev_windows, wspec), wspec)
    if 'raw_block' in opts:
        # Dev posts are short: the raw block of each whole post joins each of its (usually one) windows.
        X_train = X_train + raw_rows('train', tr, spec, opts['raw_block'])
        X_dev = X_dev + raw_rows('dev', dv, spec, opts['raw_block'])[owner]
    y, y_dev = (tr.label == 'propaganda').astype(int), (dv.label == 'propaganda').astype(int)
    w = weights(tr, y, opts)
    # NB-LR (Wang & Manning 2012): features scaled by their log-count ratio r before the fit; w * r is then the
    # exported weight, so the scorer is unchanged (a per-feature regularisation strength, in effect).
    r = train.nb_ratio(X_train, y, w, opts['nb_alpha']) if 'nb_alpha' in opts else np.ones(X_train.shape[1])
    X_fit = X_train @ sp.diags(r) if 'nb_alpha' in opts else X_train
    best = None
    for C in opts.get('grid', train.C_GRID):
        m = LogisticRegression(C=C, solver='liblinear', intercept_scaling=10, random_state=0)
        m.fit(X_fit, y, sample_weight=w)
        z_win = X_dev @ (m.coef_[0] * r)
        z = np.bincount(owner, weights=z_win, minlength=len(dv.norm)) / np.bincount(owner) + m.intercept_[0]
        ap = metrics.prf(y_dev, z, 0.0)['pr_auc']
        print(f'  {name}: C={C} dev PR-AUC {ap:.4f}', file=sys.stderr)
        if best is None or ap > best[0]:
            best = (ap, C, z)
    _, C, z = best
    np.save(CACHE / f'{name}.dev.npy', z)  # for paired comparisons (compare.py)
    threshold = metrics.best_f1_threshold(y_dev, z)
    table = metrics.per_language(y_dev, z, dv.lang, threshold)
    row = {'name': name, 'normalizer': data.normalizer_version(), 'C': C, 'seconds': round(time.time() - t0),
           **{f'{g}_{k}': table[g][k] for g in ('all', 'en', 'ar') for k in ('f1', 'pr_auc')}, **context_flagged(dv, z, threshold)}
    print_row(name, C, row)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('names', nargs='*')
    ap.add_argument('--list', action='store_true')
    ap.add_argument('--cv', type=int, default=0, help='K-fold grouped cross-validation on train instead of dev')
    ap.add_argument('--cv-c', type=float, default=32.0, help='C for --cv')
    ap.add_argument('--data', type=Path, default=data.REPO.parent / 'shared' / 'data', help='for the --cv groups')
    args = ap.parse_args()
    if args.list or not args.names:
        for name, (over, opts) in CONFIGS.items():
            print(name, json.dumps(over), json.dumps(opts))
        return
    unknown = [n for n in args.names if n not in CONFIGS]
    if unknown:
        sys.exit(f'error: unknown configurations {unknown}; see --list')
    splits = {n: data.load(n) for n in ('train', 'dev')}
    print('| config | C | all F1 | all PR-AUC | en F1 | en PR-AUC | ar F1 | ar PR-AUC | news+counter flagged |', flush=True)
    fold = folds(splits['train'], args.cv, args.data) if args.cv else None
    for name in args.names:
        row = cross_validate(name, splits['train'], fold, args.cv_c) if fold is not None else run(name, splits)
        with (CACHE / 'results.jsonl').open('a', encoding='utf-8') as f:
            f.write(json.dumps(row) + '\n')


if __name__ == '__main__':
    main()
