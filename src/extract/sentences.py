"""Latvian sentence splitting (and tokenisation) with stanza, fully offline.

The bundled model ``models/lv_tokenizer.pt`` is a stanza tokenizer trained by this project
(``scripts/train_sentence_model.py``); stanza is loaded through its public ``Pipeline`` API
with an empty resources directory and ``download_method=None``, so it never goes online.

On top of the model, line structure decides some boundaries before stanza sees the text:

* a blank line (paragraph break) always ends a sentence;
* a single newline ends a sentence when the line before it has no sentence-final
  punctuation and the break is *deliberate*: a headline, a list item, a signature or contact
  line. A break is taken as deliberate when the next line's first word would have fitted on
  the line (so it was not made by wrapping the text at a fixed width), the line does not end
  in a comma, colon, hyphen or a preposition/conjunction, and the next line starts like a
  new sentence (capital, digit, quote, list bullet) or the lines are contact/signature lines.
  A sentence hard-wrapped over several lines is therefore not split (measured with
  ``sentence_eval.evaluate_conllu(..., wrap=N)``).

Each resulting piece is a paragraph for the model (called directly, `sentence_model`); the
pieces of one text go to it together, never with another text's. A text's sentences therefore
never depend on the texts split with it: the int8 model scales its activations per batch, so
a document split with others once came out in 60 sentences and alone in 61.
"""
from __future__ import annotations

import bisect
import contextlib
import ctypes
import functools
import json
import logging
import os
import re
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from .windows import bounded_pieces, trimmed

MODELS_DIR = Path(__file__).resolve().parent / "models"
BUNDLED_MODEL = MODELS_DIR / "lv_tokenizer.pt"
MODEL_NAMES = ("bundled", "official")

# stanza's own paragraph-break pattern (stanza.models.tokenization.data.NEWLINE_WHITESPACE_RE)
PARAGRAPH_BREAK_RE = re.compile(r"\n[\s\u0080-\u009f]*\n")
_LINE_RE = re.compile(r"[^\n]*")
_FINAL_RE = re.compile(r"[.!?…]+[\"'”“»’)\]]*$")
_BULLET_RE = re.compile(r"^(?:[-–—•*·▪►‣○●]\s|\d{1,2}[.)]\s|[a-zāčēģīķļņšūž][.)]\s)")
_CONTACT_RE = re.compile(
    r"(?i)(?:\btālr\.|\btel\.|\bmob\.|\bfakss?\b|\be-pasts?\b|\be-mail\b|\bwww\.|https?://|\S@\S|"
    r"\+371|(?<!\d)\d{8}(?!\d)|(?<!\d)\d{3}[ -]\d{3}[ -]\d{2,4}(?!\d))")
_OPENERS = "\"'„“”«‘([,"
# a line ending in one of these words goes on in the next line
_CONTINUATION_WORDS = frozenset("""
un vai bet ar par uz no pie pēc līdz kā ka kas kur lai jo arī gan ir nav bija būs tā to tās tie
šo šī šis šīs pret bez starp zem virs pa caur aiz priekš pirms ap kamēr ja kad nekā nevis tomēr
taču savukārt kuru kura kuri kuras kurā kurš kam ko tik ļoti vēl jau tikai pat ne nedz
""".split())
_MIN_WIDTH = 50   # texts wrapped narrower than this are not recognised as wrapped

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sentence:
    """A sentence: character offsets into the text (whitespace trimmed) and its tokens."""

    start: int
    end: int
    tokens: tuple[tuple[int, int], ...] = field(default=())


class ModelNotAvailable(RuntimeError):
    """The requested stanza model file is not on this machine."""


# ----------------------------------------------------------------------------- models
def _stanza_resources_dir() -> Path:
    return Path(os.environ.get("STANZA_RESOURCES_DIR") or Path.home() / "stanza_resources")


def official_model_path() -> Path | None:
    """stanza's official Latvian tokenizer in STANZA_RESOURCES_DIR (or ~/stanza_resources)."""
    tok_dir = _stanza_resources_dir() / "lv" / "tokenize"
    preferred = tok_dir / "lvtb.pt"
    if preferred.is_file():
        return preferred
    found = sorted(tok_dir.glob("*.pt")) if tok_dir.is_dir() else []
    return found[0] if found else None


def model_path(model: str) -> Path:
    """Resolve "bundled", "official" or a path to a stanza tokenizer ``.pt`` file."""
    if model == "bundled":
        if not BUNDLED_MODEL.is_file():
            raise ModelNotAvailable(f"the bundled sentence model is missing: {BUNDLED_MODEL} "
                                    "(train it with scripts/train_sentence_model.py)")
        return BUNDLED_MODEL
    if model == "official":
        p = official_model_path()
        if p is None:
            raise ModelNotAvailable(
                f"stanza's official Latvian tokenizer is not installed: no "
                f"{_stanza_resources_dir() / 'lv' / 'tokenize' / 'lvtb.pt'} (set STANZA_RESOURCES_DIR or "
                "install it with stanza.download('lv', processors='tokenize') on a machine with internet); "
                "use model='bundled' for the model shipped with extract")
        return p
    p = Path(model).expanduser()
    if p.is_file():
        return p
    raise ModelNotAvailable(f"unknown sentence model {model!r}: use 'bundled', 'official' or a path to a .pt file")


def available_models() -> list[dict]:
    """The sentence models ``extract models`` lists: name, path, present."""
    official = official_model_path()
    return [
        {"name": "bundled", "path": str(BUNDLED_MODEL), "present": BUNDLED_MODEL.is_file(),
         "description": "project-trained stanza tokenizer (CC BY-SA 4.0, see models/NOTICE)"},
        {"name": "official",
         "path": str(official or _stanza_resources_dir() / "lv" / "tokenize" / "lvtb.pt"),
         "present": official is not None,
         "description": "stanza's official Latvian (LVTB) tokenizer, if installed"},
    ]


_PIPELINES: dict[str, object] = {}
_LOCK = threading.Lock()


def _without_optimizer():
    """While a stanza tokenizer loads for inference: no Adam optimizer. stanza's tokenizer
    Trainer builds one in its constructor even to predict, and torch's Optimizer imports
    torch._dynamo on first use: measured 1.5-2.2 s of the 2.2 s the pipeline took to load,
    paid again by every process (each worker, each `extract run`). Prediction never touches it."""
    try:
        import stanza.models.common.utils as stanza_utils
    except ImportError:  # pragma: no cover - stanza absent: nothing to patch
        return contextlib.nullcontext()
    if not hasattr(stanza_utils, "get_optimizer"):  # pragma: no cover - another stanza layout
        return contextlib.nullcontext()
    return mock.patch.object(stanza_utils, "get_optimizer", lambda *args, **kwargs: None)


def _load_pipeline(path: Path, quantize: bool = True):
    key = f"{path.resolve()}|q={int(quantize)}"
    with _LOCK:
        nlp = _PIPELINES.get(key)
        if nlp is None:
            import stanza

            # stanza wants a resources directory even for a model given by path; an empty one,
            # read only while the pipeline is built, then removed (no temp dirs left per process)
            with tempfile.TemporaryDirectory(prefix="extract-stanza-") as res_dir:
                (Path(res_dir) / "resources.json").write_text(json.dumps({}), encoding="utf-8")
                with _without_optimizer():
                    nlp = stanza.Pipeline(lang="lv", processors="tokenize", tokenize_model_path=str(path),
                                          dir=res_dir, download_method=None, use_gpu=False,
                                          logging_level="ERROR")
            if quantize:
                _quantize(nlp)
            _PIPELINES[key] = nlp
        return nlp


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's malloc_trim, or None (another C library, another system)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


TRIM_AFTER_CHARS = 250_000
_untrimmed = [0]  # characters split since the heap was last trimmed


def release_freed_memory(chars: int = TRIM_AFTER_CHARS) -> None:
    """Hand the memory freed by stanza calls back to the system, once the calls since the last
    time have split `TRIM_AFTER_CHARS` characters (one call on a long text: at once). The
    tokenizer's buffers are large and of varying size; glibc keeps the freed ones in its heap,
    which grew a worker by ~40 MB per 1,000 documents with the quantised model (531 -> 660 MB
    peak RSS from 500 to 2,000 bench documents); a fixed mmap threshold instead made splitting
    50 % slower. Trimming after every call of 8 documents kept RSS as flat, but the 100-180 MB
    it released were faulted in again by the next call: measured on 500 bench documents, 1.6-1.9
    million page faults and 3.4-3.7 s of system time against 0.3 million and 0.9 s untrimmed."""
    _untrimmed[0] += chars
    if _untrimmed[0] < TRIM_AFTER_CHARS:
        return
    _untrimmed[0] = 0
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


