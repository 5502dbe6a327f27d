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


_CTX_KEYS = ("w=", "st=", "sh=", "s3=", "title", "lexpl=", "fn=", "orghead", "role", "initial", "punct", "orgstem")


def sentence_features(words: list[str], lex: Lexicon) -> list[list[str]]:
    own = token_features(words, lex)
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
        if i > 0:
            f.append(f"bg-={words[i - 1].lower()}|{lo}")
        if i < n - 1:
            f.append(f"bg+={lo}|{words[i + 1].lower()}")
        out.append(f)
    return out
