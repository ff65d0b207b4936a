#!/usr/bin/env python3
"""Build the tiny, randomly initialised test model in tests/fixtures/model/tiny/.

It is a parity fixture, not a classifier: a seeded BERT-like sequence classifier written in plain
torch.nn (Debian has no python3-transformers), a WordPiece tokenizer.json written by hand, the ONNX
export that transformers.js loads, and golden token ids and logits computed here by an independent
Python tokenizer and the PyTorch forward pass. The TypeScript tests check transformers.js +
onnxruntime against these numbers.

Needs only CPU PyTorch and onnx (Debian: python3-torch python3-onnx). Deterministic: with the same
torch build, rerunning it rewrites every file byte for byte.

Usage: /usr/bin/python3 training/make_fixture.py [--out tests/fixtures/model/tiny]
"""
from __future__ import annotations

import argparse
import collections
import json
import math
import unicodedata
from pathlib import Path

import onnx
import torch
from torch import nn

SEED = 20240601
LABELS = ["propaganda", "news", "counter_speech", "religious", "other"]
HIDDEN = 32
LAYERS = 2
HEADS = 4
INTERMEDIATE = 64
MAX_POSITIONS = 64
TYPE_VOCAB = 2
WORDS_IN_VOCAB = 160
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

# Sentences written for this fixture (not taken from any data set): they only seed the vocabulary.
VOCAB_CORPUS = [
    "طلب الاتحاد الأوروبي من شركات الإنترنت المساعدة في منع تجنيد الشباب",
    "قالت الشرطة إن الهجوم أسفر عن مقتل ثلاثة أشخاص بحسب مصادر محلية",
    "عاجل: وزراء الداخلية يجتمعون في لوكسمبورغ لبحث مكافحة التطرف",
    "نسأل الله أن يحفظ بلادنا وأن يهدي شبابنا إلى طريق الخير",
    "داعش تنظيم إرهابي يقتل الأبرياء ولا يمثل الإسلام",
    "The European Union asked internet companies to help stop the recruitment of young people",
    "Police said the attack killed three people, according to local sources",
    "Daesh is a terrorist group that murders innocent people and does not represent Islam",
    "May God protect our country and guide our youth to the right path",
    "L'Union européenne a demandé aux entreprises d'internet d'aider à lutter contre la propagande",
    "Die Polizei sagte, der Angriff habe drei Menschen getötet, so örtliche Quellen",
    "La polizia ha detto che l'attacco ha ucciso tre persone secondo fonti locali",
    "La policía dijo que el ataque mató a tres personas, según fuentes locales",
    "De politie zei dat de aanval drie mensen heeft gedood, volgens lokale bronnen",
    "Ik ga vanavond voetbal kijken met mijn vrienden, wie doet er mee?",
]

# Golden samples: Arabic and European text, an unseen emoji (whole word becomes [UNK]), an empty
# post, and one post longer than the model's maximum length.
GOLDEN_TEXTS = [
    "قالت الشرطة إن الهجوم أسفر عن مقتل ثلاثة أشخاص",
    "Police said the attack killed three people.",
    "L'Union européenne lutte contre la propagande; die Polizei sagte: nein!",
    "داعش تنظيم إرهابي 😡 stop",
    "",
    " ".join(
        [
            "The European Union asked internet companies to help stop the recruitment of young people,",
            "according to local sources; police said the attack killed three people and ministers met",
            "in Luxembourg to discuss how to stop propaganda videos spreading on the internet.",
        ]
    ),
]


# ---------- tokenizer: a Python mirror of the HF BertNormalizer + BertPreTokenizer + WordPiece ----------


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch).startswith("C")


def _is_whitespace(ch: str) -> bool:
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text: str) -> str:
    """BertNormalizer(clean_text, handle_chinese_chars, strip_accents=None -> follows lowercase, lowercase)."""
    cleaned = []
    for ch in text:
        if ord(ch) in (0, 0xFFFD) or _is_control(ch):
            continue
        cleaned.append(" " if _is_whitespace(ch) else ch)
    spaced = "".join(f" {ch} " if _is_cjk(ord(ch)) else ch for ch in cleaned)
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", spaced) if unicodedata.category(ch) != "Mn")
    return stripped.lower()


