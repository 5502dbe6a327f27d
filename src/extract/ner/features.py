"""CRF features for a sentence of tokens (surface forms only: no POS tags at run time)."""
from __future__ import annotations

from functools import lru_cache

import os

import numpy as np
import regex

from .lexicon import Lexicon

_SHAPE_SUBS = [(regex.compile(r"\p{Lu}"), "X"), (regex.compile(r"\p{Ll}"), "x"), (regex.compile(r"\d"), "d")]
_ENDINGS = sorted("s š is us a e as es ai ei u i am im um ā ē ī ū iem ām ēm īm os ās ēs īs ij".split(),
                  key=len, reverse=True)
NAME_SUFFIX = os.environ.get("EXTRACT_NER_NAMESFX", "1") == "1"
WORD_FREQ = os.environ.get("EXTRACT_NER_WORDFREQ", "1") == "1"
WORD_CLASS = os.environ.get("EXTRACT_NER_WORDCLASS", "1") == "1"
PUNCT = set(".,;:!?\"'()[]«»„“”-–—/")
STOP_CAPS = {"Es", "Tu", "Viņš", "Viņa", "Mēs", "Jūs", "Viņi", "Tas", "Tā", "Šis", "Šī", "Kā", "Kas", "Ko", "Ja",
             "Un", "Bet", "Arī", "Tomēr", "Taču", "Lai", "Kad", "Pēc", "Par", "Pie", "No", "Uz", "Ar", "Līdz"}


def shape(w: str) -> str:
    s = w
    for pat, rep in _SHAPE_SUBS:
        s = pat.sub(rep, s)
    return s


def short_shape(s: str) -> str:
    out = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=100_000)
def stem(low: str) -> str:
    for e in _ENDINGS:
        if low.endswith(e) and len(low) - len(e) >= 3:
            return low[: -len(e)]
    return low


def word_features(w: str, lex: Lexicon) -> list[str]:
    """Features of a word that depend on the word alone (w=, st=, sh= first: the ±2 context
    takes the first three)."""
    low = w.lower()
    sh = shape(w)
    ss = short_shape(sh)
    st = stem(low)
    f = [f"w={low}", f"st={st}", f"sh={ss}", f"p2={low[:2]}", f"p3={low[:3]}", f"s1={low[-1:]}",
         f"s2={low[-2:]}", f"s3={low[-3:]}", f"s4={low[-4:]}"]
    if len(sh) <= 6:
        f.append(f"fsh={sh}")
    if w[:1].isupper():
        f.append("title")
        if NAME_SUFFIX and not w.isupper() and len(w) > 3:
            # name paradigms across cases: Bērziņš / Bērziņam / Ozoliņas share `iņ`, case from the ending
            f.append(f"cs2={st[-2:]}")
            f.append(f"cs3={st[-3:]}")
            f.append(f"ce={low[len(st):]}")
    if w.isupper() and len(w) > 1:
        f.append("allcaps")
    if any(ch.isdigit() for ch in w):
        f.append("digit")
    if "-" in w[1:]:
        f.append("hyphen")
    if len(w) <= 3 and w.endswith(".") and w[:1].isupper():
        f.append("initial")
    if w in PUNCT:
        f.append("punct")
    if w in STOP_CAPS:
        f.append("stopcap")
    fn = lex.first_name_forms.get(w)
    if fn:
        f.append(f"fn={fn[2]}")
        f.append(f"fnc={fn[1]}")
    if low in lex.org_heads:
        f.append("orghead")
    elif low.startswith(lex.org_head_stems) if lex.org_head_stems else False:
        f.append("orgstem")
    if low in lex.roles:
        f.append("role")
    if WORD_CLASS:
        wc = lex.word_class.get(low)
        if wc:
            f.append(f"wc={wc}")
        if low in lex.speech_forms:
            f.append("speech")
    return f


_AFTER_OPEN = ('"', "«", "„", "“", "(", "-", ":", ".", "!", "?")


def position_features(words: list[str], lex: Lexicon, doc: "DocStats | None" = None) -> list[tuple[str, ...]]:
    """Features of each token that depend on its neighbours: capitalised first / inside a
    sentence, lexicon places (which can span several words). Only capitalised words start a
    place or get a feature of their own (a place's later words may be in lower case), so
    only they are visited; a token with no feature gets an empty tuple. With `doc`, its
    evidence (`DocStats.features`, which only capitalised words have) comes last."""
    out: list[tuple[str, ...]] = [()] * len(words)
    caps = [i for i, w in enumerate(words) if w[:1].isupper()]
    if not caps:
        return out
    places: dict[int, str] = {}
    after = 0  # the end of the last place found: a place does not start inside another
    for i in caps:
        if i >= after:
            m = lex.match_place(words, i)
            if m:
                k, entry = m
                places[i] = "lexpl=B-" + entry.kind
                for j in range(i + 1, i + k):
                    places[j] = "lexpl=I-" + entry.kind
                after = i + k
    for j, f in places.items():  # a place's words in lower case (they get nothing else)
        out[j] = (f,)
    for i in caps:
        w = words[i]
        first = i == 0 or words[i - 1] in _AFTER_OPEN
        f = ["title_first" if first else "title_mid"]
        if i in places:
            f.append(places[i])
        if first and WORD_FREQ and not w.isupper() and w not in lex.first_name_forms and w not in lex.place_forms:
            # where a capital says nothing, how common the word is in lower case (Katra 5, Rēķinu 4);
            # not for known names, which are frequent words too (jānis, rīga)
            z = int(lex.word_zipf.get(w.lower(), 0.0))
            if z >= 3:
                f.append(f"wf={min(z, 6)}")
        if doc is not None:
            f += doc.features(w)
        out[i] = tuple(f)
    return out


