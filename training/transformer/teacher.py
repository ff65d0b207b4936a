"""The lexical model (models/lexical, trained by training/lexical/train.py) as a teacher: its sigmoid outputs
on normalised texts, computed from the exported weights exactly as src/lexical/model.ts computes them."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from data import REPO

LEXICAL_DIR = REPO / 'models' / 'lexical'
sys.path.insert(0, str(REPO / 'training' / 'lexical'))
import features  # noqa: E402  (training/lexical/features.py)


def lexical_probs(texts: list[str], outputs: tuple[str, ...], model_dir: Path = LEXICAL_DIR) -> np.ndarray:
    model = json.loads((model_dir / 'model.json').read_text(encoding='utf-8'))
    missing = [o for o in outputs if o not in model['outputs']]
    if missing:
        raise SystemExit(f'error: {model_dir}/model.json has no outputs {missing}')
    weights = np.fromfile(model_dir / model['weights']['file'], dtype='<f4').reshape(len(model['outputs']), -1)
    rows = [model['outputs'].index(o) for o in outputs]
    z = features.featurize(texts, model['features']).astype(np.float64) @ weights[rows].astype(np.float64).T
    return 1.0 / (1.0 + np.exp(-(z + np.array(model['bias'], dtype=np.float64)[rows])))