def pre_tokenize(text: str) -> list[str]:
    """BertPreTokenizer: split on whitespace, and every punctuation character is a word of its own."""
    words: list[str] = []
    for chunk in text.split():
        current = ""
        for ch in chunk:
            if _is_punctuation(ch):
                if current:
                    words.append(current)
                    current = ""
                words.append(ch)
            else:
                current += ch
        if current:
            words.append(current)
    return words


def wordpiece(word: str, vocab: dict[str, int]) -> list[str]:
    """Greedy longest-match-first WordPiece; a word with any unmatchable piece becomes [UNK]."""
    if len(word) > 100:
        return ["[UNK]"]
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = len(word)
        piece = None
        while start < end:
            candidate = word[start:end] if start == 0 else "##" + word[start:end]
            if candidate in vocab:
                piece = candidate
                break
            end -= 1
        if piece is None:
            return ["[UNK]"]
        pieces.append(piece)
        start = end
    return pieces


def build_vocab() -> list[str]:
    words = [w for sentence in VOCAB_CORPUS for w in pre_tokenize(normalize(sentence))]
    chars = sorted({ch for w in words for ch in w})
    counts = collections.Counter(w for w in words if len(w) > 1)
    # Frequent words first, ties broken alphabetically, so the vocabulary is deterministic.
    frequent = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:WORDS_IN_VOCAB]]
    return SPECIALS + chars + ["##" + ch for ch in chars] + frequent


def encode(text: str, vocab: dict[str, int]) -> tuple[list[int], int]:
    """[CLS] pieces [SEP], truncated like HF tokenizers: content is cut, the special tokens stay."""
    content = [vocab[p] for w in pre_tokenize(normalize(text)) for p in wordpiece(w, vocab)]
    full_length = len(content) + 2
    content = content[: MAX_POSITIONS - 2]
    return [vocab["[CLS]"], *content, vocab["[SEP]"]], full_length


