"""Loading the normalised splits (training/work/lexical/*.csv, from normalize_split.mjs) for the lexical trainer."""
from __future__ import annotations

import csv
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
WORK = REPO / 'training' / 'work'
NORM_DIR = WORK / 'lexical'
SPLITS = ('train', 'dev', 'test')

sys.path.insert(0, str(REPO / 'training'))
import split as splitter  # noqa: E402  (training/split.py)

csv.field_size_limit(sys.maxsize)


@dataclass
class Split:
    rows: list[dict]
    text: list[str]
    norm: list[str]
    lang: list[str]          # annotated language, else basira's detected language
    label: np.ndarray        # str labels: propaganda, news, counter_speech, religious, other, not_propaganda
    label_set: np.ndarray    # five, binary, negative
    low_conf: np.ndarray     # bool: confidence == low
    confidence: np.ndarray   # str: high, low, or '' where the source gives none (isextreme, the negatives)


def load(name: str) -> Split:
    path = NORM_DIR / f'{name}.csv'
    with path.open(encoding='utf-8', newline='') as f:
        rows = list(csv.DictReader(f))
    return Split(
        rows=rows,
        text=[r['text'] for r in rows],
        norm=[r['norm'] for r in rows],
        lang=[r['lang'] or r['lang_detected'] for r in rows],
        label=np.array([r['label'] for r in rows]),
        label_set=np.array([r['label_set'] for r in rows]),
        low_conf=np.array([r['confidence'] == 'low' for r in rows]),
        confidence=np.array([r['confidence'] for r in rows]),
    )


def prepare(data_dir: Path) -> str:
    """Materialise the splits and normalise them with basira's compiled normaliser; returns NORMALIZER_VERSION."""
    splitter.materialize(data_dir, WORK / 'splits')
    NORM_DIR.mkdir(parents=True, exist_ok=True)
    version = ''
    for name in SPLITS:
        out = subprocess.run(['node', str(REPO / 'training' / 'lexical' / 'normalize_split.mjs'),
                              str(WORK / 'splits' / f'{name}.csv'), str(NORM_DIR / f'{name}.csv')],
                             check=True, capture_output=True, text=True, cwd=REPO)
        version = out.stdout.strip()
    (NORM_DIR / 'NORMALIZER_VERSION').write_text(version + '\n', encoding='utf-8')
    return version


def normalizer_version() -> str:
    return (NORM_DIR / 'NORMALIZER_VERSION').read_text(encoding='utf-8').strip()
