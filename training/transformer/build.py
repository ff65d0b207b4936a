#!/usr/bin/python3
"""Rebuilds models/transformer/ from ../shared/data on the CPU, with fixed seeds: one command.

    npx tsc -p tsconfig.build.json                       # basira's normaliser and loader, compiled to dist/
    nice -n 10 /usr/bin/python3 training/transformer/build.py [--data ../shared/data] [--skip-prepare] [--test]

1. prepare.py: materialise the splits, the obfuscated copies and the unlabelled pool; normalise them all
   with basira's own normaliser.
2. train.py once per seed with its defaults, which are the recipe (models/transformer/MODEL_CARD.md measures
   each of its ideas).
3. Export the seeds as one ONNX graph that averages their logits, with config.json, tokenizer.json and
   tokenizer_config.json (export.py).
4. golden.py: the parity test's golden ids and logits (tests/fixtures/transformer-parity/golden.json).
5. check.py: transformers.js against PyTorch on every dev post (token ids identical, logits within 1e-4).
6. Dev figures, alone and fused with the rules and the lexical model (fusion_check.py); with --test, the
   test figures as well (run once, at the very end, for the model card: never tune on them).
Figures go to training/work/transformer/final_metrics.json and stderr. --evaluate-only runs steps 5-6 alone
on the shipped folder (e.g. `--evaluate-only --test` for the card's test figures).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch

import data
import fusion_check
import prepare
from check import check
from evaluate import evaluate, summary
from export import write_folder
from model import Config, Ensemble
from teacher import LEXICAL_DIR, cached_lexical_probs
from train import parser, vocabulary

MODEL_DIR = data.REPO / 'models' / 'transformer'
MODEL_NAME = 'basira-transformer-1'
SEEDS = (1, 2, 3)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def ensemble(names: list[str]) -> tuple[Ensemble, list[str]]:
    archs = [json.loads((data.WORK / 'runs' / n / 'arch.json').read_text(encoding='utf-8')) for n in names]
    if any(a != archs[0] for a in archs):
        raise SystemExit('error: the seeds were trained with different architectures')
    model = Ensemble(Config(**archs[0]['config']), len(names))
    for member, name in zip(model.members, names):
        member.load_state_dict(torch.load(data.WORK / 'runs' / name / 'state.pt'))
    return model.eval(), vocabulary(archs[0]['vocab'], archs[0]['rule_words'])


def train_seeds(names: list[str], jobs: int) -> None:
    """One single-threaded train.py per seed, `jobs` at a time (each run is deterministic on its own)."""
    # train.py's defaults are the recipe; the vocabulary is learnt once, before the runs that share it.
    recipe = parser().parse_args(['--name', names[0]])
    vocabulary(recipe.vocab, not recipe.no_rule_words)
    pending = list(zip(SEEDS, names))
    running: list[subprocess.Popen] = []
    while pending or running:
        while pending and len(running) < jobs:
            seed, name = pending.pop(0)
            running.append(subprocess.Popen([sys.executable, str(data.HERE / 'train.py'), '--name', name,
                                             '--seed', str(seed)]))
        done = running.pop(0)
        if done.wait() != 0:
            raise SystemExit(f'error: {" ".join(done.args)} failed')


def rebuild(args: argparse.Namespace) -> dict:
    """Steps 1-4; returns how long each took."""
    t0 = time.time()
    timings = {}
    if not args.skip_prepare:
        prepare.main(args.data)
        timings['prepare_s'] = round(time.time() - t0)
    # From scratch: no vocabulary or seed left over from an earlier build.
    shutil.rmtree(data.WORK / 'vocab', ignore_errors=True)
    names = [f'final-s{seed}' for seed in SEEDS]
    for name in names:
        shutil.rmtree(data.WORK / 'runs' / name, ignore_errors=True)
    t1 = time.time()
    train_seeds(names, args.jobs)
    timings['train_s'] = round(time.time() - t1)
    model, tokens = ensemble(names)
    norm_version = (data.NORM / 'NORMALIZER_VERSION').read_text(encoding='utf-8').strip()
    lexical = json.loads((LEXICAL_DIR / 'model.json').read_text(encoding='utf-8'))
    write_folder(MODEL_DIR, model, tokens, list(data.OUTPUTS), MODEL_NAME,
                 {'basira_normalizer_version': norm_version, 'basira_seeds': list(SEEDS),
                  # The distillation teacher, so the model can be traced to the lexical weights it learnt from.
                  'basira_teacher': {'id': lexical['id'], 'weights_sha256': lexical['weights']['sha256']}})
    subprocess.run([sys.executable, str(data.HERE / 'golden.py')], check=True)
    return timings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', type=Path, default=data.REPO.parent / 'shared' / 'data')
    ap.add_argument('--skip-prepare', action='store_true', help='reuse training/work/transformer/norm/')
    ap.add_argument('--test', action='store_true', help='also report test figures (once, for the model card)')
    ap.add_argument('--jobs', type=int, default=2, help='seeds trained at once (one CPU thread each)')
    ap.add_argument('--evaluate-only', action='store_true', help='skip steps 1-4: check and measure models/transformer')
    args = ap.parse_args()
    t0 = time.time()
    if not (data.REPO / 'dist' / 'text' / 'normalize.js').exists():
        raise SystemExit('error: dist/ is missing; build first: npx tsc -p tsconfig.build.json')
    timings = {}
    if not args.evaluate_only:
        timings.update(rebuild(args))
    parity, js_logits = check(MODEL_DIR, 'dev')
    print(f'parity on dev: {parity}', file=sys.stderr)
    if parity['token_id_mismatches'] or parity['max_abs_logit_diff'] > 1e-4:
        raise SystemExit('error: transformers.js and PyTorch disagree on dev')

    results: dict = {'parity_dev': parity, 'timings': timings}
    splits = ('dev', 'test') if args.test else ('dev',)
    fusion_inputs = {}
    for split in splits:
        rows = data.load(split)
        probs = sigmoid(js_logits) if split == 'dev' else sigmoid(check(MODEL_DIR, split)[1])
        threshold = results['dev']['threshold'] if split == 'test' else None
        results[split] = evaluate(rows, probs, threshold)
        print(f'{split}: {summary(results[split])}', file=sys.stderr)
        rules, _ = fusion_check.rules_features(split, fresh=True)
        lexical = cached_lexical_probs(split, rows.norm, rows.text, data.OUTPUTS)[:, 0]
        y = (rows.label == 'propaganda').astype(int)
        fusion_inputs[split] = (rules, {'lexical': lexical, 'transformer': probs[:, 0]}, y, rows.lang)
    dev_in = fusion_inputs['dev']
    results['fused_dev'] = fusion_check.cross_fitted(*dev_in)
    print(fusion_check.format_report('fused, dev, 5-fold cross-fitted x5', results['fused_dev']), file=sys.stderr)
    if args.test:
        test_in = fusion_inputs['test']
        results['fused_test'] = fusion_check.on_test(dev_in[:3], test_in[:3], test_in[3])
        print(fusion_check.format_report('fused, test (fitted on dev)', results['fused_test']), file=sys.stderr)
    timings['total_s'] = round(time.time() - t0)
    (data.WORK / 'final_metrics.json').write_text(json.dumps(results, indent=1), encoding='utf-8')
    print(f'wrote {MODEL_DIR}; {timings}', file=sys.stderr)


if __name__ == '__main__':
    main()
