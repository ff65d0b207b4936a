#!/usr/bin/python3
"""Golden token ids and logits for the shipped transformer, from PyTorch, for the parity tests.

    /usr/bin/python3 training/transformer/golden.py            # writes tests/fixtures/transformer-parity/golden.json
    /usr/bin/python3 training/transformer/golden.py --live     # recomputes them for the committed samples, JSON on stdout

The model is rebuilt in PyTorch (model.py) from the weights inside models/transformer/onnx/model.onnx and the
ids come from the Python WordPiece (wordpiece.py), so the tests compare two independent implementations:
this one and transformers.js + onnxruntime. The sample posts are written for this file (no data set text);
they are normalised by basira's compiled normaliser (dist/), which the model always sees first.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

from data import REPO, normalise_texts
from model import from_onnx, read_architecture
from wordpiece import WordPiece

MODEL_DIR = REPO / 'models' / 'transformer'
GOLDEN = REPO / 'tests' / 'fixtures' / 'transformer-parity' / 'golden.json'

# (kind, post). The kinds let the tests check direction as well as parity: news and counter-speech about the
# groups must score below posts in the groups' own voice.
SAMPLES = [
    ('news', 'عاجل: طلب الاتحاد الأوروبي من شركات الإنترنت حذف دعاية تنظيم داعش خلال ساعة واحدة، بحسب وكالة الأنباء'),
    ('news', 'قالت الشرطة إن الجهاديين العائدين من سوريا يخضعون للمراقبة وإن المجموعات الجهادية تستخدم الإنترنت للتجنيد'),
    ('news', 'Police said three men were arrested in Brussels on suspicion of planning attacks for Islamic State.'),
    ('news', "Selon l'AFP, les forces irakiennes ont repris le contrôle du quartier après des combats contre Daech."),
    ('counter_speech', 'داعش لا تمثل الإسلام، قتلوا الأبرياء وشوهوا ديننا'),
    ('counter_speech', 'Daesh recruiters lie to young people. Do not fall for their videos. #NotInMyName'),
    ('supporter', 'جنود الخلافة يتقدمون في ولاية نينوى والمرتدون يفرون، باقية وتتمدد'),
    ('supporter', 'New release from the media office of Wilayat Ninawa: the soldiers of the Khilafah advance. Share it widely'),
    ('religious', 'جمعة مباركة، اللهم اغفر لنا وارحمنا'),
    ('other', 'Ik ga vanavond voetbal kijken met mijn vrienden, wie doet er mee?'),
    # Obfuscation the normaliser undoes (zero-width, tatweel, diacritics, leetspeak, look-alikes).
    ('obfuscated', 'الدولـــة الإسلا\u200bميّة'),
    ('obfuscated', 'j01n the br0thers of the c\u0430liphate'),
    # Characters the vocabulary has never seen ([UNK]), an empty post, and one longer than the model's limit.
    ('unknown', '\u2f00\u2f01 \U0001d11e'),
    ('empty', ''),
    ('long', ' '.join(['Die Polizei sagte am Montag, dass die Ermittlungen gegen mehrere Verdächtige andauern,'] * 8)),
]


def compute(norm: list[str], model_dir: Path) -> list[dict]:
    arch = read_architecture(model_dir)
    max_length = arch['encoder']['max_length']
    vocab = json.loads((model_dir / 'tokenizer.json').read_text(encoding='utf-8'))['model']['vocab']
    tokens = sorted(vocab, key=vocab.get)
    wp = WordPiece(tokens)
    model = from_onnx(model_dir / 'onnx' / 'model.onnx', arch)
    rows = []
    with torch.no_grad():
        for text in norm:
            ids, cut = wp.encode(text, max_length)
            logits = model(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long))[0]
            rows.append({'input_ids': ids, 'truncated': cut, 'logits': [round(v, 7) for v in logits.tolist()]})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--live', action='store_true', help='recompute for the committed golden samples; print JSON')
    ap.add_argument('--model', type=Path, default=MODEL_DIR)
    args = ap.parse_args()
    torch.set_num_threads(1)
    if args.live:
        norm = [s['norm'] for s in json.loads(GOLDEN.read_text(encoding='utf-8'))['samples']]
        json.dump(compute(norm, args.model), sys.stdout)
        return
    norm = normalise_texts([t for _, t in SAMPLES])
    config = json.loads((args.model / 'config.json').read_text(encoding='utf-8'))
    rows = compute(norm, args.model)
    golden = {
        'note': 'Written by training/transformer/golden.py: ids from its Python WordPiece, logits from PyTorch '
                'with the weights of models/transformer/onnx/model.onnx.',
        'model': config['_name_or_path'],
        'labels': [config['id2label'][str(i)] for i in range(len(config['id2label']))],
        'max_length': config['max_position_embeddings'],
        'samples': [{'kind': k, 'text': t, 'norm': n, **r} for (k, t), n, r in zip(SAMPLES, norm, rows)],
    }
    assert any(r['truncated'] for r in rows), 'no sample exercises truncation'
    assert any(1 in r['input_ids'] for r in rows), 'no sample exercises [UNK]'
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
    print(f'wrote {GOLDEN}', file=sys.stderr)


if __name__ == '__main__':
    main()