def token_features(words: list[str], lex: Lexicon) -> list[list[str]]:
    """Own features of each token (no context); lexicon matches can span several words."""
    pos = position_features(words, lex)
    return [word_features(w, lex) + list(p) for w, p in zip(words, pos)]


_CTX_KEYS = ("w=", "st=", "sh=", "s3=", "title", "lexpl=", "fn=", "orghead", "role", "initial", "punct", "orgstem",
             "d_", "ce=", "wc=", "speech")

_FAR_KEYS = ("wc=", "speech") if os.environ.get("EXTRACT_NER_FARWC", "1") == "1" else ()


def far_context(ctx: list[str]) -> list[str]:
    """What a word two tokens away contributes: its form, stem and shape (the first three of
    its context features), and its word class."""
    return ctx[:3] + [x for x in ctx[3:] if x.startswith(_FAR_KEYS)]


_SENTENCE_OPEN = frozenset((".", "!", "?", '"', "«", "„", "“", ":", "-"))  # a capital after these says less


class DocStats:
    """Label-free evidence from the whole document (all its sentences' words)."""

    def __init__(self, sentences: list[list[str]], lex: Lexicon):
        self.after_fn: set[str] = set()     # stems seen right after a capitalised first name
        self.cap_mid: set[str] = set()      # lower-case forms seen capitalised inside a sentence
        self.lower: set[str] = set()        # forms seen in lower case
        self._seen: dict[str, list[str]] = {}
        fn = lex.first_name_forms
        for words in sentences:
            for i, w in enumerate(words):
                if w[:1].isupper():
                    if i > 0:
                        prev = words[i - 1]
                        if prev not in _SENTENCE_OPEN:
                            self.cap_mid.add(w.lower())
                        if prev in fn and len(w) > 2:
                            self.after_fn.add(stem(w.lower()))
                elif w[:1].islower():
                    self.lower.add(w.lower())

    def features(self, w: str) -> list[str]:
        """The document's evidence about the word `w` (only capitalised words have any);
        computed once per word (the sets do not change after `__init__`)."""
        f = self._seen.get(w)
        if f is None:
            f = self._seen[w] = self._features(w)
        return f

    def _features(self, w: str) -> list[str]:
        low = w.lower()
        f = []
        if w[:1].isupper():
            if stem(low) in self.after_fn:
                f.append("d_afterfn")
            if low in self.lower:
                f.append("d_lower")
            if low in self.cap_mid:
                f.append("d_capmid")
        return f


QUOTE_OPEN = {'"', "«", "„", "“"}
QUOTE_CLOSE = {'"', "»", "”", "“"}


def _in_quotes(words: list[str]) -> list[bool]:
    out = [False] * len(words)
    open_at = None
    for i, w in enumerate(words):
        if open_at is None and w in QUOTE_OPEN:
            open_at = i
        elif open_at is not None and w in QUOTE_CLOSE:
            for j in range(open_at + 1, i):
                out[j] = True
            open_at = None
    return out


def sentence_features(words: list[str], lex: Lexicon, doc: DocStats | None = None) -> list[list[str]]:
    own = token_features(words, lex)
    if doc is not None:
        for i, w in enumerate(words):
            own[i].extend(doc.features(w))
    inq = _in_quotes(words)
    shapes = [short_shape(shape(w)) for w in words]
    ctx = [[x for x in f if x.startswith(_CTX_KEYS)] for f in own]
    n = len(words)
    out = []
    for i in range(n):
        f = ["bias"] + own[i]
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                pre = f"{d:+d}:"
                f.extend(pre + x for x in (ctx[j] if abs(d) == 1 else far_context(ctx[j])))
        lo = words[i].lower()
        if inq[i]:
            f.append("inq")
        for d in (-3, 3):
            j = i + d
            if 0 <= j < n:
                f.append(f"{d:+d}:w={words[j].lower()}")
        if i > 0:
            f.append(f"ps-={words[i - 1].lower()}|{shapes[i]}")
        if i < n - 1:
            f.append(f"ss+={shapes[i]}|{shapes[i + 1]}")
        if i > 0:
            f.append(f"bg-={words[i - 1].lower()}|{lo}")
        if i < n - 1:
            f.append(f"bg+={lo}|{words[i + 1].lower()}")
        out.append(f)
    return out


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
        f = word_features(w, self.lex)
        ctx = [x for x in f if x.startswith(_CTX_KEYS)]
        low = w.lower()
        block = self._WV[r]
        block[0] = self._sum(f)
        for k, d in enumerate(_SLOTS, start=1):
            if abs(d) == 3:
                block[k] = self._sum([f"{d:+d}:w={low}"])
            else:
                block[k] = self._sum(f"{d:+d}:" + x for x in (ctx if abs(d) == 1 else far_context(ctx)))
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
            prows += [prow[p] if p in prow else self._pos_row(p) for p in position_features(words, lex, doc)]
            qrows += [q if (q := pair_get(key)) is not None else self._pair_row(key)
                      for key in [(a << 32) | b for a, b in zip(wr, wr[1:])]]
            qrows.append(_NO_PAIR)
            quoted += _in_quotes(words)
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
