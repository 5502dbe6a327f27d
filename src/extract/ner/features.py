"""CRF features for a sentence of tokens (surface forms only: no POS tags at run time)."""
from __future__ import annotations

import regex

from .lexicon import Lexicon

_SHAPE_SUBS = [(regex.compile(r"\p{Lu}"), "X"), (regex.compile(r"\p{Ll}"), "x"), (regex.compile(r"\d"), "d")]
_ENDINGS = sorted("s š is us a e as es ai ei u i am im um ā ē ī ū iem ām ēm īm os ās ēs īs ij".split(),
                  key=len, reverse=True)
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


def stem(low: str) -> str:
    for e in _ENDINGS:
        if low.endswith(e) and len(low) - len(e) >= 3:
            return low[: -len(e)]
    return low


def token_features(words: list[str], lex: Lexicon) -> list[list[str]]:
    """Own features of each token (no context); lexicon matches can span several words."""
    n = len(words)
    place_tag = [None] * n
    i = 0
    while i < n:
        m = lex.match_place(words, i) if words[i][:1].isupper() else None
        if m:
            k, entry = m
            for j in range(i, i + k):
                place_tag[j] = ("B-" if j == i else "I-") + entry.kind
            i += k
        else:
            i += 1
    feats = []
    for i, w in enumerate(words):
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
            if i == 0 or words[i - 1] in ('"', "«", "„", "“", "(", "-", ":"):
                f.append("title_first")
            elif words[i - 1] in (".", "!", "?"):
                f.append("title_first")
            else:
                f.append("title_mid")
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
        if place_tag[i]:
            f.append(f"lexpl={place_tag[i]}")
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
        feats.append(f)
    return feats


_CTX_KEYS = ("w=", "st=", "sh=", "s3=", "title", "lexpl=", "fn=", "orghead", "role", "initial", "punct", "orgstem",
             "d_")


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