def tokenizer_json(tokens: list[str]) -> dict:
    ids = {t: i for i, t in enumerate(tokens)}
    special = [
        {"id": ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
        for t in SPECIALS
    ]

    def special_ref(tok: str) -> dict:
        return {"id": tok, "ids": [ids[tok]], "tokens": [tok]}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": special,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [
                {"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
            ],
            "pair": [
                {"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 1}},
                {"SpecialToken": {"id": "[SEP]", "type_id": 1}},
            ],
            "special_tokens": {"[CLS]": special_ref("[CLS]"), "[SEP]": special_ref("[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {
            "type": "WordPiece",
            "unk_token": "[UNK]",
            "continuing_subword_prefix": "##",
            "max_input_chars_per_word": 100,
            "vocab": ids,
        },
    }


# ---------- model: a small BERT for sequence classification ----------


class Layer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.qkv = nn.Linear(HIDDEN, 3 * HIDDEN)
        self.out = nn.Linear(HIDDEN, HIDDEN)
        self.norm1 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.ff_in = nn.Linear(HIDDEN, INTERMEDIATE)
        self.ff_out = nn.Linear(INTERMEDIATE, HIDDEN)
        self.norm2 = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        head_dim = HIDDEN // HEADS
        q, k, v = (
            t.reshape(batch, length, HEADS, head_dim).transpose(1, 2) for t in self.qkv(x).chunk(3, dim=-1)
        )
        scores = q @ k.transpose(-1, -2) / math.sqrt(head_dim) + additive_mask
        context = (scores.softmax(dim=-1) @ v).transpose(1, 2).reshape(batch, length, HIDDEN)
        x = self.norm1(x + self.out(context))
        return self.norm2(x + self.ff_out(nn.functional.gelu(self.ff_in(x))))


class TinyBert(nn.Module):
    def __init__(self, vocab_size: int) -> None:
        super().__init__()
        self.words = nn.Embedding(vocab_size, HIDDEN)
        self.positions = nn.Embedding(MAX_POSITIONS, HIDDEN)
        self.types = nn.Embedding(TYPE_VOCAB, HIDDEN)
        self.embed_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.pooler = nn.Linear(HIDDEN, HIDDEN)
        self.classifier = nn.Linear(HIDDEN, len(LABELS))
        self.register_buffer("position_ids", torch.arange(MAX_POSITIONS).unsqueeze(0), persistent=False)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        positions = self.position_ids[:, : input_ids.shape[1]]
        x = self.embed_norm(self.words(input_ids) + self.positions(positions) + self.types(token_type_ids))
        # Padding gets -10000 before the softmax, so padded and unpadded runs agree.
        additive_mask = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, additive_mask)
        return self.classifier(torch.tanh(self.pooler(x[:, 0])))


def batch_tensors(id_lists: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    length = max(len(ids) for ids in id_lists)
    input_ids = torch.zeros(len(id_lists), length, dtype=torch.long)
    mask = torch.zeros(len(id_lists), length, dtype=torch.long)
    for row, ids in enumerate(id_lists):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        mask[row, : len(ids)] = 1
    return input_ids, mask, torch.zeros_like(input_ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "tests/fixtures/model/tiny")
    out: Path = parser.parse_args().out
    (out / "onnx").mkdir(parents=True, exist_ok=True)

    tokens = build_vocab()
    vocab = {t: i for i, t in enumerate(tokens)}

    torch.manual_seed(SEED)
    model = TinyBert(len(tokens)).eval()
    # Default init gives logits near zero for every text; larger classifier weights make the golden
    # logits differ between texts by far more than the 1e-4 tolerance, so the parity test has teeth.
    nn.init.normal_(model.classifier.weight, std=1.0)

    encoded = [encode(t, vocab) for t in GOLDEN_TEXTS]
    with torch.no_grad():
        singles = [model(*batch_tensors([ids]))[0] for ids, _ in encoded]
        padded = model(*batch_tensors([ids for ids, _ in encoded]))
    for single, row in zip(singles, padded):
        assert torch.allclose(single, row, atol=1e-5), "padding changed the logits"
    spread = min(
        (a - b).abs().max().item() for i, a in enumerate(singles) for b in singles[i + 1 :]
    )
    assert spread > 1e-2, f"golden logits too alike to test anything ({spread})"

    dummy = batch_tensors([encoded[0][0], encoded[1][0]])
    torch.onnx.export(
        model,
        dummy,
        str(out / "onnx/model.onnx"),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "token_type_ids": {0: "batch", 1: "sequence"},
            "logits": {0: "batch"},
        },
        opset_version=14,
        do_constant_folding=True,
    )
    onnx.checker.check_model(onnx.load(str(out / "onnx/model.onnx")))

    config = {
        "_name_or_path": "basira-tiny-random",
        "architectures": ["BertForSequenceClassification"],
        "model_type": "bert",
        "vocab_size": len(tokens),
        "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS,
        "intermediate_size": INTERMEDIATE,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
        "max_position_embeddings": MAX_POSITIONS,
        "type_vocab_size": TYPE_VOCAB,
        "layer_norm_eps": 1e-12,
        "pad_token_id": vocab["[PAD]"],
        "problem_type": "single_label_classification",
        "id2label": {str(i): label for i, label in enumerate(LABELS)},
        "label2id": {label: i for i, label in enumerate(LABELS)},
    }
    tokenizer_config = {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "strip_accents": None,
        "tokenize_chinese_chars": True,
        "model_max_length": MAX_POSITIONS,
        "padding_side": "right",
        "cls_token": "[CLS]",
        "sep_token": "[SEP]",
        "pad_token": "[PAD]",
        "unk_token": "[UNK]",
        "mask_token": "[MASK]",
        "clean_up_tokenization_spaces": True,
    }
    golden = {
        "note": "Written by training/make_fixture.py: token ids from its Python WordPiece, logits from the PyTorch forward pass.",
        "max_length": MAX_POSITIONS,
        "samples": [
            {
                "text": text,
                "input_ids": ids,
                "untruncated_length": full_length,
                "truncated": full_length > MAX_POSITIONS,
                "logits": [round(v, 7) for v in logits.tolist()],
            }
            for text, (ids, full_length), logits in zip(GOLDEN_TEXTS, encoded, singles)
        ],
    }
    assert any(s["truncated"] for s in golden["samples"]), "no golden sample exercises truncation"
    assert any(vocab["[UNK]"] in s["input_ids"] for s in golden["samples"]), "no golden sample exercises [UNK]"

    def write(name: str, data: dict) -> None:
        (out / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    write("config.json", config)
    write("tokenizer.json", tokenizer_json(tokens))
    write("tokenizer_config.json", tokenizer_config)
    write("golden.json", golden)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {out} ({len(tokens)} tokens, {size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
