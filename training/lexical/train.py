#!/usr/bin/python3
"""Train, evaluate and export basira's lexical model (hashed character n-grams, one NB-LR logistic unit per output).

    npx tsc -p tsconfig.build.json                     # the normaliser the CLI uses, compiled to dist/
    /usr/bin/python3 training/lexical/train.py         # materialise + normalise splits, train, export, write the card

Options: --data PATH (default ../shared/data), --skip-prepare (reuse training/work/lexical/*.csv), --no-test (tune and
look at dev only; nothing is exported), --no-nb (with --no-test: plain logistic regression, the comparison for
NB-LR). C is chosen per output on dev; the propaganda threshold is the dev-F1 optimum.
Test figures are computed once, after every choice is fixed, and only go into the card.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import features  # noqa: E402
import metrics  # noqa: E402

OUT_DIR = data.REPO / 'models' / 'lexical'
MODEL_ID = 'basira-lexical-2'
VERSION = '2.0.0'
CONTEXT_HEADS = ('news', 'counter_speech', 'religious', 'other')
CATEGORY_HEADS = ('recruitment', 'incitement', 'glorification', 'dissemination')
OUTPUTS = ('propaganda', *CONTEXT_HEADS, *CATEGORY_HEADS)
C_GRID = (2.0, 8.0, 32.0)
DEFAULT_C = 8.0               # for outputs with too few dev positives to choose C (counter_speech, recruitment)
MIN_DEV_POSITIVES = 10
LOW_CONFIDENCE_WEIGHT = 0.5
MAX_LANG_WEIGHT = 4.0
POS_BALANCE_POWER = 0.5       # positives get (neg weight / pos weight) ** 0.5: half-way to balanced, measured on dev
# The post as written, lowercased, character 2..5-grams, beside the normalised block: PR-AUC +0.013 in grouped 5-fold
# cross-validation on train (0.755 -> 0.768) and +0.007 on dev (ablate.py sqrt-nb-a0.3 vs sqrt-nb-a0.3+raw).
RAW_FEATURES = {'case': 'lower', 'char_min': 2, 'char_max': 5}
NB_ALPHA = 0.3                # NB-LR smoothing: 0.03, 0.1, 0.3, 1, 10 measured (ablate.py, dev and train CV)
WINDOW_WORDS = 64             # longer than 99.9% of training posts (99th percentile: 50 words)


def head_rows(s: data.Split, head: str) -> tuple[np.ndarray, np.ndarray]:
    """Which rows supervise this output, and their 0/1 targets."""
    if head == 'propaganda':
        return np.ones(len(s.label), dtype=bool), (s.label == 'propaganda').astype(int)
    if head in CONTEXT_HEADS:
        # Binary-set negatives ("not propaganda, class unknown") say nothing about the context class.
        mask = (s.label_set != 'binary') | (s.label == 'propaganda')
        return mask, (s.label[mask] == head).astype(int)
    mask = (s.label_set == 'five') & (s.label == 'propaganda')
    cats = [s.rows[i]['categories'].split('|') for i in np.flatnonzero(mask)]
    return mask, np.array([head in c for c in cats], dtype=int)


def measured_rows(s: data.Split, head: str) -> tuple[np.ndarray, np.ndarray]:
    """Rows that measure this output on dev/test: as for training, but context outputs skip negatives/ rows,
    which are trivially `other` and would flatter every context output."""
    mask, y = head_rows(s, head)
    if head in CONTEXT_HEADS:
        keep = s.label_set[mask] != 'negative'
        mask = mask.copy()
        mask[np.flatnonzero(mask)[~keep]] = False
        y = y[keep]
    return mask, y


def average_precision(y: np.ndarray, p: np.ndarray) -> float:
    return float(average_precision_score(y, p)) if 0 < y.sum() < len(y) else float('nan')


def sample_weights(s: data.Split, mask: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.where(s.low_conf[mask], LOW_CONFIDENCE_WEIGHT, 1.0)
    groups = [metrics.lang_group(s.lang[i]) for i in np.flatnonzero(mask)]
    counts = Counter(groups)
    largest = max(counts.values())
    # Arabic and the European languages other than English are small: weight them up, within limits.
    w = w * np.array([min(MAX_LANG_WEIGHT, np.sqrt(largest / counts[g])) for g in groups])
    if 0 < y.sum() < len(y):
        w[y == 1] *= (w[y == 0].sum() / w[y == 1].sum()) ** POS_BALANCE_POWER
    return w


def nb_ratio(X: sp.csr_matrix, y: np.ndarray, w: np.ndarray, alpha: float) -> np.ndarray:
    """log((p / |p|) / (q / |q|)) per bucket, p and q the smoothed weighted feature sums of positives and negatives."""
    p = alpha + np.asarray(X.T @ (w * (y == 1))).ravel()
    q = alpha + np.asarray(X.T @ (w * (y == 0))).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def fit_head(head: str, X: dict, splits: dict, nb: bool = True) -> tuple[np.ndarray, float, float, dict]:
    """NB-LR (Wang & Manning 2012): the features are scaled by their naive-Bayes log-count ratio r before the
    logistic fit, and w * r is exported, so the scorer still computes sigmoid(b + w' · x). In effect each bucket
    is regularised by how much it separates the classes on its own. nb=False: plain logistic regression."""
    tr, dv = splits['train'], splits['dev']
    mask, y = head_rows(tr, head)
    w = sample_weights(tr, mask, y)
    r = nb_ratio(X['train'][mask], y, w, NB_ALPHA) if nb else np.ones(X['train'].shape[1])
    X_fit = X['train'][mask] @ sp.diags(r)
    dmask, dy = measured_rows(dv, head)
    grid = C_GRID if dy.sum() >= MIN_DEV_POSITIVES else (DEFAULT_C,)
    best = None
    scores = {}
    for C in grid:
        m = LogisticRegression(C=C, solver='liblinear', intercept_scaling=10, random_state=0)
        m.fit(X_fit, y, sample_weight=w)
        coef = (m.coef_[0] * r).astype(np.float32)
        ap = average_precision(dy, X['dev'][dmask] @ coef.astype(np.float64) + m.intercept_[0])
        scores[C] = ap
        if best is None or ap > best[2]:
            best = (coef, float(m.intercept_[0]), ap, C)
    print(f'{head}: train {int(mask.sum())} rows ({int(y.sum())} pos), dev AP by C {scores} -> C={best[3]}',
          file=sys.stderr)
    return best[0], np.float32(best[1]).item(), best[3], {'train_rows': int(mask.sum()), 'train_pos': int(y.sum())}


def windows(text: str, spec: dict) -> list[str]:
    """A text of more than WINDOW_WORDS words as near-equal windows of words (the scorer averages their logits:
    summed n-gram evidence would otherwise grow with length and push long texts, such as articles, to extremes)."""
    words = features.split_words(text, spec)
    k = -(-len(words) // WINDOW_WORDS)
    if k <= 1:
        return [text]
    return [' '.join(words[j * len(words) // k:(j + 1) * len(words) // k]) for j in range(k)]


def featurize(s: data.Split, spec: dict, raw: dict | None) -> sp.csr_matrix:
    """Training rows: normalised block plus, when raw is given, the raw block (each L2-normalised, summed)."""
    return features.featurize_blocks(s.norm, s.text, spec, raw)


def predict(W: np.ndarray, b: np.ndarray, texts: list[str], raw_texts: list[str], spec: dict,
            raw: dict | None) -> np.ndarray:
    """Probabilities from the exported float32 weights, as the TypeScript scorer computes them: per block
    (normalised text; the post as written, lowercased), the mean logit over its windows, summed with the bias."""
    z = windowed_logits(W, texts, spec)
    if raw is not None:
        z = z + windowed_logits(W, [features.raw_text(t, raw) for t in raw_texts], features.raw_spec(spec, raw))
    z = z + b.astype(np.float64)
    return 1.0 / (1.0 + np.exp(-z))


def windowed_logits(W: np.ndarray, texts: list[str], spec: dict) -> np.ndarray:
    """w · x per text, averaged over the text's windows."""
    parts = [windows(t, spec) for t in texts]
    owner = np.repeat(np.arange(len(texts)), [len(p) for p in parts])
    X = features.featurize([w for p in parts for w in p], spec)
    z_windows = X.astype(np.float64) @ W.astype(np.float64).T
    z = np.zeros((len(texts), W.shape[0]))
    np.add.at(z, owner, z_windows)
    return z / np.bincount(owner, minlength=len(texts))[:, None]


def evaluate(name: str, s: data.Split, P: np.ndarray, threshold: float) -> dict:
    y = (s.label == 'propaganda').astype(int)
    p = P[:, 0]
    labelled = s.label_set != 'negative'
    out = {
        'propaganda_all': metrics.per_language(y, p, s.lang, threshold),
        'propaganda_labelled': metrics.per_language(y[labelled], p[labelled],
                                                    [l for l, k in zip(s.lang, labelled) if k], threshold),
        'fp_rate': {},
        'heads_pr_auc': {},
    }
    for gold in ('news', 'counter_speech', 'not_propaganda'):  # not_propaganda: isextreme's news and discussion
        sel = s.label == gold
        out['fp_rate'][gold] = {'n': int(sel.sum()), 'fp': int((p[sel] >= threshold).sum())}
    for j, head in enumerate(OUTPUTS[1:], start=1):
        mask, yh = measured_rows(s, head)
        out['heads_pr_auc'][head] = {'n': int(len(yh)), 'pos': int(yh.sum()), 'pr_auc': average_precision(yh, P[mask, j])}
    print(metrics.format_table(f'\n{name}: propaganda vs rest, all rows (threshold {threshold:.3f})',
                               out['propaganda_all']), file=sys.stderr)
    print(metrics.format_table(f'\n{name}: propaganda vs rest, labelled sources only (no negatives/)',
                               out['propaganda_labelled']), file=sys.stderr)
    print(f'{name}: FP rate {out["fp_rate"]}\n{name}: other outputs PR-AUC {out["heads_pr_auc"]}', file=sys.stderr)
    return out


def export(W: np.ndarray, b: np.ndarray, spec: dict, raw: dict, threshold: float, C: dict, info: dict,
           norm_version: str) -> str:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    blob = W.astype('<f4').tobytes(order='C')
    (OUT_DIR / 'weights.bin').write_bytes(blob)
    sha = hashlib.sha256(blob).hexdigest()
    manifests = {s: hashlib.sha256((data.REPO / 'datasets' / 'splits' / f'{s}.csv').read_bytes()).hexdigest()
                 for s in data.SPLITS}
    model = {
        'id': MODEL_ID,
        'version': VERSION,
        'buckets': 1 << spec['buckets_log2'],
        'features': spec,
        'raw_features': raw,
        'outputs': list(OUTPUTS),
        'bias': [float(x) for x in b],
        'weights': {'file': 'weights.bin', 'dtype': 'float32le', 'layout': 'outputs x buckets, row-major',
                    'sha256': sha},
        'windows': {'words': WINDOW_WORDS, 'combine': 'mean_logit'},
        'thresholds': {'propaganda': threshold},
        'normalizer_version': norm_version,
        'trained_on': {'split': 'datasets/splits/train.csv', 'split_manifest_sha256': manifests,
                       'sources': info['sources'], 'method': 'NB-LR', 'nb_alpha': NB_ALPHA, 'C': C,
                       'heads': info['heads']},
        'date': datetime.date.today().isoformat(),
    }
    (OUT_DIR / 'model.json').write_text(json.dumps(model, indent=2, ensure_ascii=True) + '\n', encoding='utf-8')
    return sha


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', type=Path, default=data.REPO.parent / 'shared' / 'data')
    ap.add_argument('--skip-prepare', action='store_true', help='reuse training/work/lexical/*.csv')
    ap.add_argument('--no-test', action='store_true', help='dev only: no test figures, nothing exported')
    ap.add_argument('--no-nb', action='store_true', help='with --no-test: plain logistic regression, for comparison')
    ap.add_argument('--no-raw', action='store_true', help='with --no-test: normalised block only, for comparison')
    args = ap.parse_args()
    if (args.no_nb or args.no_raw) and not args.no_test:
        ap.error('--no-nb and --no-raw are for comparisons on dev: use them with --no-test')
    t0 = time.time()
    norm_version = data.normalizer_version() if args.skip_prepare else data.prepare(args.data)
    names = ('train', 'dev') if args.no_test else data.SPLITS
    splits = {n: data.load(n) for n in names}
    spec = features.default_spec()
    raw = None if args.no_raw else RAW_FEATURES
    X = {n: featurize(splits[n], spec, raw) for n in ('train', 'dev')}
    print(f'features: {time.time() - t0:.0f}s', file=sys.stderr)

    W = np.zeros((len(OUTPUTS), 1 << spec['buckets_log2']), dtype=np.float32)
    b = np.zeros(len(OUTPUTS), dtype=np.float32)
    C, heads = {}, {}
    for j, head in enumerate(OUTPUTS):
        W[j], b[j], C[head], heads[head] = fit_head(head, X, splits, nb=not args.no_nb)

    P_dev = predict(W, b, splits['dev'].norm, splits['dev'].text, spec, raw)
    threshold = metrics.best_f1_threshold((splits['dev'].label == 'propaganda').astype(int), P_dev[:, 0])
    results = {'dev': evaluate('dev', splits['dev'], P_dev, threshold)}
    if args.no_test:
        return
    results['test'] = evaluate('test', splits['test'], predict(W, b, splits['test'].norm, splits['test'].text, spec, raw), threshold)
    sources = dict(Counter(r['source_file'] for r in splits['train'].rows))
    sha = export(W, b, spec, raw, threshold, C, {'sources': sources, 'heads': heads}, norm_version)
    (data.NORM_DIR / 'metrics.json').write_text(json.dumps(results, indent=2), encoding='utf-8')
    print(f'exported {OUT_DIR} (weights sha256 {sha}); total {time.time() - t0:.0f}s', file=sys.stderr)


if __name__ == '__main__':
    main()
