"""Tagging whole documents fast with a `CRFModel` (same labels as pycrfsuite's tagger)."""
from __future__ import annotations

import numpy as np

from .features import (CTX_KEYS, DocStats, FeatureOptions, in_quotes, far_context, position_features, shape,
                       short_shape, word_features)
from .lexicon import Lexicon

_WORD_CACHE_MAX = 30_000  # distinct words whose weights a tagger keeps (7 x labels floats each: at most ~33 MB)
_PAIR_CACHE_MAX = 60_000  # distinct word pairs with pair features (2 x labels floats each: at most ~17 MB)
_SLOTS = (-3, -2, -1, 1, 2, 3)  # a word's contributions as a context word, after its own (slot 0)
_NO_PAIR, _EMPTY_PAIR = 0, 1  # pair rows: none (a sentence's last token), a pair the model has no feature of


class FastTagger:
    """Labels whole documents with a `CRFModel`, giving the same result as
    `pycrfsuite.Tagger.tag(sentence_features(...))`. CRF state scores are sums of feature
    weights, so what a word contributes (its own features, and its features as the context
    word at -3..+3) is summed once per distinct word and kept as a (7, labels) block; the
    position features (capitalisation position, lexicon places, word frequency, document
    evidence) likewise once per distinct set, and the pair features of two neighbouring words
    (bigrams, shape pairs) once per distinct pair, as a (2, labels) block: what the pair adds
    to its left word and to its right word. A document's scores are then a few numpy gathers
    and shifted adds; the Python loop per token is one dictionary lookup of its pair."""

    def __init__(self, model, lex: Lexicon):
        self.model = model
        self.lex = lex
        self.aid = model.attr_id
        self.opts = FeatureOptions.of_model(model.attr_id)  # the feature groups the model was trained with
        self.bias = model.attr_id.get("bias", model.zero)
        n_labels = len(model.labels)
        self._row: dict[str, int] = {}  # word -> its block in _WV (row 0: all zeros, unused)
        self._ls: list[tuple[str, str]] = [("", "")]  # row -> (lower case, short shape)
        self._WV = np.zeros((1024, 1 + len(_SLOTS), n_labels))
        self._prow: dict[tuple[str, ...], int] = {(): 0}  # position features -> block in _PV
        self._PV = np.zeros((64, 3, n_labels))  # as the token's own, as the -1 and as the +1 context
        self._pair: dict[int, int] = {}  # (left word row << 32 | right word row) -> block in _QV
        self._QV = np.zeros((1024, 2, n_labels))  # rows 0 and 1 stay zero (_NO_PAIR, _EMPTY_PAIR)
        self._nq = 2
        ids = [model.attr_id.get(a) for a in ("BOS", "EOS", "inq")]
        self._bos, self._eos, self._inq = (model.W[i] if i is not None else None for i in ids)

    def _sum(self, attrs) -> np.ndarray:
        ids = [i for i in map(self.aid.get, attrs) if i is not None]
        return self.model.W[ids].sum(axis=0) if ids else 0.0

    def _word_row(self, w: str) -> int:
        r = len(self._ls)
        if r == len(self._WV):
            self._WV = np.concatenate([self._WV, np.zeros_like(self._WV)])
        f = word_features(w, self.lex, self.opts)
        ctx = [x for x in f if x.startswith(CTX_KEYS)]
        low = w.lower()
        block = self._WV[r]
        block[0] = self._sum(f)
        for k, d in enumerate(_SLOTS, start=1):
            if abs(d) == 3:
                block[k] = self._sum([f"{d:+d}:w={low}"])
            else:
                block[k] = self._sum(f"{d:+d}:" + x for x in (ctx if abs(d) == 1 else far_context(ctx, self.opts)))
        self._row[w] = r
        self._ls.append((low, short_shape(shape(w))))
        return r

    def _pos_row(self, feats: tuple[str, ...]) -> int:
        r = len(self._prow)
        if r == len(self._PV):
            self._PV = np.concatenate([self._PV, np.zeros_like(self._PV)])
        for k, pre in enumerate(("", "-1:", "+1:")):
            self._PV[r, k] = self._sum(pre + x for x in feats)
        self._prow[feats] = r
        return r

    def _pair_row(self, key: int) -> int:
        """The block of the word pair `key`: [0] what it adds to the left word (`ss+`, `bg+`),
        [1] to the right word (`ps-`, `bg-`)."""
        (llow, lsh), (rlow, rsh) = self._ls[key >> 32], self._ls[key & 0xFFFFFFFF]
        get = self.aid.get
        left = [i for i in (get(f"ss+={lsh}|{rsh}"), get(f"bg+={llow}|{rlow}")) if i is not None]
        right = [i for i in (get(f"ps-={llow}|{rsh}"), get(f"bg-={llow}|{rlow}")) if i is not None]
        if not left and not right:
            r = _EMPTY_PAIR
        else:
            r = self._nq
            if r == len(self._QV):
                self._QV = np.concatenate([self._QV, np.zeros_like(self._QV)])
            W = self.model.W
            if left:
                self._QV[r, 0] = W[left].sum(axis=0)
            if right:
                self._QV[r, 1] = W[right].sum(axis=0)
            self._nq += 1
        self._pair[key] = r
        return r

    def _forget(self) -> None:
        """Drop the cached words and pairs (never within a document)."""
        self._row.clear()
        del self._ls[1:]
        self._pair.clear()
        self._nq = 2

    def tag_document(self, sentences: list[list[str]], doc: DocStats | None = None) -> list[list[str]]:
        if len(self._ls) > _WORD_CACHE_MAX or len(self._pair) > _PAIR_CACHE_MAX:
            self._forget()
        lex = self.lex
        row, prow, pair = self._row, self._prow, self._pair
        pair_get = pair.get
        rows: list[int] = []
        prows: list[int] = []
        qrows: list[int] = []    # per token: its pair with the next token of its sentence
        quoted: list[bool] = []
        lengths = [len(words) for words in sentences]
        for words in sentences:
            n = len(words)
            if n == 0:
                continue
            wr = [row.get(w) or self._word_row(w) for w in words]
            rows += wr
            prows += [prow[p] if p in prow else self._pos_row(p) for p in position_features(words, lex, doc, self.opts)]
            qrows += [q if (q := pair_get(key)) is not None else self._pair_row(key)
                      for key in [(a << 32) | b for a, b in zip(wr, wr[1:])]]
            qrows.append(_NO_PAIR)
            quoted += in_quotes(words)
        live = [n for n in lengths if n]
        E = np.repeat(self.model.W[self.bias][None, :], len(rows), axis=0)
        if rows:
            lens = np.asarray(live, dtype=np.intp)
            last = np.cumsum(lens) - 1
            if self._bos is not None:
                E[last - lens + 1] += self._bos
            if self._eos is not None:
                E[last] += self._eos
            if self._inq is not None and any(quoted):
                E[np.asarray(quoted, dtype=bool)] += self._inq
            Q = self._QV[np.asarray(qrows[:-1], dtype=np.intp)]   # pair (t, t + 1) for every t
            E[:-1] += Q[:, 0]
            E[1:] += Q[:, 1]
            self._add_context(E, np.asarray(rows, dtype=np.intp), np.asarray(prows, dtype=np.intp), live)
        return self.model.decode(E, lengths)

    def _add_context(self, E: np.ndarray, rows: np.ndarray, prows: np.ndarray, lengths: list[int]) -> None:
        """Add to `E` each token's word block (own, and the neighbours' context slots within
        its sentence) and position block."""
        lens = np.asarray(lengths, dtype=np.intp)
        first = np.repeat(np.cumsum(lens) - lens, lens)
        at = np.arange(len(rows)) - first                    # position in the sentence
        left = np.repeat(lens, lens) - 1 - at                # tokens after it in the sentence
        V = self._WV[rows]                                   # (tokens, 7, labels)
        P = self._PV[prows]                                  # (tokens, 3, labels)
        E += V[:, 0] + P[:, 0]
        for k, d in enumerate(_SLOTS, start=1):
            if d < 0:   # token i gets the slot of word i+d (before it)
                ok = (at[-d:] >= -d)[:, None]
                E[-d:] += np.where(ok, V[:d, k], 0.0)
            else:
                ok = (left[:-d] >= d)[:, None]
                E[:-d] += np.where(ok, V[d:, k], 0.0)
        E[1:] += np.where((at[1:] >= 1)[:, None], P[:-1, 1], 0.0)
        E[:-1] += np.where((left[:-1] >= 1)[:, None], P[1:, 2], 0.0)
