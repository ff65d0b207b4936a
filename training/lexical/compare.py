#!/usr/bin/python3
"""Paired bootstrap on dev: is system B better than system A, per language, beyond the noise of 377 positives?

    /usr/bin/python3 training/lexical/compare.py A B     (names of training/work/lexical/ablate/NAME.dev.npy files,
                                                        written by ablate.py and baseline.py)

F1 is taken at each system's own dev-best threshold (fixed on the full dev set); PR-AUC needs none. Prints the
difference B - A and its 95% interval over 2,000 resamples of the dev rows (a fixed seed).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import metrics  # noqa: E402

RESAMPLES = 2000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('a')
    ap.add_argument('b')
    args = ap.parse_args()
    dev = data.load('dev')
    y = (dev.label == 'propaganda').astype(int)
    groups = np.array([metrics.lang_group(l) for l in dev.lang])
    scores = {n: np.load(data.NORM_DIR / 'ablate' / f'{n}.dev.npy') for n in (args.a, args.b)}
    thresholds = {n: metrics.best_f1_threshold(y, s) for n, s in scores.items()}
    rng = np.random.default_rng(0)
    print(f'| lang | metric | {args.a} | {args.b} | B - A | 95% interval |')
    print('| --- | --- | --- | --- | --- | --- |')
    for g in ('all', 'en', 'ar'):
        rows = np.flatnonzero(groups == g) if g != 'all' else np.arange(len(y))
        samples = [rng.choice(rows, len(rows)) for _ in range(RESAMPLES)]
        for metric in ('f1', 'pr_auc'):
            def value(n: str, idx: np.ndarray) -> float:
                return metrics.prf(y[idx], scores[n][idx], thresholds[n])[metric]
            point = {n: value(n, rows) for n in scores}
            diffs = np.array([value(args.b, idx) - value(args.a, idx) for idx in samples])
            lo, hi = np.percentile(diffs, [2.5, 97.5])
            print(f'| {g} | {metric} | {point[args.a]:.3f} | {point[args.b]:.3f} | '
                  f'{point[args.b] - point[args.a]:+.3f} | [{lo:+.3f}, {hi:+.3f}] |')


if __name__ == '__main__':
    main()
