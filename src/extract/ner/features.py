"""CRF features for a sentence of tokens (surface forms only: no POS tags at run time)."""
from __future__ import annotations

from functools import lru_cache

import os

import regex

from .lexicon import Lexicon

_SHAPE_SUBS = [(regex.compile(r"\p{Lu}"), "X"), (regex.compile(r"\p{Ll}"), "x"), (regex.compile(r"\d"), "d")]
_ENDINGS = sorted("s š is us a e as es ai ei u i am im um ā ē ī ū iem ām ēm īm os ās ēs īs ij".split(),
                  key=len, reverse=True)
NAME_SUFFIX = os.environ.get("EXTRACT_NER_NAMESFX", "1") == "1"
WORD_FREQ = os.environ.get("EXTRACT_NER_WORDFREQ", "1") == "1"
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
    return f


_AFTER_OPEN = ('"', "«", "„", "“", "(", "-", ":", ".", "!", "?")


def position_features(words: list[str], lex: Lexicon) -> list[list[str]]:
    """Features of each token that depend on its neighbours: capitalised first / inside a
    sentence, lexicon places (which can span several words)."""
    n = len(words)
    out: list[list[str]] = [[] for _ in range(n)]
    i = 0
    while i < n:
        m = lex.match_place(words, i) if words[i][:1].isupper() else None
        if m:
            k, entry = m
            for j in range(i, i + k):
                out[j].append(("lexpl=B-" if j == i else "lexpl=I-") + entry.kind)
            i += k
        else:
            i += 1
    for i, w in enumerate(words):
        if w[:1].isupper():
            first = i == 0 or words[i - 1] in _AFTER_OPEN
            out[i].insert(0, "title_first" if first else "title_mid")
            if first and WORD_FREQ and not w.isupper() and w not in lex.first_name_forms and w not in lex.place_forms:
                # where a capital says nothing, how common the word is in lower case (Katra 5, Rēķinu 4);
                # not for known names, which are frequent words too (jānis, rīga)
                z = int(lex.word_zipf.get(w.lower(), 0.0))
                if z >= 3:
                    out[i].append(f"wf={min(z, 6)}")
    return out


def token_features(words: list[str], lex: Lexicon) -> list[list[str]]:
    """Own features of each token (no context); lexicon matches can span several words."""
    pos = position_features(words, lex)
    return [word_features(w, lex) + p for w, p in zip(words, pos)]


_CTX_KEYS = ("w=", "st=", "sh=", "s3=", "title", "lexpl=", "fn=", "orghead", "role", "initial", "punct", "orgstem",
             "d_", "ce=")


class DocStats:
    """Label-free evidence from the whole document (all its sentences' words)."""

    def __init__(self, sentences: list[list[str]], lex: Lexicon):
        self.after_fn: set[str] = set()     # stems seen right after a capitalised first name
        self.cap_mid: set[str] = set()      # lower-case forms seen capitalised inside a sentence
        self.lower: set[str] = set()        # forms seen in lower case
        for words in sentences:
            for i, w in enumerate(words):
                low = w.lower()
                if w[:1].isupper():
                    if i > 0 and words[i - 1] not in (".", "!", "?", '"', "«", "„", "“", ":", "-"):
                        self.cap_mid.add(low)
                    if i > 0 and words[i - 1] in lex.first_name_forms and len(w) > 2:
                        self.after_fn.add(stem(low))
                elif w[:1].islower():
                    self.lower.add(low)

    def features(self, w: str) -> list[str]:
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
                f.extend(pre + x for x in (ctx[j] if abs(d) == 1 else ctx[j][:3]))
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


_WORD_CACHE_MAX = 200_000
_NO_POS: tuple[list[int], list[int], list[int]] = ([], [], [])


