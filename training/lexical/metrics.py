"""Binary metrics and per-language tables shared by the trainer and the baseline."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, precision_recall_curve

# Languages reported on their own; everything else is pooled as "other".
REPORT_LANGS = ('en', 'ar', 'fr', 'de', 'it', 'es', 'nl')


def best_f1_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The score threshold with the highest F1 (predict positive when score >= threshold)."""
    prec, rec, thr = precision_recall_curve(y, p)
    f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0.0)[:-1]
    return float(thr[int(np.argmax(f1))])


def prf(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    pred = p >= threshold
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ap = float(average_precision_score(y, p)) if 0 < y.sum() < len(y) else float('nan')
    return {'n': int(len(y)), 'pos': int(y.sum()), 'p': precision, 'r': recall, 'f1': f1, 'pr_auc': ap}


def lang_group(lang: str) -> str:
    return lang if lang in REPORT_LANGS else 'other'


def per_language(y: np.ndarray, p: np.ndarray, langs: list[str], threshold: float) -> dict[str, dict]:
    groups = np.array([lang_group(l) for l in langs])
    out = {'all': prf(y, p, threshold)}
    for g in (*REPORT_LANGS, 'other'):
        sel = groups == g
        if sel.any():
            out[g] = prf(y[sel], p[sel], threshold)
    return out


def format_table(title: str, table: dict[str, dict]) -> str:
    lines = [f'{title}', '| lang | n | pos | P | R | F1 | PR-AUC |', '| --- | --- | --- | --- | --- | --- | --- |']
    for g, m in table.items():
        lines.append('| %s | %d | %d | %.3f | %.3f | %.3f | %.3f |' %
                     (g, m['n'], m['pos'], m['p'], m['r'], m['f1'], m['pr_auc']))
    return '\n'.join(lines)
