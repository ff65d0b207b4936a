"""The transformer's tokeniser: a WordPiece vocabulary learnt on normalised text, and a Python encoder that
mirrors what transformers.js does with the tokenizer.json written here, id for id.

The text is already normalised by basira (src/text/normalize.ts), so the tokenizer.json has no normalizer:
it splits on whitespace and punctuation (BertPreTokenizer) and cuts words greedily into the longest pieces
in the vocabulary (WordPiece). The pieces are learnt by SentencePiece BPE over the same pre-tokenised
words (pieces never cross a word), then read as WordPiece entries: a piece that starts a word keeps its
text, one inside a word gets the "##" prefix. Every character seen often enough is in the vocabulary in
both forms, so only words with rare characters (a stray symbol) become [UNK].
"""
from __future__ import annotations

import collections
import tempfile
import unicodedata
from pathlib import Path

SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
PAD, UNK, CLS, SEP = 0, 1, 2, 3
PREFIX = '##'
MAX_WORD_CHARS = 100

# JavaScript's \s (what transformers.js's BertPreTokenizer splits on): Python's str.split() differs
# (it also splits on U+001C-U+001F and U+0085, and not on U+FEFF).
_JS_WHITESPACE = frozenset(
    '\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff' + ''.join(chr(c) for c in range(0x2000, 0x200B))
)


def is_punctuation(ch: str) -> bool:
    """transformers.js PUNCTUATION_REGEX: \\p{P} and the ASCII symbol ranges."""
    cp = ord(ch)
    if 0x21 <= cp <= 0x2F or 0x3A <= cp <= 0x40 or 0x5B <= cp <= 0x60 or 0x7B <= cp <= 0x7E:
        return True
    return unicodedata.category(ch).startswith('P')


def pre_tokenize(text: str) -> list[str]:
    """`text.trim().match(/[^\\s P]+|[P]/gu)`: runs of other characters, and each punctuation mark alone."""
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch in _JS_WHITESPACE:
            if current:
                words.append(''.join(current))
                current = []
        elif is_punctuation(ch):
            if current:
                words.append(''.join(current))
                current = []
            words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append(''.join(current))
    return words


class WordPiece:
    """Greedy longest-match-first WordPiece over a fixed vocabulary, as transformers.js runs it."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.vocab = {t: i for i, t in enumerate(tokens)}
        self._cache: dict[str, list[int]] = {}

    def word(self, word: str) -> list[int]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        ids = self._split(word)
        if len(self._cache) < 2_000_000:
            self._cache[word] = ids
        return ids

    def _split(self, word: str) -> list[int]:
        if len(word) > MAX_WORD_CHARS:
            return [UNK]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else PREFIX + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [UNK]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str, max_length: int) -> tuple[list[int], bool]:
        """[CLS] pieces [SEP], cut to max_length like src/model/batch.ts (the text is cut, [SEP] stays).
        Returns the ids and whether the text was cut."""
        content = [i for w in pre_tokenize(text) for i in self.word(w)]
        cut = len(content) + 2 > max_length
        return [CLS, *content[: max_length - 2], SEP], cut


def learn_vocab(texts: list[str], size: int, min_char_count: int, whole_words: list[str] = (),
                min_word_count: int = 3) -> list[str]:
    """A vocabulary of about `size` entries: specials, frequent characters in both forms, the `whole_words`
    that occur at least `min_word_count` times (kept whole, so that greedy matching never reads them as a
    piece they share with a word of the opposite stance), then BPE pieces.
    Deterministic: SentencePiece reads every sentence, in order (no sampling, no shuffling)."""
    import sentencepiece as spm  # only needed when learning a vocabulary

    words_per_text = [pre_tokenize(t) for t in texts]
    char_counts = collections.Counter(ch for words in words_per_text for w in words for ch in w)
    chars = sorted(ch for ch, n in char_counts.items() if n >= min_char_count)
    word_counts = collections.Counter(w for words in words_per_text for w in words)
    kept = sorted({w for w in whole_words if len(w) > 1 and word_counts[w] >= min_word_count})
    fixed = SPECIALS + chars + [PREFIX + ch for ch in chars] + kept
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / 'corpus.txt'
        # One text per line, words separated by single spaces: pieces can then never cross a word.
        corpus.write_text('\n'.join(' '.join(w) for w in words_per_text if w) + '\n', encoding='utf-8')
        spm.SentencePieceTrainer.train(
            input=str(corpus),
            model_prefix=str(Path(tmp) / 'bpe'),
            model_type='bpe',
            # SentencePiece counts its 3 specials, every character and the word marker as pieces too.
            vocab_size=size - len(fixed) + len(char_counts) + 4,
            hard_vocab_limit=False,
            character_coverage=1.0,
            normalization_rule_name='identity',
            split_by_whitespace=True,
            split_digits=False,
            max_sentencepiece_length=16,
            input_sentence_size=0,
            shuffle_input_sentence=False,
            num_threads=1,
            seed_sentencepiece_size=200000,
            minloglevel=2,
        )
        processor = spm.SentencePieceProcessor(model_file=str(Path(tmp) / 'bpe.model'))
        pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    seen = set(fixed)
    learnt = []
    for p in pieces:
        if p in ('<unk>', '<s>', '</s>') or p == '\u2581':
            continue
        entry = p[1:] if p.startswith('\u2581') else PREFIX + p
        if len(entry) > 1 and entry not in seen and not (entry.startswith(PREFIX) and len(entry) == len(PREFIX) + 1):
            seen.add(entry)
            learnt.append(entry)
    return fixed + learnt[: max(0, size - len(fixed))]


def tokenizer_json(tokens: list[str]) -> dict:
    """The tokenizer.json that transformers.js (and Hugging Face tokenizers) load."""
    ids = {t: i for i, t in enumerate(tokens)}
    special = [
        {'id': ids[t], 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False,
         'special': True}
        for t in SPECIALS
    ]

    def ref(tok: str) -> dict:
        return {'id': tok, 'ids': [ids[tok]], 'tokens': [tok]}

    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': special,
        # basira normalises every post before the model sees it; a second normaliser would only diverge.
        'normalizer': None,
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                       {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}],
            'pair': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 1}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 1}}],
            'special_tokens': {'[CLS]': ref('[CLS]'), '[SEP]': ref('[SEP]')},
        },
        'decoder': {'type': 'WordPiece', 'prefix': PREFIX, 'cleanup': True},
        'model': {'type': 'WordPiece', 'unk_token': '[UNK]', 'continuing_subword_prefix': PREFIX,
                  'max_input_chars_per_word': MAX_WORD_CHARS, 'vocab': ids},
    }


def tokenizer_config(max_length: int) -> dict:
    return {
        'tokenizer_class': 'BertTokenizer',
        'do_lower_case': False,
        'model_max_length': max_length,
        'padding_side': 'right',
        'cls_token': '[CLS]',
        'sep_token': '[SEP]',
        'pad_token': '[PAD]',
        'unk_token': '[UNK]',
        'mask_token': '[MASK]',
        'clean_up_tokenization_spaces': True,
    }
