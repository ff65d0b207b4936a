#!/usr/bin/python3
"""Trains one seed of basira's transformer on the normalised splits (prepare.py) and scores dev with it.

    /usr/bin/python3 training/transformer/train.py --name base --seed 1 [options]

Writes training/work/transformer/runs/NAME/: state.pt, arch.json, dev.npy (dev probabilities),
dev_obf.npy, metrics.json and the per-epoch log. Each option is one of the ideas the model card measures;
the defaults are the shipped recipe.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

import data
from evaluate import evaluate, summary
from model import Config, Encoder
from wordpiece import CLS, PAD, SEP, UNK, WordPiece, learn_vocab

RUNS = data.WORK / 'runs'
MIN_CHAR_COUNT = 5
THREADS = 1


def vocabulary(size: int, rule_words: bool = True) -> list[str]:
    """Learnt once per setting on the normalised train split and unlabelled pool (never dev or test), then cached."""
    path = data.WORK / 'vocab' / f'{size}{"-rules" if rule_words else ""}.json'
    if path.exists():
        return json.loads(path.read_text(encoding='utf-8'))
    texts = data.load('train').norm + data.load_pool()[0]
    tokens = learn_vocab(texts, size, MIN_CHAR_COUNT, data.rule_words() if rule_words else [])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tokens, ensure_ascii=False), encoding='utf-8')
    return tokens


def encode_all(wp: WordPiece, texts: list[str], max_length: int) -> list[list[int]]:
    return [wp.encode(t, max_length)[0] for t in texts]


def pad(seqs: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    length = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), length), PAD, dtype=torch.long)
    mask = torch.zeros((len(seqs), length), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return ids, mask


def length_batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Batches of similar length (little padding), in random order; the jitter varies them between epochs."""
    order = np.argsort(lengths + rng.uniform(0, 4, len(lengths)), kind='stable')
    batches = [order[i: i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    return batches


@torch.no_grad()
def predict(model: Encoder, seqs: list[list[int]], batch_size: int = 256) -> np.ndarray:
    model.eval()
    order = np.argsort([len(s) for s in seqs], kind='stable')
    out = np.zeros((len(seqs), model.config.outputs), dtype=np.float32)
    for i in range(0, len(order), batch_size):
        idx = order[i: i + batch_size]
        out[idx] = model(*pad([seqs[j] for j in idx])).numpy()
    return out


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def parser() -> argparse.ArgumentParser:
    """The options; their defaults are the shipped recipe."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--name', required=True)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--vocab', type=int, default=8000)
    ap.add_argument('--no-rule-words', action='store_true', help='do not keep the rule packs\' words whole')
    ap.add_argument('--hidden', type=int, default=64)
    ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--intermediate', type=int, default=256)
    ap.add_argument('--max-length', type=int, default=64)
    ap.add_argument('--dropout', type=float, default=0.1)
    ap.add_argument('--token-dropout', type=float, default=0.1,
                    help='chance that a token is replaced by [UNK] in training (no single word decides)')
    ap.add_argument('--epochs', type=int, default=4)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--neg-share', type=float, default=0.35, help='share of negatives/ rows drawn per epoch')
    ap.add_argument('--obf-share', type=float, default=0.3,
                    help='chance that a row with an obfuscated copy is trained on the copy (0: no augmentation)')
    ap.add_argument('--no-translated', action='store_true', help='leave labelled/translated.csv out of training')
    ap.add_argument('--single-task', action='store_true', help='supervise only the propaganda output')
    ap.add_argument('--distill', type=float, default=0.5, help='weight of the lexical teacher on the pool (0: none)')
    ap.add_argument('--pool-share', type=float, default=0.5, help='share of the pool drawn per epoch')
    ap.add_argument('--pos-power', type=float, default=0.5, help='propaganda positives weighted (neg/pos)**power')
    return ap


def main() -> None:
    args = parser().parse_args()

    torch.set_num_threads(THREADS)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    out = RUNS / args.name
    out.mkdir(parents=True, exist_ok=True)
    log = (out / 'log.txt').open('w', encoding='utf-8')

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)
        log.write(msg + '\n')
        log.flush()

    t0 = time.time()
    tokens = vocabulary(args.vocab, not args.no_rule_words)
    wp = WordPiece(tokens)
    train, dev, dev_obf = data.load('train'), data.load('dev'), data.load('dev_obf')
    keep = np.ones(len(train), dtype=bool)
    if args.no_translated:
        keep = np.array([s != 'labelled/translated.csv' for s in train.source_file])
    train_obf = data.load('train_obf')
    obf_of = {i[: -len('-obf')]: k for k, i in enumerate(train_obf.ids)}

    seqs = encode_all(wp, train.norm, args.max_length)
    obf_seqs = encode_all(wp, train_obf.norm, args.max_length)
    dev_seqs = encode_all(wp, dev.norm, args.max_length)
    dev_obf_seqs = encode_all(wp, dev_obf.norm, args.max_length)
    obf_index = np.array([obf_of.get(i, -1) for i in train.ids])

    targets, mask = train.targets.copy(), train.mask.copy()
    if args.single_task:
        mask[:, 1:] = 0
    weight = train.weight * data.language_weights(train.lang)
    prop = (targets[:, 0] == 1) & keep
    pos_weight = float((weight[keep & ~prop].sum() / weight[prop].sum()) ** args.pos_power)
    negative = train.label_set == 'negative'

    pool_seqs: list[list[int]] = []
    pool_targets = np.zeros((0, len(data.OUTPUTS)), dtype=np.float32)
    if args.distill > 0:
        pool_texts, pool_raw, _ = data.load_pool()
        pool_seqs = encode_all(wp, pool_texts, args.max_length)
        # The lexical model's outputs (models/lexical) on the pool are the soft targets.
        from teacher import cached_lexical_probs
        pool_targets = cached_lexical_probs('pool', pool_texts, pool_raw, data.OUTPUTS).astype(np.float32)
    say(f'{args}\nvocab {len(tokens)}; train {int(keep.sum())} rows, pool {len(pool_seqs)}; pos_weight {pos_weight:.2f}; '
        f'setup {time.time() - t0:.0f}s')

    config = Config(vocab_size=len(tokens), outputs=len(data.OUTPUTS), hidden=args.hidden, layers=args.layers,
                    heads=args.heads, intermediate=args.intermediate, max_length=args.max_length,
                    dropout=args.dropout)
    model = Encoder(config)
    decay = [p for n, p in model.named_parameters() if p.dim() > 1 and 'positions' not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.dim() > 1 and 'positions' not in n)]
    optim = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.01}, {'params': no_decay, 'weight_decay': 0.0}],
                              lr=args.lr, betas=(0.9, 0.98))
    per_epoch = int(keep.sum() - (negative & keep).sum() * (1 - args.neg_share)
                    + len(pool_seqs) * args.pool_share) // args.batch + 1
    total = per_epoch * args.epochs
    warmup = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / (total - warmup))))
    bce = nn.BCEWithLogitsLoss(reduction='none')
    history = []

    for epoch in range(1, args.epochs + 1):
        model.train()
        te = time.time()
        chosen = np.flatnonzero(keep & (~negative | (rng.random(len(train)) < args.neg_share)))
        use_obf = (obf_index[chosen] >= 0) & (rng.random(len(chosen)) < args.obf_share)
        items = [obf_seqs[obf_index[i]] if o else seqs[i] for i, o in zip(chosen, use_obf)]
        y = targets[chosen]
        m = mask[chosen]
        w = weight[chosen] / np.where(negative[chosen], args.neg_share, 1.0)
        if len(pool_seqs):
            picked = np.flatnonzero(rng.random(len(pool_seqs)) < args.pool_share)
            items += [pool_seqs[i] for i in picked]
            t = pool_targets[picked]
            # Category outputs mean "given propaganda": the teacher's say on them counts as much as it believes that.
            pm = np.concatenate([np.ones((len(picked), 1 + len(data.CONTEXTS))),
                                 np.repeat(t[:, :1], len(data.CATEGORIES), axis=1)], axis=1).astype(np.float32)
            y = np.concatenate([y, t])
            m = np.concatenate([m, pm])
            w = np.concatenate([w, np.full(len(picked), args.distill, dtype=np.float32)])
        # Positive propaganda targets (hard or soft) carry the class-balance weight.
        yt, mt, wt = torch.from_numpy(y), torch.from_numpy(m.astype(np.float32)), torch.from_numpy(w.astype(np.float32))
        lengths = np.array([len(s) for s in items])
        running, steps = 0.0, 0
        for idx in length_batches(lengths, args.batch, rng):
            ids, attn = pad([items[i] for i in idx])
            if args.token_dropout > 0:
                content = (ids != PAD) & (ids != CLS) & (ids != SEP)
                drop = torch.from_numpy(rng.random(ids.shape) < args.token_dropout) & content
                ids = ids.masked_fill(drop, UNK)
            ti = torch.from_numpy(idx)
            logits = model(ids, attn)
            target = yt[ti]
            scale = mt[ti].clone()
            scale[:, 0] *= 1.0 + (pos_weight - 1.0) * target[:, 0]
            loss = (bce(logits, target) * scale).sum(dim=1) * wt[ti]
            loss = loss.sum() / len(idx)
            optim.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            running += loss.item()
            steps += 1
            if steps % 100 == 0:
                print(f'  step {steps}: loss {running / steps:.4f}, {(time.time() - te) / steps:.2f}s/step', file=sys.stderr,
                      flush=True)
        probs = sigmoid(predict(model, dev_seqs))
        metrics = evaluate(dev, probs)
        history.append({'epoch': epoch, 'loss': running / steps, 'dev': metrics})
        say(f'epoch {epoch}: loss {running / steps:.4f} ({time.time() - te:.0f}s) | {summary(metrics)}')

    dev_probs = sigmoid(predict(model, dev_seqs))
    obf_probs = sigmoid(predict(model, dev_obf_seqs))
    final = {'dev': evaluate(dev, dev_probs), 'dev_obf': evaluate(dev_obf, obf_probs)}
    say(f'dev_obf: {summary(final["dev_obf"])}\ntotal {time.time() - t0:.0f}s')
    torch.save(model.state_dict(), out / 'state.pt')
    (out / 'arch.json').write_text(json.dumps({'config': config.to_json(), 'vocab': args.vocab,
                                               'rule_words': not args.no_rule_words}), encoding='utf-8')
    np.save(out / 'dev.npy', dev_probs)
    np.save(out / 'dev_obf.npy', obf_probs)
    (out / 'metrics.json').write_text(json.dumps({'args': vars(args), 'final': final, 'history': history,
                                                  'seconds': time.time() - t0}, indent=1), encoding='utf-8')


if __name__ == '__main__':
    main()
