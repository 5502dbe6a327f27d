"""Evaluate the sentence splitter against a gold CoNLL-U file.

The raw text is rebuilt from the CoNLL-U tokens: one text per ``# newdoc`` (the whole file if
there is none), paragraphs (``# newpar``) separated by a blank line, tokens joined honouring
``SpaceAfter=No``, sentences separated by a space - or by the whitespace that the last token's
``SpacesAfter`` gives (UDPipe's convention, used by ``data/sentences/domain-*.conllu`` to mark
headlines and contact lines that end with a newline). The splitter's sentences and tokens are
written as CoNLL-U and scored with stanza's own CoNLL 2018 scorer (``ud_scores``, i.e.
``conll18_ud_eval`` as shipped in udtools).
"""
from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .sentences import SentenceSplitter

_SPACES_AFTER_RE = re.compile(r"(?:^|\|)SpacesAfter=([^|]*)")
_UNESCAPE = {"\\s": " ", "\\t": "\t", "\\n": "\n", "\\r": "\r", "\\p": "|", "\\\\": "\\"}


@dataclass
class GoldDocument:
    text: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[list[tuple[int, int]]] = field(default_factory=list)


def _spaces_after(misc: str) -> str | None:
    m = _SPACES_AFTER_RE.search(misc)
    if m:
        return re.sub(r"\\[stnrp\\]", lambda e: _UNESCAPE[e.group(0)], m.group(1))
    if "SpaceAfter=No" in misc.split("|"):
        return ""
    return None


def _append_sentence(doc: "GoldDocument", sent_toks: list[tuple[str, str | None]]) -> None:
    """A sentence's tokens added to a document's text, with their spans and the sentence's."""
    toks = []
    for i, (form, after) in enumerate(sent_toks):
        start = len(doc.text)
        doc.text += form
        toks.append((start, len(doc.text)))
        if i < len(sent_toks) - 1:
            doc.text += " " if after is None else after
        elif after:  # whitespace after the sentence given explicitly (SpacesAfter)
            doc.text += after
    doc.sentences.append((toks[0][0], toks[-1][1]))
    doc.tokens.append(toks)


def read_conllu_documents(path: Path) -> list[GoldDocument]:
    """Rebuild raw documents with gold sentence and token spans from a CoNLL-U file."""
    docs: list[GoldDocument] = []
    doc: GoldDocument | None = None
    new_doc = new_par = False
    sent_toks: list[tuple[str, str | None]] = []
    skip_to = 0

    def flush_sentence():
        nonlocal doc, new_doc, new_par
        if not sent_toks:
            return
        if doc is None or new_doc:
            doc = GoldDocument()
            docs.append(doc)
        elif new_par:
            doc.text = doc.text.rstrip() + "\n\n"
        elif doc.text and not doc.text[-1].isspace():
            doc.text += " "
        new_doc = new_par = False
        _append_sentence(doc, sent_toks)
        sent_toks.clear()

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush_sentence()
            skip_to = 0
            continue
        if line.startswith("#"):
            if line.startswith("# newdoc"):
                flush_sentence()
                new_doc = True
            elif line.startswith("# newpar"):
                flush_sentence()
                new_par = True
            continue
        cols = line.split("\t")
        tid = cols[0]
        if "." in tid:
            continue  # empty node
        if "-" in tid:  # multiword token: its surface form is the token
            a, b = (int(x) for x in tid.split("-"))
            skip_to = b
            sent_toks.append((cols[1], _spaces_after(cols[9] if len(cols) > 9 else "_")))
            continue
        if int(tid) <= skip_to:
            continue
        misc = cols[9] if len(cols) > 9 else "_"
        if "NewPar=Yes" in misc.split("|") and not sent_toks:
            new_par = True
        sent_toks.append((cols[1], _spaces_after(misc)))
    flush_sentence()
    for d in docs:
        d.text = d.text.rstrip() + "\n"
    return docs


def wrap_text(text: str, width: int) -> str:
    """Hard-wrap ``text`` at ``width`` columns by turning spaces into newlines (greedy, like a
    text editor). Offsets do not change; existing line breaks are kept."""
    chars = list(text)
    line_start = 0
    last_space = -1
    for i, c in enumerate(chars):
        if c == "\n":
            line_start, last_space = i + 1, -1
            continue
        if c == " ":
            last_space = i
        if i - line_start >= width and last_space > line_start:
            chars[last_space] = "\n"
            line_start, last_space = last_space + 1, -1
    return "".join(chars)


def _conllu(sentences: list[list[str]]) -> str:
    out = []
    for toks in sentences:
        for i, form in enumerate(toks):
            out.append(f"{i + 1}\t{form}\t_\t_\t_\t_\t{0 if i == 0 else 1}\t{'root' if i == 0 else 'dep'}\t_\t_")
        out.append("")
    return "\n".join(out) + "\n"


def _form(text: str) -> str:
    return re.sub(r"\s", " ", text)


def evaluate_conllu(path: Path, model: str = "bundled", wrap: int | None = None,
                    details: bool = False) -> dict:
    """Sentence and token F1 (percent) of the splitter on a CoNLL-U file, and its speed.

    ``wrap``: hard-wrap every text at this many columns first (checks that the line rules
    do not split sentences that merely run over a line). ``details``: also return the gold
    and predicted sentence texts that differ (``"errors"``).
    """
    from stanza.models.common.utils import ud_scores

    docs = read_conllu_documents(Path(path))
    texts = [wrap_text(d.text, wrap) if wrap else d.text for d in docs]
    splitter = SentenceSplitter(model)
    splitter.pipeline  # load outside the timing
    t0 = time.perf_counter()
    predicted = splitter.split_with_tokens(texts)
    elapsed = time.perf_counter() - t0
    n_chars = sum(len(t) for t in texts)

    gold_sents, sys_sents = [], []
    errors = []
    for d, text, pred in zip(docs, texts, predicted):
        gold_sents.extend([_form(text[a:b]) for a, b in toks] for toks in d.tokens)
        sys_sents.extend([_form(text[a:b]) for a, b in s.tokens] for s in pred)
        if details:
            g = set(d.sentences)
            p = {(s.start, s.end) for s in pred}
            for a, b in sorted(g - p):
                errors.append(("missed", text[a:b]))
            for a, b in sorted(p - g):
                errors.append(("predicted", text[a:b]))
    ev = ud_scores(io.StringIO(_conllu(gold_sents)), io.StringIO(_conllu(sys_sents)))
    res = {
        "sentences_f1": 100 * ev["Sentences"].f1,
        "tokens_f1": 100 * ev["Tokens"].f1,
        "chars_per_s": n_chars / elapsed if elapsed > 0 else float("inf"),
        "sentences_gold": len(gold_sents),
        "sentences_predicted": len(sys_sents),
        "chars": n_chars,
        "model": model,
    }
    if wrap:
        res["wrap"] = wrap
    if details:
        res["errors"] = errors
    return res