class FastTagger:
    """Labels whole documents with a `CRFModel`, giving the same result as
    `pycrfsuite.Tagger.tag(sentence_features(...))`: the attribute ids that depend on a
    word alone (its own features and what it contributes as a context word at -3..+3) are
    looked up once per distinct word and kept; only the features that depend on the
    neighbours (bigrams, shapes, capitalisation position, lexicon places, quotes, document
    evidence) are built per token."""

    def __init__(self, model, lex: Lexicon):
        self.model = model
        self.lex = lex
        self.aid = model.attr_id
        self.bias = model.attr_id.get("bias", model.zero)
        self._words: dict[str, tuple] = {}
        self._pos: dict[tuple[str, ...], tuple[list[int], list[int], list[int]]] = {}

    def _pos_ids(self, feats: tuple[str, ...]) -> tuple[list[int], list[int], list[int]]:
        """Attribute ids of a token's position features (a small set: capitalisation, lexicon
        places, word frequency, document evidence), as its own and as the -1 / +1 context."""
        got = self._pos.get(feats)
        if got is None:
            aid = self.aid
            got = tuple([aid[a] for a in (pre + x for x in feats) if a in aid] for pre in ("", "-1:", "+1:"))
            self._pos[feats] = got
        return got

    def _word(self, w: str) -> tuple:
        aid = self.aid
        f = word_features(w, self.lex)
        own = [aid[x] for x in f if x in aid]
        ctx = [x for x in f if x.startswith(_CTX_KEYS)]
        by_d = {}
        for d in (-2, -1, 1, 2):
            pre = f"{d:+d}:"
            by_d[d] = [aid[a] for a in (pre + x for x in (ctx if abs(d) == 1 else ctx[:3])) if a in aid]
        low = w.lower()
        for d in (-3, 3):
            a = f"{d:+d}:w={low}"
            by_d[d] = [aid[a]] if a in aid else []
        info = (own, by_d[-3], by_d[-2], by_d[-1], by_d[1], by_d[2], by_d[3], low, short_shape(shape(w)))
        if len(self._words) >= _WORD_CACHE_MAX:
            self._words.clear()
        self._words[w] = info
        return info

    def tag_document(self, sentences: list[list[str]], doc: DocStats | None = None) -> list[list[str]]:
        aid = self.aid
        get = aid.get
        cache = self._words
        lex = self.lex
        ids: list[int] = []
        counts: list[int] = []
        lengths: list[int] = []
        doc_cache: dict[str, list[str]] = {}
        bos, eos, inq_id = get("BOS"), get("EOS"), get("inq")
        pos_ids = self._pos_ids
        for words in sentences:
            n = len(words)
            lengths.append(n)
            if n == 0:
                continue
            infos = [cache.get(w) or self._word(w) for w in words]
            pos = position_features(words, lex)
            if doc is not None:
                for i, w in enumerate(words):
                    df = doc_cache.get(w)
                    if df is None:
                        df = doc_cache[w] = doc.features(w)
                    if df:
                        pos[i] = pos[i] + df
            inq = _in_quotes(words)
            # ids of each token's position features: as its own (0), as the -1 (1) and +1 (2) context
            pids = [pos_ids(tuple(p)) if p else _NO_POS for p in pos]
            for i in range(n):
                start = len(ids)
                wi = infos[i]
                ids.append(self.bias)
                ids += wi[0]
                ids += pids[i][0]
                if i == 0:
                    if bos is not None:
                        ids.append(bos)
                else:
                    p = infos[i - 1]
                    ids += p[3]                       # as the -1 context word
                    ids += pids[i - 1][1]
                    pair = (f"ps-={p[7]}|{wi[8]}", f"bg-={p[7]}|{wi[7]}")  # with the word before
                    ids += [a for a in map(get, pair) if a is not None]
                    if i >= 2:
                        ids += infos[i - 2][2]
                        if i >= 3:
                            ids += infos[i - 3][1]
                if i == n - 1:
                    if eos is not None:
                        ids.append(eos)
                else:
                    q = infos[i + 1]
                    ids += q[4]
                    ids += pids[i + 1][2]
                    pair = (f"ss+={wi[8]}|{q[8]}", f"bg+={wi[7]}|{q[7]}")  # with the word after
                    ids += [a for a in map(get, pair) if a is not None]
                    if i + 2 < n:
                        ids += infos[i + 2][5]
                        if i + 3 < n:
                            ids += infos[i + 3][6]
                if inq[i] and inq_id is not None:
                    ids.append(inq_id)
                counts.append(len(ids) - start)
        return self.model.viterbi(ids, counts, lengths)
