"""The lexical model (models/lexical, trained by training/lexical/train.py) as a teacher: its sigmoid outputs
on normalised texts (and the posts as written, for its raw block), computed from the exported weights as
src/lexical/model.ts computes them for posts of up to one window (64 words; longer pool posts are scored whole)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from data import REPO, WORK, load_module

LEXICAL_DIR = REPO / 'models' / 'lexical'
features = load_module('lexical_features', REPO / 'training' / 'lexical' / 'features.py')


def lexical_probs(texts: list[str], raw_texts: list[str], outputs: tuple[str, ...],
                  model_dir: Path = LEXICAL_DIR) -> np.ndarray:
    model = json.loads((model_dir / 'model.json').read_text(encoding='utf-8'))
    missing = [o for o in outputs if o not in model['outputs']]
    if missing:
        raise SystemExit(f'error: {model_dir}/model.json has no outputs {missing}')
    weights = np.fromfile(model_dir / model['weights']['file'], dtype='<f4').reshape(len(model['outputs']), -1)
    rows = [model['outputs'].index(o) for o in outputs]
    X = features.featurize_blocks(texts, raw_texts, model['features'], model.get('raw_features'))
    z = X.astype(np.float64) @ weights[rows].astype(np.float64).T
    return 1.0 / (1.0 + np.exp(-(z + np.array(model['bias'], dtype=np.float64)[rows])))


def cached_lexical_probs(name: str, texts: list[str], raw_texts: list[str], outputs: tuple[str, ...]) -> np.ndarray:
    """lexical_probs, kept under training/work/transformer/teacher/ per lexical weights and texts."""
    weights_sha = json.loads((LEXICAL_DIR / 'model.json').read_text(encoding='utf-8'))['weights']['sha256']
    texts_sha = hashlib.sha256('\x00'.join(texts + raw_texts).encode('utf-8', 'surrogatepass')).hexdigest()
    path = WORK / 'teacher' / f'{name}-{weights_sha[:12]}-{texts_sha[:12]}.npy'
    if path.exists():
        return np.load(path)
    probs = lexical_probs(texts, raw_texts, outputs)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, probs)
    return probs
