"""Dev and test figures for the transformer's outputs, in the same tables as the lexical model's."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score

from data import OUTPUTS, Rows, metrics


def _ap(y: np.ndarray, p: np.ndarray) -> float:
    return float(average_precision_score(y, p)) if 0 < y.sum() < len(y) else float('nan')


def evaluate(rows: Rows, probs: np.ndarray, threshold: float | None = None) -> dict:
    """Propaganda vs rest (all rows, and labelled sources only: the hard news-about-the-group cases), per
    language, at `threshold` (default: the F1-optimal one on these rows); PR-AUC of every other output on
    the rows that supervise it, negatives/ left out (they are trivially `other`)."""
    y = (rows.label == 'propaganda').astype(int)
    p = probs[:, 0]
    if threshold is None:
        threshold = metrics.best_f1_threshold(y, p)
    labelled = rows.label_set != 'negative'
    out = {
        'threshold': threshold,
        'propaganda_all': metrics.per_language(y, p, rows.lang, threshold),
        'propaganda_labelled': metrics.per_language(y[labelled], p[labelled],
                                                    [l for l, k in zip(rows.lang, labelled) if k], threshold),
        'fp_rate': {g: {'n': int((rows.label == g).sum()), 'fp': int((p[rows.label == g] >= threshold).sum())}
                    for g in ('news', 'counter_speech', 'religious')},
        'outputs_pr_auc': {},
    }
    for j, name in enumerate(OUTPUTS[1:], start=1):
        sel = (rows.mask[:, j] > 0) & labelled
        out['outputs_pr_auc'][name] = _ap(rows.targets[sel, j], probs[sel, j])
    return out


def summary(m: dict) -> str:
    a, l = m['propaganda_all'], m['propaganda_labelled']

    def get(t: dict, g: str, k: str) -> float:
        return t.get(g, {}).get(k, float('nan'))

    eu = [get(a, g, 'pr_auc') for g in ('fr', 'de', 'it', 'es', 'nl')]
    return (f"F1 {a['all']['f1']:.3f} AP {a['all']['pr_auc']:.3f} | ar AP {get(a, 'ar', 'pr_auc'):.3f} "
            f"F1 {get(a, 'ar', 'f1'):.3f} | en AP {get(a, 'en', 'pr_auc'):.3f} F1 {get(a, 'en', 'f1'):.3f} | "
            f"eu AP {np.nanmean(eu):.3f} | lab AP {l['all']['pr_auc']:.3f} ar {get(l, 'ar', 'pr_auc'):.3f} "
            f"en {get(l, 'en', 'pr_auc'):.3f} | news FP {m['fp_rate']['news']['fp']}/{m['fp_rate']['news']['n']}")
