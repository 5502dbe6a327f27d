"""CRF features for a sentence of tokens (surface forms only: no POS tags at run time)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .lexicon import Lexicon

_SHAPE_SUBS = [(regex.compile(r"\p{Lu}"), "X"), (regex.compile(r"\p{Ll}"), "x"), (regex.compile(r"\d"), "d")]
_ENDINGS = sorted("s š is us a e as es ai ei u i am im um ā ē ī ū iem ām ēm īm os ās ēs īs ij".split(),
                  key=len, reverse=True)


@dataclass(frozen=True)
class FeatureOptions:
    """Which optional feature groups a model uses: chosen when training (scripts/train_ner.py
    flags), read back from the model's attributes when tagging (`of_model`)."""
    name_suffix: bool = True   # cs2= cs3= ce=: name paradigms across cases
    word_freq: bool = True     # wf=: how common a capitalised sentence-first word is in lower case
    word_class: bool = True    # wc= speech: the word's usual part of speech, verbs of saying
    far_word_class: bool = True  # the word class of words two tokens away too

    @classmethod
    def of_model(cls, attr_id) -> "FeatureOptions":
        """The options a trained model's attribute names show."""
        def has(*prefixes: str) -> bool:
            return any(a.startswith(prefixes) for a in attr_id)
        return cls(name_suffix=has("cs2="), word_freq=has("wf="), word_class=has("wc=", "speech"),
                    far_word_class=has("-2:wc=", "+2:wc=", "-2:speech", "+2:speech"))

    def far_keys(self) -> tuple[str, ...]:
        return ("wc=", "speech") if self.far_word_class else ()


ALL_FEATURES = FeatureOptions()
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


def word_features(w: str, lex: Lexicon, opts: FeatureOptions = ALL_FEATURES) -> list[str]:
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
        if opts.name_suffix and not w.isupper() and len(w) > 3:
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
    if opts.word_class:
        wc = lex.word_class.get(low)
        if wc:
            f.append(f"wc={wc}")
        if low in lex.speech_forms:
            f.append("speech")
    return f


_AFTER_OPEN = ('"', "«", "„", "“", "(", "-", ":", ".", "!", "?")


def position_features(words: list[str], lex: Lexicon, doc: "DocStats | None" = None,
                      opts: FeatureOptions = ALL_FEATURES) -> list[tuple[str, ...]]:
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
        if first and opts.word_freq and not w.isupper() and w not in lex.first_name_forms and w not in lex.place_forms:
            # where a capital says nothing, how common the word is in lower case (Katra 5, Rēķinu 4);
            # not for known names, which are frequent words too (jānis, rīga)
            z = int(lex.word_zipf.get(w.lower(), 0.0))
            if z >= 3:
                f.append(f"wf={min(z, 6)}")
        if doc is not None:
            f += doc.features(w)
        out[i] = tuple(f)
    return out


def token_features(words: list[str], lex: Lexicon, opts: FeatureOptions = ALL_FEATURES) -> list[list[str]]:
    """Own features of each token (no context); lexicon matches can span several words."""
    pos = position_features(words, lex, None, opts)
    return [word_features(w, lex, opts) + list(p) for w, p in zip(words, pos)]


CTX_KEYS = ("w=", "st=", "sh=", "s3=", "title", "lexpl=", "fn=", "orghead", "role", "initial", "punct", "orgstem",
             "d_", "ce=", "wc=", "speech")

def far_context(ctx: list[str], opts: FeatureOptions = ALL_FEATURES) -> list[str]:
    """What a word two tokens away contributes: its form, stem and shape (the first three of
    its context features), and its word class."""
    return ctx[:3] + [x for x in ctx[3:] if x.startswith(opts.far_keys())]


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


def in_quotes(words: list[str]) -> list[bool]:
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


def sentence_features(words: list[str], lex: Lexicon, doc: DocStats | None = None,
                      opts: FeatureOptions = ALL_FEATURES) -> list[list[str]]:
    own = token_features(words, lex, opts)
    if doc is not None:
        for i, w in enumerate(words):
            own[i].extend(doc.features(w))
    inq = in_quotes(words)
    shapes = [short_shape(shape(w)) for w in words]
    ctx = [[x for x in f if x.startswith(CTX_KEYS)] for f in own]
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
                f.extend(pre + x for x in (ctx[j] if abs(d) == 1 else far_context(ctx[j], opts)))
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
