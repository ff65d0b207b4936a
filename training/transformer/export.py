"""Writes a trained encoder as a Hugging Face-layout folder that src/model/transformer.ts loads:
config.json (id2label, problem_type, the architecture), tokenizer.json, tokenizer_config.json and
onnx/model.onnx."""
from __future__ import annotations

import json
from pathlib import Path

from model import Ensemble, export_onnx
from wordpiece import PAD, tokenizer_config, tokenizer_json


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')


def write_folder(out: Path, model: Ensemble, tokens: list[str], outputs: list[str], name: str,
                 extra: dict | None = None) -> None:
    c = model.config
    out.mkdir(parents=True, exist_ok=True)
    export_onnx(model, out / 'onnx' / 'model.onnx')
    config = {
        '_name_or_path': name,
        # transformers.js picks the sequence-classification wrapper by model_type; the graph itself is ours.
        'architectures': ['BertForSequenceClassification'],
        'model_type': 'bert',
        'vocab_size': c.vocab_size,
        'hidden_size': c.hidden,
        'num_hidden_layers': c.layers,
        'num_attention_heads': c.heads,
        'intermediate_size': c.intermediate,
        'hidden_act': 'gelu',
        'max_position_embeddings': c.max_length,
        'pad_token_id': PAD,
        # Every output is its own sigmoid: the label scores and, for propaganda, its categories.
        'problem_type': 'multi_label_classification',
        # basira's pipeline gives this model normalised text, the text it was trained on.
        'basira_input': 'normalized',
        'id2label': {str(i): label for i, label in enumerate(outputs)},
        'label2id': {label: i for i, label in enumerate(outputs)},
        'basira_architecture': model.architecture(),
        **(extra or {}),
    }
    write_json(out / 'config.json', config)
    write_json(out / 'tokenizer.json', tokenizer_json(tokens))
    write_json(out / 'tokenizer_config.json', tokenizer_config(c.max_length))