#: int8 weights for the tokenizer's LSTMs and linear layers unless a splitter is made with
#: ``quantize=False``; an explicit option, never an environment switch, so that nothing outside a
#: run's options changes what it extracts
QUANTIZE_DEFAULT = True


def _quantize(nlp) -> None:
    """Dynamic int8 quantisation of the tokenizer model (torch.ao, weights quantised once at
    load, activations on the fly), for prediction on the CPU: the LSTMs are most of the
    splitting's time, and splitting runs 1.6x faster on one core, faster than the float model
    on two; the sentences are as good (lvtb-ud-dev and the domain test, see README). Left as
    float if this torch build cannot quantise."""
    import warnings

    import torch

    proc = nlp.processors.get("tokenize")
    trainer = getattr(proc, "trainer", None)
    model = getattr(trainer, "model", None)
    if model is None or "fbgemm" not in torch.backends.quantized.supported_engines:
        return
    try:
        with warnings.catch_warnings():
            # torch 2.13 marks the quantised-tensor constructors deprecated; still supported
            warnings.simplefilter("ignore")
            trainer.model = torch.ao.quantization.quantize_dynamic(
                model, {torch.nn.LSTM, torch.nn.Linear}, dtype=torch.qint8)
    except (AttributeError, RuntimeError, NotImplementedError) as exc:  # pragma: no cover
        log.warning("sentence model left unquantised: %s", exc)


