"""A CRFsuite (CRF1d) model read straight from its file, scored with numpy.

`python-crfsuite`'s Tagger looks up every feature string of every token in the model's
hash tables; here the weights of the features that depend on a word alone are summed once
per distinct word (`extract.entities.fasttagger.FastTagger`) and the Viterbi runs on all the
sentences of a document at once. The result is the same labelling as `Tagger.tag`.

File layout (crfsuite `crf1d_model.c`): a 48-byte header (magic `lCRF`, size, type
`FOMC`, version, #features, #labels, #attrs, offsets of the features, the label CQDB,
the attribute CQDB and the reference tables); features as (type, src, dst, weight) with
type 0 = state (attribute -> label), 1 = transition (label -> label); CQDB: a 24-byte
header (chunk `CQDB`, size, flag, byte order, bwd_size, bwd_offset), 256 hash tables,
records (id, key size, key + NUL) and a backward array id -> record offset.
"""
from __future__ import annotations

import struct
from pathlib import Path

import numpy as np


def _cqdb_strings(buf: bytes, base: int) -> list[str]:
    chunk, size, flag, order, bwd_size, bwd_off = struct.unpack_from("<4sIIIII", buf, base)
    if chunk != b"CQDB":
        raise ValueError("not a CQDB chunk")
    offs = np.frombuffer(buf, dtype="<u4", count=bwd_size, offset=base + bwd_off)
    out = []
    unpack = struct.unpack_from
    for o in offs.tolist():
        p = base + o
        _id, ksize = unpack("<II", buf, p)
        out.append(buf[p + 8:p + 8 + ksize - 1].decode("utf-8"))
    return out


class CRFModel:
    def __init__(self, path: Path | str):
        buf = Path(path).read_bytes()
        (magic, _size, typ, _ver, n_feat, n_lab, n_attr, off_feat, off_lab, off_attr,
         _olr, _oar) = struct.unpack_from("<4sI4sIIIIIIIII", buf, 0)
        if magic != b"lCRF":
            raise ValueError(f"{path}: not a CRFsuite model")
        self.labels = _cqdb_strings(buf, off_lab)
        self._label_array = np.array(self.labels, dtype=object)
        attrs = _cqdb_strings(buf, off_attr)
        self.attr_id = {a: i for i, a in enumerate(attrs)}
        chunk, _csize, num = struct.unpack_from("<4sII", buf, off_feat)
        feats = np.frombuffer(buf, dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"),
                                                   ("w", "<f8")]), count=num, offset=off_feat + 12)
        L = len(self.labels)
        # one extra all-zero row: the id of a token with no known attribute
        self.W = np.zeros((len(attrs) + 1, L))
        self.zero = len(attrs)
        st = feats[feats["type"] == 0]
        self.W[st["src"].astype(np.int64), st["dst"].astype(np.int64)] = st["w"]
        tr = feats[feats["type"] == 1]
        self.T = np.zeros((L, L))
        self.T[tr["src"].astype(np.int64), tr["dst"].astype(np.int64)] = tr["w"]

    #: at most this many (sentence, step) cells per Viterbi batch: a long sentence among many
    #: short ones in a huge document would otherwise make (longest x sentences x labels) arrays
    BATCH_CELLS = 200_000

    def decode(self, E: np.ndarray, lengths: list[int]) -> list[list[str]]:
        """Best label sequence of each sentence: `E` holds the state scores of every token in
        turn, `lengths` how many tokens each sentence has. The sentences run together, longest
        first, in batches of about `BATCH_CELLS` (sentence, step) cells."""
        out: list[list[str]] = [[] for _ in lengths]
        lens = np.asarray(lengths, dtype=np.intp)
        first = np.zeros(len(lengths), dtype=np.intp)
        np.cumsum(lens[:-1], out=first[1:])
        order = [s for s in np.argsort(-lens, kind="stable").tolist() if lengths[s]]
        labels = self._label_array
        a = 0
        while a < len(order):
            b = a + max(1, self.BATCH_CELLS // lengths[order[a]])
            batch = order[a:b]
            seq = self._viterbi(E, lens[batch], first[batch])
            for r, s in enumerate(batch):
                out[s] = labels[seq[r, :lengths[s]]].tolist()
            a = b
        return out

    def _viterbi(self, E: np.ndarray, slen: np.ndarray, sfirst: np.ndarray) -> np.ndarray:
        """Label ids (sentences x longest) of sentences sorted longest first (so that those
        still running at step t are a prefix). Scores are kept as (labels, sentences): the
        step's max over the previous label is then over the first axis, which numpy does
        fastest; the back-pointers are not kept but found again for the chosen label only,
        from the same sums, during the back-trace (the same first-index ties as an argmax)."""
        S, L = len(slen), len(self.labels)
        tmax = int(slen[0])
        hist = np.empty((tmax, L, S))                          # score of each label at each step
        hist[0] = E[sfirst].T
        T3 = self.T[:, :, None]                                # (from, to, 1)
        k = S
        for t in range(1, tmax):
            while slen[k - 1] <= t:
                k -= 1
            cand = hist[t - 1, :, None, :k] + T3               # (from, to, k)
            np.add(cand.max(axis=0), E[sfirst[:k] + t].T, out=hist[t, :, :k])
        cols = np.arange(S)
        y = hist[slen - 1, :, cols].argmax(axis=1)             # each sentence's best last label
        seq = np.zeros((S, tmax), dtype=np.intp)
        k = 0
        for t in range(tmax - 1, 0, -1):
            while k < S and slen[k] > t:
                k += 1
            seq[:k, t] = y[:k]
            y[:k] = (hist[t - 1, :, :k] + self.T[:, y[:k]]).argmax(axis=0)
        seq[:, 0] = y
        return seq
