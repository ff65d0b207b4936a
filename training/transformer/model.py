"""basira's small text encoder: a BERT-like transformer (pre-layer-norm, masked mean pooling) with one
logit per output, written in plain torch.nn (Debian has no python3-transformers). What ships is an Ensemble
of one or more such encoders (seeds) whose logits are averaged inside the graph, exported to ONNX with the
inputs transformers.js passes (input_ids, attention_mask) and one output, `logits`.

The ONNX graph keeps every weight under its state_dict name (no constant folding at export; onnxruntime
folds at load), so `from_onnx` rebuilds the PyTorch model from the shipped file alone: the parity check
runs the same weights through PyTorch and through transformers.js.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from torch import nn


@dataclass(frozen=True)
class Config:
    vocab_size: int
    outputs: int
    hidden: int = 128
    layers: int = 2
    heads: int = 4
    intermediate: int = 256
    max_length: int = 64
    dropout: float = 0.1

    def to_json(self) -> dict:
        return asdict(self)


class Layer(nn.Module):
    def __init__(self, c: Config) -> None:
        super().__init__()
        self.heads = c.heads
        self.norm1 = nn.LayerNorm(c.hidden, eps=1e-6)
        self.qkv = nn.Linear(c.hidden, 3 * c.hidden)
        self.out = nn.Linear(c.hidden, c.hidden)
        self.norm2 = nn.LayerNorm(c.hidden, eps=1e-6)
        self.ff_in = nn.Linear(c.hidden, c.intermediate)
        self.ff_out = nn.Linear(c.intermediate, c.hidden)
        self.drop = nn.Dropout(c.dropout)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        head_dim = hidden // self.heads
        q, k, v = (t.reshape(batch, length, self.heads, head_dim).transpose(1, 2)
                   for t in self.qkv(self.norm1(x)).chunk(3, dim=-1))
        scores = q @ k.transpose(-1, -2) * (1.0 / math.sqrt(head_dim)) + additive_mask
        context = (scores.softmax(dim=-1) @ v).transpose(1, 2).reshape(batch, length, hidden)
        x = x + self.drop(self.out(context))
        return x + self.drop(self.ff_out(nn.functional.gelu(self.ff_in(self.norm2(x)))))


class Encoder(nn.Module):
    def __init__(self, c: Config) -> None:
        super().__init__()
        self.config = c
        self.words = nn.Embedding(c.vocab_size, c.hidden)
        self.positions = nn.Embedding(c.max_length, c.hidden)
        self.embed_norm = nn.LayerNorm(c.hidden, eps=1e-6)
        self.drop = nn.Dropout(c.dropout)
        self.layers = nn.ModuleList(Layer(c) for _ in range(c.layers))
        self.final_norm = nn.LayerNorm(c.hidden, eps=1e-6)
        self.classifier = nn.Linear(c.hidden, c.outputs)
        self.register_buffer('position_ids', torch.arange(c.max_length).unsqueeze(0), persistent=False)
        self.apply(self._init)

    @staticmethod
    def _init(m: nn.Module) -> None:
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def pooled(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        positions = self.position_ids[:, : input_ids.shape[1]]
        x = self.drop(self.embed_norm(self.words(input_ids) + self.positions(positions)))
        mask = attention_mask.to(x.dtype)
        # Padding gets -10000 before the softmax, so padded and unpadded runs agree.
        additive_mask = (1.0 - mask[:, None, None, :]) * -10000.0
        for layer in self.layers:
            x = layer(x, additive_mask)
        x = self.final_norm(x)
        # Mean over real tokens: with this little data it learns faster than a [CLS] summary.
        return (x * mask[:, :, None]).sum(dim=1) / mask.sum(dim=1, keepdim=True).clamp(min=1.0)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.drop(self.pooled(input_ids, attention_mask)))


class Ensemble(nn.Module):
    """Encoders trained from different seeds over the same tokens; the logits are their mean."""

    def __init__(self, c: Config, members: int) -> None:
        super().__init__()
        self.config = c
        self.members = nn.ModuleList(Encoder(c) for _ in range(members))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        if len(self.members) == 1:
            return self.members[0](input_ids, attention_mask)
        return torch.stack([m(input_ids, attention_mask) for m in self.members]).mean(dim=0)

    def architecture(self) -> dict:
        return {'encoder': self.config.to_json(), 'members': len(self.members)}


def export_onnx(model: Ensemble, path: Path) -> None:
    import onnx

    model = model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    dummy = (torch.tensor([[2, 10, 11, 3], [2, 12, 3, 0]]), torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]]))
    torch.onnx.export(
        model, dummy, str(path),
        input_names=['input_ids', 'attention_mask'], output_names=['logits'],
        dynamic_axes={'input_ids': {0: 'batch', 1: 'sequence'}, 'attention_mask': {0: 'batch', 1: 'sequence'},
                      'logits': {0: 'batch'}},
        opset_version=14,
        # Unfolded, the initialisers keep their state_dict names (see from_onnx); onnxruntime folds at load.
        do_constant_folding=False,
    )
    onnx.checker.check_model(onnx.load(str(path)))


def from_onnx(onnx_path: Path, arch: dict) -> Ensemble:
    """The PyTorch model whose weights are the ONNX file's initialisers."""
    import onnx
    from onnx import numpy_helper

    weights = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy())
               for t in onnx.load(str(onnx_path)).graph.initializer}
    model = Ensemble(Config(**arch['encoder']), arch['members'])
    missing = [k for k in model.state_dict() if k not in weights]
    if missing:
        raise ValueError(f'{onnx_path}: no initialisers for {missing[:5]}')
    model.load_state_dict({k: weights[k] for k in model.state_dict()})
    return model.eval()


def read_architecture(model_dir: Path) -> dict:
    """The architecture as recorded in config.json (basira_architecture), for from_onnx."""
    return json.loads((model_dir / 'config.json').read_text(encoding='utf-8'))['basira_architecture']