# ----------------------------------------------------------------------------- line rules
def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the lines of text[start:end], without the newline."""
    out = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            out.append((pos, end))
            break
        out.append((pos, nl))
        pos = nl + 1
    return out


def break_ends_sentence(prev: str, nxt: str, width: int = 80) -> bool:
    """Does a single newline between the lines ``prev`` and ``nxt`` end a sentence before the
    model sees the text? ``width``: the widest line of the text (the wrap width, if any).
    False also where the model is left to decide (``prev`` ends with final punctuation)."""
    p, n = prev.strip(), nxt.strip()
    if not p or not n:
        return bool(p)  # an empty line around: a paragraph break anyway
    if _FINAL_RE.search(p):
        return False  # sentence-final punctuation: the model decides (abbreviations etc.)
    first = n.split()[0]
    fits = len(p) + 1 + len(first) <= width  # the next word would have fitted: not a wrap
    bullet = bool(_BULLET_RE.match(n))
    last = p[-1]
    if bullet and (fits or last in ":;"):
        return True
    if last == ";":
        return fits
    if last in ",:(-–—/&+=\u00ad":
        return False
    words = p.split()
    if words[-1].lower().strip("\"'„“”«»()[]") in _CONTINUATION_WORDS:
        return False
    contact = bool(_CONTACT_RE.search(p)) or bool(_CONTACT_RE.search(n))
    if not fits:
        return False
    if n[0].isupper() or n[0].isdigit() or n[0] in _OPENERS:
        return True
    if contact:
        return True
    # signature blocks: a name line followed by a short line ("Inese Kalēja\nprojekta vadītāja")
    return (len(words) <= 4 and all(w[0].isupper() for w in words) and len(n.split()) <= 4
            and not _FINAL_RE.search(n))


def segments(text: str) -> list[tuple[int, int]]:
    """Pieces of ``text`` that no sentence crosses: paragraphs (blank lines) cut further at
    deliberate line breaks (:func:`break_ends_sentence`), and very long pieces cut shorter
    (`windows.bounded_pieces`). Whitespace-only pieces are dropped."""
    # the widest line is the wrap width if the text is hard-wrapped; lines shorter than
    # _MIN_WIDTH are not taken to be wrapped (a headline may be the longest line of a text)
    width = max([len(text[a:b].rstrip()) for a, b in _lines(text, 0, len(text))] + [_MIN_WIDTH])
    out: list[tuple[int, int]] = []
    pos = 0
    for m in list(PARAGRAPH_BREAK_RE.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        _cut_block(text, pos, end, width, out)
        if m:
            pos = m.end()
    return [piece for a, b in out for piece in bounded_pieces(text, a, b)]


def _cut_block(text: str, start: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    lines = _lines(text, start, end)
    seg_start = start
    for (a, b), (c, d) in zip(lines, lines[1:]):
        if break_ends_sentence(text[a:b], text[c:d], width):
            _add(text, seg_start, b, out)
            seg_start = c
    _add(text, seg_start, end, out)


def _add(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    out.extend(trimmed(text, a, b))


# ----------------------------------------------------------------------------- splitter
class SentenceSplitter:
    """Splits Latvian texts into sentences (and tokens) with a stanza tokenizer model.

    ``model``: "bundled" (the model shipped with extract), "official" (stanza's own Latvian
    model from STANZA_RESOURCES_DIR or ~/stanza_resources) or a path to a tokenizer ``.pt``.
    ``quantize``: dynamic int8 quantisation of the model (see `_quantize`); False keeps it float.
    The stanza pipeline is loaded lazily, once per process, model and quantisation.
    """

    #: characters handed to stanza per call (bounds memory on big batches)
    batch_chars = 200_000

    def __init__(self, model: str = "bundled", quantize: bool = QUANTIZE_DEFAULT, direct: bool = True):
        self.model = model
        self.quantize = quantize
        self.direct = direct
        self.path = model_path(model)
        self._direct = None

    @property
    def pipeline(self):
        return _load_pipeline(self.path, self.quantize)

    @property
    def tokenizer(self):
        """The pipeline's model called directly (`sentence_model.DirectTokenizer`)."""
        if self._direct is None:
            from .sentence_model import DirectTokenizer
            self._direct = DirectTokenizer.of(self.pipeline)
        return self._direct

    def split(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        """Sentence spans (start, end), whitespace trimmed, for each text."""
        return [[(s.start, s.end) for s in sents] for sents in self.split_with_tokens(texts)]

    def split_with_tokens(self, texts: list[str]) -> list[list[Sentence]]:
        """Sentences with their token spans for each text. Each text is split in stanza calls of
        its own (a long one in several of about `batch_chars`), so that its sentences are the
        same whatever texts are split with it (see the module's docstring)."""
        result: list[list[Sentence]] = [[] for _ in texts]
        for ti, text in enumerate(texts):
            batch: list[tuple[int, int, int]] = []  # (text index, start, end)
            size = 0
            for a, b in segments(text):
                batch.append((ti, a, b))
                size += b - a + 2
                if size >= self.batch_chars:
                    self._split_batch(texts, batch, result)
                    batch, size = [], 0
            if batch:
                self._split_batch(texts, batch, result)
        return result

    def _split_batch(self, texts: list[str], batch: list[tuple[int, int, int]], result: list[list[Sentence]]) -> None:
        if not self.direct:
            self._run(texts, batch, result)
            return
        from .sentence_model import decode
        tok = self.tokenizer
        pieces = [tok.encode(texts[ti], a, b) for ti, a, b in batch]
        for (ti, _, _), piece, labels in zip(batch, pieces, tok.predict(pieces)):
            for toks in decode(piece, labels):
                result[ti].append(Sentence(toks[0][0], toks[-1][1], tuple(toks)))
        release_freed_memory(sum(b - a + 2 for _, a, b in batch))

    def _run(self, texts: list[str], batch: list[tuple[int, int, int]], result: list[list[Sentence]]) -> None:
        parts, starts = [], []
        pos = 0
        for ti, a, b in batch:
            starts.append(pos)
            parts.append(texts[ti][a:b])
            pos += b - a + 2
        joined = "\n\n".join(parts)
        doc = self.pipeline(joined)
        release_freed_memory(len(joined))  # the model's buffers are freed by now; the heap would keep them
        for sent in doc.sentences:
            toks = []
            k = None
            for tok in sent.tokens:
                s, e = tok.start_char, tok.end_char
                if k is None:
                    k = bisect.bisect_right(starts, s) - 1
                ti, a, _ = batch[k]
                toks.append((a + s - starts[k], a + e - starts[k]))
            if toks:
                ti = batch[k][0]
                result[ti].append(Sentence(toks[0][0], toks[-1][1], tuple(toks)))
