#!/usr/bin/env python3
"""Build domain-{train,test}.conllu from the hand-written domain-{train,test}.txt.

    python data/sentences/build_domain_conllu.py

Source format (see the header of domain-train.txt): one sentence per line, empty line =
paragraph break, "===" = new document, "⏎" = a single newline instead of a space (at the end
of a line: after the sentence; between words: a wrapped line inside the sentence).

The output is CoNLL-U with only ID, FORM and MISC filled in (LEMMA etc. are "_"):
``SpaceAfter=No`` where two tokens touch and ``SpacesAfter=\\n`` (the UDPipe convention)
where a single newline follows a token. Tokenisation follows the Latvian UD treebank:
abbreviations (``u.c.``, ``š.g.``, ``plkst.``, ``tālr.``, ``Nr.`` ...) and ordinal numbers
(``2023.``, ``28.``) keep their period unless it ends the sentence; other punctuation is split
off; ``,,`` (two commas used as an opening quote) is one token; e-mails, URLs, ``Erasmus+``
and project codes stay whole.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NL = "⏎"

ABBREVIATIONS = {
    "š.g.", "u.c.", "t.sk.", "utt.", "u.tml.", "t.i.", "plkst.", "nr.", "tālr.", "tel.", "piem.",
    "g.", "gs.", "s.o.s.", "mob.", "prof.", "doc.", "kab.", "str.", "sk.", "apm.", "milj.", "tūkst.",
}
LEADING = set("„“”\"«([{'‘")
TRAILING = set(",.!?:;)]}”\"»“’'…")
ORDINAL_RE = re.compile(r"^\d+\.(/\d+\.)?$")
INITIAL_RE = re.compile(r"^[A-ZĀČĒĢĪĶĻŅŠŪŽ]\.$")
ORDINAL_GLUED_RE = re.compile(r"^(\d{1,2}\.)([a-zāčēģīķļņšūž]+)$")   # 28.augustā
RANGE_ORDINAL_RE = re.compile(r"^(\d{1,2}\.)(-)(\d{1,2}\.)$")          # 16.-20.


def split_chunk(chunk: str, last: bool) -> list[str]:
    """Tokens of one whitespace-free chunk. ``last``: the chunk ends the sentence."""
    if chunk == ",,":
        return [",,"]
    lead: list[str] = []
    while chunk.startswith(",,") and len(chunk) > 2:
        lead.append(",,")
        chunk = chunk[2:]
    while len(chunk) > 1 and chunk[0] in LEADING:
        lead.append(chunk[0])
        chunk = chunk[1:]
    trail: list[str] = []
    while len(chunk) > 1 and chunk[-1] in TRAILING:
        core = chunk
        if chunk[-1] == ".":
            # keep the period of an abbreviation / ordinal / initial, unless it is a second
            # period (abbreviation + sentence end is written with one period in Latvian)
            only_final = last and not trail
            if core.lower() in ABBREVIATIONS or INITIAL_RE.match(core):
                break
            if ORDINAL_RE.match(core) and not only_final:
                break
            if RANGE_ORDINAL_RE.match(core):
                break
        if chunk.endswith("..."):
            trail.insert(0, "...")
            chunk = chunk[:-3]
            continue
        trail.insert(0, chunk[-1])
        chunk = chunk[:-1]
    middle = [chunk] if chunk else []
    m = ORDINAL_GLUED_RE.match(chunk)
    if m:
        middle = [m.group(1), m.group(2)]
    m = RANGE_ORDINAL_RE.match(chunk)
    if m:
        middle = [m.group(1), m.group(2), m.group(3)]
    # "e-pasts:" -> "e-pasts" ":" is handled by TRAILING; a ':' inside URLs stays
    return lead + middle + trail


def tokenize_sentence(line: str) -> list[tuple[str, str]]:
    """(form, following whitespace) pairs for one source sentence line."""
    parts = re.split(r"(\s+)", line.strip())
    chunks: list[tuple[str, str]] = []
    for i in range(0, len(parts), 2):
        word = parts[i]
        sep = parts[i + 1] if i + 1 < len(parts) else ""
        if word == NL:
            # marker between words: the previous chunk is followed by a newline
            w, _ = chunks[-1]
            chunks[-1] = (w, "\n")
            continue
        chunks.append((word, " " if sep else ""))
    out: list[tuple[str, str]] = []
    for ci, (chunk, sep) in enumerate(chunks):
        toks = split_chunk(chunk, last=ci == len(chunks) - 1)
        for ti, tok in enumerate(toks):
            out.append((tok, sep if ti == len(toks) - 1 else ""))
    return out


def build(src: Path, dst: Path, prefix: str) -> tuple[int, int]:
    docs: list[list[list[str]]] = [[[]]]
    for raw in src.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        line = raw.strip()
        if line == "===":
            docs.append([[]])
        elif not line:
            docs[-1].append([])
        else:
            docs[-1][-1].append(line)
    lines: list[str] = []
    n_sent = 0
    for di, doc in enumerate(d for d in docs if any(d)):
        lines.append(f"# newdoc id = {prefix}-d{di + 1}")
        for pi, par in enumerate(p for p in doc if p):
            lines.append(f"# newpar id = {prefix}-d{di + 1}-p{pi + 1}")
            for si, sent in enumerate(par):
                nl_after = sent.endswith(NL)
                if nl_after:
                    sent = sent[: -len(NL)].rstrip()
                toks = tokenize_sentence(sent)
                last_in_par = si == len(par) - 1
                text = "".join(f + (s if i < len(toks) - 1 else "") for i, (f, s) in enumerate(toks))
                lines.append(f"# sent_id = {prefix}-d{di + 1}-p{pi + 1}-s{si + 1}")
                lines.append(f"# text = {text.replace(chr(10), ' ')}")
                for ti, (form, sep) in enumerate(toks):
                    misc = []
                    if ti == len(toks) - 1:
                        if nl_after and not last_in_par:
                            misc.append("SpacesAfter=\\n")
                    elif sep == "":
                        misc.append("SpaceAfter=No")
                    elif sep == "\n":
                        misc.append("SpacesAfter=\\n")
                    cols = [str(ti + 1), form, "_", "_", "_", "_", str(0 if ti == 0 else 1),
                            "root" if ti == 0 else "dep", "_", "|".join(misc) or "_"]
                    lines.append("\t".join(cols))
                lines.append("")
                n_sent += 1
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len([d for d in docs if any(d)]), n_sent


def main() -> int:
    for part in ("train", "test"):
        n_docs, n_sent = build(HERE / f"domain-{part}.txt", HERE / f"domain-{part}.conllu", f"dom-{part}")
        print(f"domain-{part}.conllu: {n_docs} documents, {n_sent} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
