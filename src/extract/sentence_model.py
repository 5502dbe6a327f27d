"""The stanza tokenizer model called directly: one packed forward pass per call, no padding.

stanza's Pipeline spends about half of a split outside its network (profile in
docs/performance.md): its DataLoader builds per-character Python lists and numpy arrays, it
pads every paragraph of a call to the longest one (and runs the LSTMs over the padding), it
re-runs paragraphs longer than 1,000 characters window by window, and it builds a stanza
Document of dicts and objects that we only read offsets from. Here the same loaded model gets
the same inputs stanza's tokenizer data loader makes (character ids; features space, capital,
digit, end and start of paragraph; runs of whitespace collapsed to one space), as one packed
batch per call (each paragraph its own length plus the one trailing pad stanza gives the
longest), and its per-character labels (0 inside a token, 1 token end, 2 sentence end) are
decoded into character offsets as stanza's `decode_predictions` does.

The pieces of one call are only ever one text's, as before, so a text's sentences never depend
on the texts split with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

#: stanza.models.tokenization.data.WHITESPACE_RE: what the tokenizer sees as a space
_WHITESPACE_RE = re.compile(r"[\s\u0080-\u009f]")
_SPACE_RUN_RE = re.compile(r" {2,}")
_PAD_ID = 0
_UNK_ID = 1
TOKEN_END, SENTENCE_END = 1, 2
#: the features in the order the model was trained with (its ``feat_funcs``)
KNOWN_FEATURES = ("space_before", "capitalized", "numeric", "end_of_para", "start_of_para")


@dataclass
class EncodedPiece:
    """A piece of text as the model sees it: one unit per character, whitespace runs collapsed."""

    units: list[str]          # the characters (whitespace as " ")
    offsets: np.ndarray       # offsets[i]: where unit i is in the text
    ids: np.ndarray           # vocabulary ids
    feats: np.ndarray         # (len, n_features) float32


class DirectTokenizer:
    """The stanza tokenizer model of a loaded pipeline, called on our own tensors."""

    def __init__(self, model, vocab, feat_funcs: list[str]):
        unknown = [f for f in feat_funcs if f not in KNOWN_FEATURES]
        if unknown:
            raise ValueError(f"tokenizer features not supported by the direct path: {unknown}")
        self.model = model
        self.unit2id = dict(vocab._unit2id)
        self.feat_funcs = list(feat_funcs)
        self._char_rows: dict[str, tuple] = {}

    @classmethod
    def of(cls, pipeline) -> "DirectTokenizer":
        """The tokenizer model (quantised or not) of a loaded stanza Pipeline."""
        trainer = pipeline.processors["tokenize"].trainer
        return cls(trainer.model, trainer.vocab, trainer.args["feat_funcs"])

    # ------------------------------------------------------------------ encoding
    def _row(self, char: str) -> tuple:
        row = self._char_rows.get(char)
        if row is None:
            per_char = {"space_before": char == " ", "capitalized": char.isupper(),
                        "numeric": char.isdecimal()}  # stanza's NUMERIC_RE on one character
            row = (self.unit2id.get(char, _UNK_ID),
                   tuple(float(per_char.get(f, False)) for f in self.feat_funcs))
            self._char_rows[char] = row
        return row

    def encode(self, text: str, start: int, end: int) -> EncodedPiece:
        """text[start:end] (whitespace-trimmed, no paragraph break inside) as model input."""
        piece = _WHITESPACE_RE.sub(" ", text[start:end])
        keep = np.ones(len(piece), dtype=bool)
        for m in _SPACE_RUN_RE.finditer(piece):
            keep[m.start() + 1:m.end()] = False
        offsets = np.flatnonzero(keep)
        units = [piece[i] for i in offsets] if len(offsets) != len(piece) else list(piece)
        rows = [self._row(c) for c in units]
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        feats = np.array([r[1] for r in rows], dtype=np.float32).reshape(len(rows), len(self.feat_funcs))
        if "end_of_para" in self.feat_funcs:
            feats[-1, self.feat_funcs.index("end_of_para")] = 1.0
        if "start_of_para" in self.feat_funcs:
            feats[0, self.feat_funcs.index("start_of_para")] = 1.0
        return EncodedPiece(units, offsets + start, ids, feats)

    # ------------------------------------------------------------------ prediction
    def predict(self, pieces: list[EncodedPiece]) -> list[np.ndarray]:
        """Per-character labels of each piece: one packed forward pass, longest piece first
        (each row its own length plus one pad, so no row is run over another's padding)."""
        import torch

        order = sorted(range(len(pieces)), key=lambda i: -len(pieces[i].units))
        lengths = [len(pieces[i].units) + 1 for i in order]
        n_feat = len(self.feat_funcs)
        ids = torch.full((len(order), lengths[0]), _PAD_ID, dtype=torch.int64)
        feats = torch.zeros((len(order), lengths[0], n_feat), dtype=torch.float32)
        for row, i in enumerate(order):
            n = len(pieces[i].units)
            ids[row, :n] = torch.from_numpy(pieces[i].ids)
            feats[row, :n] = torch.from_numpy(pieces[i].feats)
        with torch.inference_mode():
            labels = self.model(ids, feats, lengths).argmax(dim=2).numpy()
        out: list[np.ndarray] = [np.empty(0)] * len(pieces)
        for row, i in enumerate(order):
            out[i] = labels[row, :len(pieces[i].units)].copy()
        return out


def decode(piece: EncodedPiece, labels: np.ndarray) -> list[list[tuple[int, int]]]:
    """Sentences (each a list of token spans) of one piece from its labels, as stanza's
    `output_predictions` decodes them: the last character ends a sentence, e-mails and URLs are
    one token (stanza's `update_pred_regex`), a token is the units since the last token end
    without its leading spaces (a token of spaces alone is dropped, with its sentence end)."""
    from stanza.models.tokenization.utils import update_pred_regex

    if labels[-1] < SENTENCE_END:
        labels[-1] = SENTENCE_END
    labels = update_pred_regex(piece.units, labels)
    sentences: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    units, offsets = piece.units, piece.offsets
    start = 0  # the first unit of the token being read
    for i in np.flatnonzero(labels >= TOKEN_END).tolist():
        first = start
        while first <= i and units[first] == " ":
            first += 1
        start = i + 1
        if first > i:
            continue  # only spaces: stanza drops the token and its label
        current.append((int(offsets[first]), int(offsets[i]) + 1))
        if labels[i] == SENTENCE_END:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences
