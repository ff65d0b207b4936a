#!/usr/bin/python3
"""Does the transformer add to the fused score? The fusion of src/fuse.ts (one logistic head over the rule
features, logit(lexical.propaganda), logit(transformer.propaganda) and the language flags) is fitted with and
without the transformer and the F1 of the fused score compared.

On dev: 5-fold cross-fitting (head and F1-optimal threshold fitted on four folds, applied to the fifth), with a
paired bootstrap interval for the F1 gain. On test (once, at the end): head and threshold fitted on all of dev,
as `basira calibrate` would, applied to test.

    /usr/bin/python3 training/transformer/fusion_check.py RUN [RUN+RUN ...]

compares finished runs (training/work/transformer/runs/RUN; "a+b" averages the logits of several seeds) on dev.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

import data
from data import metrics
from evaluate import evaluate, summary

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
                 repeats: int = 5) -> dict:
    """Out-of-fold fused scores, the 5-fold split repeated with `repeats` seeds (F1 at a fitted threshold is
    noisy on a few hundred positives; averaging over splits keeps the split's luck out of the comparison)."""
    preds = {name: [] for name in HEADS}
    scores = {name: [] for name in HEADS}
    for seed in range(repeats):
        folds = list(StratifiedKFold(5, shuffle=True, random_state=seed).split(rules, y))
        for name, scorers in HEADS.items():
            X = design(rules, models, scorers)
            pred = np.zeros(len(y), dtype=bool)
            score = np.zeros(len(y))
            for tr, te in folds:
                head, threshold = fit(X[tr], y[tr])
                score[te] = head.predict_proba(X[te])[:, 1]
                pred[te] = score[te] >= threshold
            preds[name].append(pred)
            scores[name].append(score)
    return report(preds, scores, y, langs)


def on_test(dev: tuple[np.ndarray, dict, np.ndarray], test: tuple[np.ndarray, dict, np.ndarray],
            test_langs: list[str]) -> dict:
    """Heads and thresholds fitted on all of dev, as `basira calibrate` would, applied once to test."""
    preds, scores = {}, {}
    for name, scorers in HEADS.items():
        head, threshold = fit(design(dev[0], dev[1], scorers), dev[2])
        scores[name] = [head.predict_proba(design(test[0], test[1], scorers))[:, 1]]
        preds[name] = [scores[name][0] >= threshold]
    return report(preds, scores, test[2], test_langs)


def report(preds: dict, scores: dict, y: np.ndarray, langs: list[str]) -> dict:
    """F1 (and PR-AUC) per head, averaged over the repeats; per-language F1 for Arabic and English."""
    groups = np.array([metrics.lang_group(l) for l in langs])

    def mean_f1(name: str, sel: np.ndarray) -> float:
        return float(np.mean([f1_of(y[sel], p[sel]) for p in preds[name]]))

    everything = np.ones(len(y), dtype=bool)
    out: dict = {}
    for name in HEADS:
        out[name] = {'f1': mean_f1(name, everything), 'f1_ar': mean_f1(name, groups == 'ar'),
                     'f1_en': mean_f1(name, groups == 'en'),
                     'pr_auc': float(np.mean([metrics.prf(y, s, 0.5)['pr_auc'] for s in scores[name]]))}
    # Paired bootstrap of the F1 gain from adding the transformer to rules+lexical (same rows for both heads).
    rng = np.random.default_rng(0)
    a, b = preds['rules+lexical'], preds['rules+lexical+transformer']
    gains = []
    for _ in range(1000):
        i = rng.integers(0, len(y), len(y))
        gains.append(np.mean([f1_of(y[i], pb[i]) - f1_of(y[i], pa[i]) for pa, pb in zip(a, b)]))
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


def rules_features(split: str, fresh: bool = False) -> tuple[np.ndarray, list[str]]:
    """The rule features of a split (rules_features.mjs over the materialised CSV); kept between comparisons of
    runs, recomputed when `fresh` (the rule packs may have changed since)."""
    path = data.WORK / 'rules' / f'{split}.jsonl'
    if fresh or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(['node', str(data.HERE / 'rules_features.mjs'), str(data.WORK / 'splits' / f'{split}.csv'),
                        str(path)], check=True, cwd=data.REPO)
    return read_rules(path)


def run_probs(spec: str, split: str) -> np.ndarray:
    """Probabilities of a run, or of several runs' mean logits ("a+b+c")."""
    runs = [np.load(data.WORK / 'runs' / name / f'{split}.npy') for name in spec.split('+')]
    z = np.mean([logit(p) for p in runs], axis=0)
    return 1.0 / (1.0 + np.exp(-z))


def table_row(name: str, m: dict, obf: dict | None, fused: dict) -> str:
    """One line of the model card's ideas table: the transformer alone, then fused with rules + lexical."""
    a = m['propaganda_all']
    eu = np.nanmean([a.get(g, {}).get('pr_auc', np.nan) for g in ('fr', 'de', 'it', 'es', 'nl')])
    full = fused['rules+lexical+transformer']
    return (f"| {name} | {a['all']['f1']:.3f} | {a['all']['pr_auc']:.3f} | {a['ar']['pr_auc']:.3f} | "
            f"{a['en']['pr_auc']:.3f} | {eu:.3f} | {m['propaganda_labelled']['all']['pr_auc']:.3f} | "
            f"{obf['propaganda_all']['all']['pr_auc'] if obf else float('nan'):.3f} | {full['f1']:.3f} | "
            f"{fused['gain_f1']['mean']:+.3f} | {full['pr_auc']:.3f} |")


def main() -> None:
    from teacher import cached_lexical_probs

    dev, dev_obf = data.load('dev'), data.load('dev_obf')
    y = (dev.label == 'propaganda').astype(int)
    rules, _ = rules_features('dev')
    lexical = cached_lexical_probs('dev', dev.norm, dev.text, data.OUTPUTS)
    print(f'lexical: {summary(evaluate(dev, lexical))}')
    rows = []
    for spec in sys.argv[1:]:
        probs = run_probs(spec, 'dev')
        m = evaluate(dev, probs)
        print(f'\n{spec}: {summary(m)}')
        fused = cross_fitted(rules, {'lexical': lexical[:, 0], 'transformer': probs[:, 0]}, y, dev.lang)
        print(format_report(f'{spec}: fused, dev, 5-fold cross-fitted x5', fused))
        rows.append(table_row(spec, m, evaluate(dev_obf, run_probs(spec, 'dev_obf')), fused))
    print('\n| run | F1 | PR-AUC | ar | en | fr-de-it-es-nl | labelled only | obfuscated dev | fused F1 | gain | fused PR-AUC |')
    print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
    print('\n'.join(rows))


if __name__ == '__main__':
    main()
