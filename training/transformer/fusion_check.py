"""Does the transformer add to the fused score? The fusion of src/fuse.ts (one logistic head over the rule
features, logit(lexical.propaganda), logit(transformer.propaganda) and the language flags) is fitted with and
without the transformer and the F1 of the fused score compared.

On dev: 5-fold cross-fitting (head and F1-optimal threshold fitted on four folds, applied to the fifth), with a
paired bootstrap interval for the F1 gain. On test (once, at the end): head and threshold fitted on all of dev,
as `basira calibrate` would, applied to test.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from data import metrics

LOGIT_CLIP = 8.0
HEADS = {'rules': (), 'rules+lexical': ('lexical',), 'rules+transformer': ('transformer',),
         'rules+lexical+transformer': ('lexical', 'transformer')}


def logit(p: np.ndarray) -> np.ndarray:
    """As src/fuse.ts logit(): probabilities clamped to [1e-6, 1 - 1e-6], logits to ±8."""
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.clip(np.log(q / (1 - q)), -LOGIT_CLIP, LOGIT_CLIP)


def read_rules(path: Path) -> tuple[np.ndarray, list[str]]:
    rows = [json.loads(line) for line in path.read_text(encoding='utf-8').splitlines()]
    names = sorted(rows[0]['f'])
    return np.array([[r['f'][n] for n in names] for r in rows]), [r['lang'] for r in rows]


def design(rules: np.ndarray, models: dict[str, np.ndarray], scorers: tuple[str, ...]) -> np.ndarray:
    return np.column_stack([rules, *[logit(models[s]) for s in scorers]])


def fit(X: np.ndarray, y: np.ndarray) -> tuple[LogisticRegression, float]:
    head = LogisticRegression(C=1.0, max_iter=2000).fit(X, y)
    return head, metrics.best_f1_threshold(y, head.predict_proba(X)[:, 1])


def f1_of(y: np.ndarray, pred: np.ndarray) -> float:
    tp = np.sum(pred & (y == 1))
    return float(2 * tp / max(1, pred.sum() + (y == 1).sum()))


def cross_fitted(rules: np.ndarray, models: dict[str, np.ndarray], y: np.ndarray, langs: list[str],
                 seed: int = 0) -> dict:
    folds = list(StratifiedKFold(5, shuffle=True, random_state=seed).split(rules, y))
    preds, scores = {}, {}
    for name, scorers in HEADS.items():
        X = design(rules, models, scorers)
        pred = np.zeros(len(y), dtype=bool)
        score = np.zeros(len(y))
        for tr, te in folds:
            head, threshold = fit(X[tr], y[tr])
            score[te] = head.predict_proba(X[te])[:, 1]
            pred[te] = score[te] >= threshold
        preds[name], scores[name] = pred, score
    return report(preds, scores, y, langs, seed)


def on_test(dev: tuple[np.ndarray, dict, np.ndarray], test: tuple[np.ndarray, dict, np.ndarray],
            test_langs: list[str]) -> dict:
    preds, scores = {}, {}
    for name, scorers in HEADS.items():
        head, threshold = fit(design(dev[0], dev[1], scorers), dev[2])
        scores[name] = head.predict_proba(design(test[0], test[1], scorers))[:, 1]
        preds[name] = scores[name] >= threshold
    return report(preds, scores, test[2], test_langs, 0)


def report(preds: dict, scores: dict, y: np.ndarray, langs: list[str], seed: int) -> dict:
    groups = np.array([metrics.lang_group(l) for l in langs])
    out: dict = {}
    for name in HEADS:
        row = {'f1': f1_of(y, preds[name]), 'pr_auc': metrics.prf(y, scores[name], 0.5)['pr_auc']}
        for g in ('ar', 'en'):
            sel = groups == g
            row[f'f1_{g}'] = f1_of(y[sel], preds[name][sel])
        out[name] = row
    # Paired bootstrap of the F1 gain from adding the transformer to rules+lexical.
    rng = np.random.default_rng(seed)
    a, b = preds['rules+lexical'], preds['rules+lexical+transformer']
    gains = []
    for _ in range(1000):
        i = rng.integers(0, len(y), len(y))
        gains.append(f1_of(y[i], b[i]) - f1_of(y[i], a[i]))
    out['gain_f1'] = {'mean': out['rules+lexical+transformer']['f1'] - out['rules+lexical']['f1'],
                      'ci95': [float(np.percentile(gains, 2.5)), float(np.percentile(gains, 97.5))]}
    return out


def format_report(title: str, r: dict) -> str:
    lines = [title, '| head | F1 | F1 ar | F1 en | PR-AUC |', '| --- | --- | --- | --- | --- |']
    for name in HEADS:
        m = r[name]
        lines.append(f"| {name} | {m['f1']:.3f} | {m['f1_ar']:.3f} | {m['f1_en']:.3f} | {m['pr_auc']:.3f} |")
    g = r['gain_f1']
    lines.append(f"F1 gain from the transformer: {g['mean']:+.3f} (95% bootstrap interval {g['ci95'][0]:+.3f} .. "
                 f"{g['ci95'][1]:+.3f})")
    return '\n'.join(lines)
