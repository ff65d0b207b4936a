"""Parity of the exported folder on every post of a split: transformers.js + onnxruntime (score_js.mjs, through
basira's own loader) against the Python WordPiece and PyTorch with the same weights."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np

import data
from model import from_onnx, read_architecture
from train import predict
from wordpiece import WordPiece


def check(model_dir: Path, split: str) -> tuple[dict, np.ndarray]:
    """Returns the agreement figures and the transformers.js logits."""
    out = data.WORK / f'js_{split}.jsonl'
    subprocess.run(['node', str(data.HERE / 'score_js.mjs'), str(model_dir.resolve()), str(data.NORM / f'{split}.csv'), str(out)],
                   check=True, cwd=data.REPO)
    js = [json.loads(line) for line in out.read_text(encoding='utf-8').splitlines()]
    texts = data.load(split).norm
    arch = read_architecture(model_dir)
    vocab = json.loads((model_dir / 'tokenizer.json').read_text(encoding='utf-8'))['model']['vocab']
    wp = WordPiece(sorted(vocab, key=vocab.get))
    ids = [wp.encode(t, arch['encoder']['max_length'])[0] for t in texts]
    torch_logits = predict(from_onnx(model_dir / 'onnx' / 'model.onnx', arch), ids)
    js_logits = np.array([r['logits'] for r in js], dtype=np.float64)
    figures = {
        'rows': len(texts),
        'token_id_mismatches': sum(a != r['ids'] for a, r in zip(ids, js)),
        'max_abs_logit_diff': float(np.abs(js_logits - torch_logits).max()),
    }
    return figures, js_logits
