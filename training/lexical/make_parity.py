#!/usr/bin/python3
"""Write tests/fixtures/lexical/parity.json: the trainer's own features (both blocks: normalised text and the post
as written) and probabilities for a few posts, which the TypeScript scorer must reproduce (features exactly,
probabilities within 1e-5).

    npx tsc -p tsconfig.build.json && /usr/bin/python3 training/lexical/make_parity.py

The posts are plain statements written for this fixture (none is copied from the training data). Texts are
normalised by basira's compiled normaliser (dist/), as in training; features come from the reference definition
and are checked against the vectorised one the trainer uses; probabilities from the shipped models/lexical.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import features  # noqa: E402
from data import REPO  # noqa: E402
from train import OUT_DIR, WINDOW_WORDS, predict  # noqa: E402

OUT = REPO / 'tests' / 'fixtures' / 'lexical' / 'parity.json'

TEXTS = [
    'Police said three men were arrested on Tuesday after a raid in the city centre.',
    'The soldiers of the caliphate advance, join the ranks of the mujahideen today!',
    'Watch and share the new release from the official media office',
    'Extremist groups lie to young people; do not let them recruit your friends.',
    'May God grant peace to everyone during this blessed month.',
    'أعلنت الشرطة اعتقال ثلاثة أشخاص يشتبه في انتمائهم إلى داعش، بحسب بيان رسمي.',
    'جنود الخلافة يتقدمون في ولاية جديدة، انفروا خفافا وثقالا',
    'اللهم اغفر لنا ولوالدينا 🤲',
    'La police a arrêté deux suspects après l’attaque, selon le procureur.',
    'Die Polizei hat am Montag zwei Verdächtige festgenommen.',
    'La polizia ha arrestato due uomini accusati di propaganda online.',
    'La policía detuvo a dos jóvenes que difundían vídeos del grupo.',
    'De politie heeft twee verdachten aangehouden na de aanslag.',
    'RT @someone: breaking news https://t.co/abc123 #Syria #Aleppo',
    'j.o.i.n the d4wla — it is w\u200bai\u200bting for you',
    'el dawla el islamiya 3ala 7a2',
    '𝕁𝕠𝕚𝕟 𝕦𝕤 😀😀😀 𝒩𝑜𝓌',
    'ﻻ إله إلا الله ـــــ محمد رسول الله',
    'a',
    '',
    ' \t\u00a0\u3000 ',
    'mixed ok نص عربي and English together, 2015 and ١٤٣٦',
    'İSTANBUL ΣΟΦΟΣ ÆGIR @SomeHandle #DawlaNews!!! 🔥🔥',
    # Longer than the 64-word window: scored as the mean logit of near-equal windows.
    ('The city council met on Monday to discuss the new budget. Members argued about road repairs, school '
     'funding and the cost of public transport. ') * 4 + 'The vote was postponed until next week.',
]


def normalise(texts: list[str]) -> list[str]:
    script = ("import('./dist/text/normalize.js').then((m) => { const t = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              " process.stdout.write(JSON.stringify(t.map((x) => m.normalize(x).text))); })")
    out = subprocess.run(['node', '-e', script], input=json.dumps(texts), capture_output=True, text=True, check=True,
                         cwd=REPO)
    return json.loads(out.stdout)


def main() -> None:
    model = json.loads((OUT_DIR / 'model.json').read_text(encoding='utf-8'))
    blob = (OUT_DIR / 'weights.bin').read_bytes()
    W = np.frombuffer(blob, dtype='<f4').reshape(len(model['outputs']), model['buckets'])
    b = np.array(model['bias'], dtype=np.float32)
    spec = model['features']
    assert model['windows'] == {'words': WINDOW_WORDS, 'combine': 'mean_logit'}
    raw = model['raw_features']
    rspec = features.raw_spec(spec, raw)
    norms = normalise(TEXTS)
    lowered = [features.raw_text(t, raw) for t in TEXTS]
    X, R = features.featurize(norms, spec), features.featurize(lowered, rspec)
    P = predict(W, b, norms, TEXTS, spec, raw)
    samples = []
    for i, (text, norm) in enumerate(zip(TEXTS, norms)):
        blocks = {}
        for name, source, sp, rows in (('features', norm, spec, X), ('raw_features', lowered[i], rspec, R)):
            index, value = features.reference_features(source, sp)
            if list(rows[i].indices) != index or [float(v) for v in rows[i].data] != value:
                sys.exit(f'error: vectorised {name} differ from the reference for sample {i}: {source!r}')
            blocks[name] = {'index': index, 'value': value}
        samples.append({'text': text, 'norm': norm, **blocks,
                        'probs': dict(zip(model['outputs'], (float(p) for p in P[i])))})
    head = json.dumps({'id': model['id'], 'sha256': hashlib.sha256(blob).hexdigest()})
    lines = ',\n'.join(json.dumps(s, ensure_ascii=False) for s in samples)  # one sample per line: readable diffs
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(f'{{"model": {head},\n"samples": [\n{lines}\n]}}\n', encoding='utf-8')
    print(f'wrote {OUT} ({len(samples)} samples)', file=sys.stderr)


if __name__ == '__main__':
    main()
