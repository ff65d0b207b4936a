"""The transformer's training rows: normalised texts (from prepare.py), which outputs each row supervises,
its targets and its weight."""
from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
WORK = REPO / 'training' / 'work' / 'transformer'
NORM = WORK / 'norm'


def load_module(name: str, path: Path):
    """A colleague's module by file path: training/lexical also has a data.py and a train.py, so putting its
    folder on sys.path would shadow ours."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# Per-language tables shared with the lexical model.
metrics = load_module('lexical_metrics', REPO / 'training' / 'lexical' / 'metrics.py')

CONTEXTS = ('news', 'counter_speech', 'religious', 'other')
CATEGORIES = ('recruitment', 'incitement', 'glorification', 'dissemination')
OUTPUTS = ('propaganda', *CONTEXTS, *CATEGORIES)
LOW_CONFIDENCE_WEIGHT = 0.5
MAX_LANG_WEIGHT = 4.0

csv.field_size_limit(sys.maxsize)


@dataclass
class Rows:
    ids: list[str]
    norm: list[str]
    text: list[str]            # the post as written (the lexical teacher reads it too)
    lang: list[str]            # annotated language, else basira's detected one
    label: np.ndarray          # propaganda, news, counter_speech, religious, other, not_propaganda
    label_set: np.ndarray      # five, binary, negative
    source_file: list[str]
    targets: np.ndarray        # [n, 9] 0/1
    mask: np.ndarray           # [n, 9] 1 where the row says something about that output
    weight: np.ndarray         # [n]

    def __len__(self) -> int:
        return len(self.ids)


def supervision(row: dict) -> tuple[np.ndarray, np.ndarray]:
    """Targets and mask over OUTPUTS. Binary rows (isextreme and its translations: "not propaganda, class
    unknown") supervise only P(propaganda); categories only exist for five-label propaganda rows, so those
    outputs read as "which kinds of propaganda, given that it is propaganda"."""
    label, label_set = row['label'], row['label_set']
    y = np.zeros(len(OUTPUTS), dtype=np.float32)
    m = np.zeros(len(OUTPUTS), dtype=np.float32)
    y[0], m[0] = float(label == 'propaganda'), 1.0
    if label_set != 'binary' or label == 'propaganda':
        for j, c in enumerate(CONTEXTS, start=1):
            y[j], m[j] = float(label == c), 1.0
    if label_set == 'five' and label == 'propaganda':
        cats = set(row['categories'].split('|'))
        for j, c in enumerate(CATEGORIES, start=1 + len(CONTEXTS)):
            y[j], m[j] = float(c in cats), 1.0
    return y, m


def load(name: str) -> Rows:
    with (NORM / f'{name}.csv').open(encoding='utf-8', newline='') as f:
        rows = list(csv.DictReader(f))
    sup = [supervision(r) for r in rows]
    lang = [r['lang'] or r['lang_detected'] for r in rows]
    weight = np.where(np.array([r['confidence'] == 'low' for r in rows]), LOW_CONFIDENCE_WEIGHT, 1.0)
    return Rows(
        ids=[r['id'] for r in rows], norm=[r['norm'] for r in rows], text=[r['text'] for r in rows], lang=lang,
        label=np.array([r['label'] for r in rows]), label_set=np.array([r['label_set'] for r in rows]),
        source_file=[r['source_file'] for r in rows],
        targets=np.stack([s[0] for s in sup]), mask=np.stack([s[1] for s in sup]), weight=weight.astype(np.float32),
    )


def language_weights(langs: list[str]) -> np.ndarray:
    """Arabic and the European languages other than English are small: weighted up, within limits (as the
    lexical model does)."""
    groups = [metrics.lang_group(l) for l in langs]
    counts = Counter(groups)
    largest = max(counts.values())
    return np.array([min(MAX_LANG_WEIGHT, np.sqrt(largest / counts[g])) for g in groups], dtype=np.float32)


def load_pool() -> tuple[list[str], list[str], list[str]]:
    """Normalised texts, the posts as written, and detected languages of the unlabelled pool."""
    with (NORM / 'pool.csv').open(encoding='utf-8', newline='') as f:
        rows = list(csv.DictReader(f))
    return [r['norm'] for r in rows], [r['text'] for r in rows], [r['lang_detected'] for r in rows]


def normalise_texts(texts: list[str]) -> list[str]:
    """normalize(text).text for each text, by basira's compiled normaliser (dist/)."""
    code = (
        "const { normalize } = await import('./dist/text/normalize.js');"
        "const chunks = []; for await (const c of process.stdin) chunks.push(c);"
        "const texts = JSON.parse(Buffer.concat(chunks).toString('utf8'));"
        "process.stdout.write(JSON.stringify(texts.map((t) => normalize(t).text)));"
    )
    out = subprocess.run(['node', '--input-type=module', '-e', code], input=json.dumps(texts), capture_output=True,
                         text=True, cwd=REPO, check=True)
    return json.loads(out.stdout)


def rule_words() -> list[str]:
    """Every word of every term in the rule packs (models/rules/*.json), normalised: the stance cues that
    basira's domain knowledge names (e.g. news' "الجهاديين" against the group's "المجاهدين")."""
    terms: list[str] = []
    for path in sorted((REPO / 'models' / 'rules').glob('*.json')):
        pack = json.loads(path.read_text(encoding='utf-8'))
        if 'rules' not in pack:
            continue  # the schema
        terms += pack.get('negations', [])
        for rule in pack['rules']:
            terms += rule['terms'] + rule.get('near', {}).get('terms', [])
    return sorted({w for t in normalise_texts(terms) for w in t.split()})
