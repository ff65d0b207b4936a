#!/usr/bin/python3
"""Baseline for the lexical model: TF-IDF character n-grams (char_wb, 2-5) + logistic regression, propaganda vs rest.

    /usr/bin/python3 training/lexical/baseline.py [--no-test]     (after train.py has prepared training/work/lexical)

Trained on the train split, C and the threshold (best F1) chosen on dev, then P/R/F1/PR-AUC per language on test,
on the raw text and on basira's normalised text, overall and by annotator confidence (high, low, none given), as
`basira eval split:test --by confidence` slices the fused system. `--inputs` adds two views of the raw text that find where the
raw text's edge over the normalised one comes from: `masked` (mentions -> "@user" and URLs -> their host, as the
normaliser does), `mentions-masked` and `urls-masked` (one of the two).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import data  # noqa: E402
import metrics  # noqa: E402

C_GRID = (1.0, 10.0)
MENTION = re.compile(r'@\w+')
URL = re.compile(r'(?:https?://|www\.)([^/\s]+)\S*')


def mask_mentions(text: str) -> str:
    return MENTION.sub('@user', text)


def mask_urls(text: str) -> str:
    return URL.sub(r'\1', text)


VIEWS = {
    'text': lambda s: s.text,
    'norm': lambda s: s.norm,
    'masked': lambda s: [mask_urls(mask_mentions(t)) for t in s.text],
    'mentions-masked': lambda s: [mask_mentions(t) for t in s.text],
    'urls-masked': lambda s: [mask_urls(t) for t in s.text],
}


def run(column: str, splits: dict[str, data.Split]) -> None:
    texts = {n: VIEWS[column](s) for n, s in splits.items()}
    y = {n: (s.label == 'propaganda').astype(int) for n, s in splits.items()}
    vec = TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5), min_df=2, sublinear_tf=True, dtype=np.float32)
    X = {'train': vec.fit_transform(texts['train'])}
    X.update({n: vec.transform(t) for n, t in texts.items() if n != 'train'})
    best = None
    for C in C_GRID:
        m = LogisticRegression(C=C, solver='liblinear', random_state=0).fit(X['train'], y['train'])
        p = m.predict_proba(X['dev'])[:, 1]
        ap = average_precision_score(y['dev'], p)
        if best is None or ap > best[0]:
            best = (ap, C, m, p)
    _, C, m, p_dev = best
    (data.NORM_DIR / 'ablate').mkdir(parents=True, exist_ok=True)
    np.save(data.NORM_DIR / 'ablate' / f'baseline-{column}.dev.npy', p_dev)  # for compare.py
    threshold = metrics.best_f1_threshold(y['dev'], p_dev)
    print(metrics.format_table(f'\nbaseline ({column} text), dev, C={C}, threshold {threshold:.3f} (dev-best F1)',
                               metrics.per_language(y['dev'], p_dev, splits['dev'].lang, threshold)))
    if 'test' in splits:
        p_test = m.predict_proba(X['test'])[:, 1]
        print(metrics.format_table(f'\nbaseline ({column} text), test, same C and threshold',
                                   metrics.per_language(y['test'], p_test, splits['test'].lang, threshold)))
        conf = splits['test'].confidence
        langs = np.array(splits['test'].lang)
        for value in ('high', 'low', ''):
            sel = conf == value
            print(metrics.format_table(f'\nbaseline ({column} text), test, confidence "{value}"',
                                       metrics.per_language(y['test'][sel], p_test[sel], list(langs[sel]), threshold)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--no-test', action='store_true', help='dev only')
    ap.add_argument('--inputs', nargs='+', choices=tuple(VIEWS), default=('text', 'norm'))
    args = ap.parse_args()
    splits = {n: data.load(n) for n in (('train', 'dev') if args.no_test else data.SPLITS)}
    for column in args.inputs:
        run(column, splits)


if __name__ == '__main__':
    main()
