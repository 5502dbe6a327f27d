#!/usr/bin/env python3
"""Train the bundled Latvian stanza tokenizer (tokens + sentence boundaries).

    python scripts/train_sentence_model.py --device cuda     # the shipped recipe (~6 min on a GPU)
    python scripts/train_sentence_model.py --steps 20 --then-steps 0 --hidden-dim 64 \
        --out /tmp/x/lv_tokenizer.pt --no-eval                   # smoke test

The shipped model (src/extract/models/lv_tokenizer.pt) was made with the defaults: hidden
size 128, max_seqlen 300, seed 1234, 3800 steps at stanza's default learning rate 2e-3, then
400 more steps from that checkpoint at 5e-4 (both phases keep the best fullstack-dev
checkpoint, evaluated every 200 steps), on one NVIDIA H100. On 2 CPU cores the same recipe
takes well over an hour; ``--hidden-dim 64`` is about 3x faster and a little less accurate.

Data (all CC BY-SA 4.0 or written for this project):
  * ``fullstack-ud-train.conllu`` from the shared Latvian corpora (training);
  * ``data/sentences/domain-train.conllu``: hand-written news-style paragraphs with the
    abbreviations, dates, codes, quotes, headlines and contact lines of our documents
    (oversampled, since it is small);
  * ``fullstack-ud-dev.conllu`` for model selection (stanza keeps the best dev checkpoint).
Never ``fullstack-ud-test.conllu`` or ``lvtb-ud-dev.conllu`` (the benchmark).

A share of the training paragraphs is copied with quotes normalised to ``"`` and dashes to
``-``, as the pipeline may hand such text to the splitter. Data preparation uses stanza's
own converters (``conllu_to_text`` and ``prepare_tokenizer_data``) and training is stanza's
own tokenizer trainer (``stanza.models.tokenizer``), with a fixed seed.

The best checkpoint is copied to ``--out`` (default ``src/extract/models/lv_tokenizer.pt``)
and a ``NOTICE`` with the licence and credit is written beside it.
"""
from __future__ import annotations

import argparse
import logging
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path("/work/shared/corpora/latvian")
DEFAULT_OUT = ROOT / "src" / "extract" / "models" / "lv_tokenizer.pt"
DOMAIN_DIR = ROOT / "data" / "sentences"
SHORTHAND = "lv_fullstack"

NOTICE = """\
lv_tokenizer.pt - Latvian tokenizer / sentence splitter model for stanza
========================================================================

This model was trained by the `extract` project with stanza's own tokenizer trainer
(scripts/train_sentence_model.py) and is a derived work of:

  * FullStack-LV, AI Lab, Institute of Mathematics and Computer Science, University of
    Latvia (LUMII-AILab/FullStack on GitHub; Gruzitis et al., LREC 2018), and
  * the Latvian UD Treebank (UniversalDependencies/UD_Latvian-LVTB, v2.17),

both licensed under Creative Commons Attribution-ShareAlike 4.0 International
(CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/). Training data:
fullstack-ud-train.conllu (model selection on fullstack-ud-dev.conllu), plus the project's
own hand-written supplement data/sentences/domain-train.conllu.

The model file is therefore distributed under CC BY-SA 4.0 with the credit above.
Changes: a new model was trained on the data; no original text is included in it apart
from the character vocabulary.
{details}"""

QUOTE_MAP = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "‟": '"', "″": '"',
                           "–": "-", "—": "-", "‒": "-", "―": "-"})
FINAL_PUNCT = set(".!?…")

log = logging.getLogger("train_sentence_model")


# ----------------------------------------------------------------------------- CoNLL-U helpers
def read_blocks(path: Path) -> list[list[str]]:
    """Sentence blocks (comment + token lines) of a CoNLL-U file."""
    blocks, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def paragraphs(blocks: list[list[str]]) -> list[list[list[str]]]:
    """Group sentence blocks into paragraphs (``# newpar`` / ``# newdoc`` start one)."""
    pars: list[list[list[str]]] = []
    for b in blocks:
        starts = any(l.startswith("# newpar") or l.startswith("# newdoc") for l in b)
        if starts or not pars:
            pars.append([])
        pars[-1].append(b)
    return pars


def strip_par_comments(block: list[str]) -> list[str]:
    return [l for l in block if not (l.startswith("# newpar") or l.startswith("# newdoc"))]


def training_view(par: list[list[str]]) -> list[list[list[str]]]:
    """Split a domain paragraph where a sentence without final punctuation is followed by a
    newline (headline, contact line, list item): the splitter's line rules cut there before
    the model sees the text, so the model should learn them as paragraph ends."""
    out: list[list[list[str]]] = [[]]
    for b in par:
        out[-1].append(b)
        toks = [l.split("\t") for l in b if not l.startswith("#")]
        toks = [t for t in toks if t[0].isdigit()]
        last = toks[-1]
        if "SpacesAfter=\\n" in last[9] and not (set(last[1]) & FINAL_PUNCT):
            out.append([])
    return [p for p in out if p]


def normalise_block(block: list[str]) -> list[str]:
    out = []
    for l in block:
        if l.startswith("# text = "):
            out.append(l.translate(QUOTE_MAP))
        elif l and l[0].isdigit():
            cols = l.split("\t")
            cols[1] = cols[1].translate(QUOTE_MAP)
            if len(cols) > 2:
                cols[2] = cols[2].translate(QUOTE_MAP)
            out.append("\t".join(cols))
        else:
            out.append(l)
    return out


def has_quote_or_dash(par: list[list[str]]) -> bool:
    return any(l.startswith("# text = ") and l.translate(QUOTE_MAP) != l for b in par for l in b)


def write_paragraphs(pars: list[list[list[str]]], path: Path, prefix: str) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for i, par in enumerate(pars):
            f.write(f"# newpar id = {prefix}-{i}\n")
            for b in par:
                f.write("\n".join(strip_par_comments(b)) + "\n\n")
                n += 1
    return n


# ----------------------------------------------------------------------------- data preparation
def prepare(work: Path, data_dir: Path, seed: int, domain_repeat: int, normalise_frac: float) -> dict:
    from stanza.utils.datasets import conllu_to_text, prepare_tokenizer_data

    rng = random.Random(seed)
    work.mkdir(parents=True, exist_ok=True)
    train_pars = paragraphs(read_blocks(data_dir / "fullstack-ud-train.conllu"))
    # quote/dash-normalised copies of a share of the paragraphs that have such characters
    candidates = [p for p in train_pars if has_quote_or_dash(p)]
    k = int(len(candidates) * normalise_frac)
    norm_pars = [[normalise_block(b) for b in p] for p in rng.sample(candidates, k)]

    domain = []
    for p in paragraphs(read_blocks(DOMAIN_DIR / "domain-train.conllu")):
        domain.extend(training_view(p))
    domain_all = []
    for r in range(domain_repeat):
        domain_all.extend(domain if r % 2 == 0 else [[normalise_block(b) for b in p] for p in domain])

    pars = train_pars + norm_pars + domain_all
    rng.shuffle(pars)
    train_conllu = work / f"{SHORTHAND}.train.gold.conllu"
    n_train = write_paragraphs(pars, train_conllu, "train")
    dev_conllu = work / f"{SHORTHAND}.dev.gold.conllu"
    n_dev = write_paragraphs(paragraphs(read_blocks(data_dir / "fullstack-ud-dev.conllu")), dev_conllu, "dev")
    print(f"training data: {len(train_pars)} FullStack paragraphs + {k} quote/dash-normalised copies + "
          f"{len(domain)} domain paragraphs x{domain_repeat} = {n_train} sentences; dev: {n_dev} sentences")

    paths = {}
    for part, conllu in (("train", train_conllu), ("dev", dev_conllu)):
        txt = work / f"{SHORTHAND}.{part}.txt"
        labels = work / f"{SHORTHAND}-ud-{part}.toklabels"
        mwt = work / f"{SHORTHAND}-ud-{part}-mwt.json"
        conllu_to_text.main([str(conllu), str(txt)])
        prepare_tokenizer_data.main([str(txt), str(conllu), "-o", str(labels), "-m", str(mwt)])
        paths[part] = {"conllu": conllu, "txt": txt, "labels": labels, "mwt": mwt}
    return paths


# ----------------------------------------------------------------------------- training
class _DevScores(logging.Handler):
    """Collects stanza's dev-score log lines."""

    RE = re.compile(r"token F1 = ([\d.]+), sentence F1 = ([\d.]+)")

    def __init__(self):
        super().__init__()
        self.scores: list[tuple[float, float]] = []
        self.best: str | None = None

    def emit(self, record):
        msg = record.getMessage()
        m = self.RE.search(msg)
        if m:
            self.scores.append((float(m.group(1)), float(m.group(2))))
        if msg.startswith("Best dev score"):
            self.best = msg


def _init_trainer(base, init: Path):
    import torch

    class InitTrainer(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if kwargs.get("model_file") is None:
                ck = torch.load(init, map_location="cpu", weights_only=True)
                if ck["vocab"] != self.vocab.state_dict():
                    raise SystemExit(f"{init}: its character vocabulary differs from this training data")
                self.model.load_state_dict(ck["model"], strict=True)
                log.info("initialised from %s", init)

    return InitTrainer


def train(paths: dict, save_dir: Path, steps: int, device: str, seed: int, max_seqlen: int,
          hidden_dim: int, eval_steps: int, extra: list[str], init: Path | None = None,
          lr: float | None = None) -> tuple[Path, _DevScores]:
    from stanza.models import tokenizer

    save_name = "lv_tokenizer.pt"
    args = [
        "--mode", "train",
        "--lang", "lv", "--shorthand", SHORTHAND,
        "--txt_file", str(paths["train"]["txt"]), "--label_file", str(paths["train"]["labels"]),
        "--dev_txt_file", str(paths["dev"]["txt"]), "--dev_label_file", str(paths["dev"]["labels"]),
        "--dev_conll_gold", str(paths["dev"]["conllu"]),
        "--mwt_json_file", str(paths["dev"]["mwt"]),
        "--save_dir", str(save_dir), "--save_name", save_name,
        "--steps", str(steps), "--eval_steps", str(eval_steps),
        "--max_seqlen", str(max_seqlen), "--hidden_dim", str(hidden_dim),
        "--seed", str(seed), "--device", device,
        "--report_steps", "100",
    ]
    if lr is not None:
        args += ["--lr0", str(lr)]
    args += extra
    handler = _DevScores()
    logging.getLogger("stanza").addHandler(handler)
    original = tokenizer.Trainer
    if init is not None:
        # continue from a checkpoint (second, lower-lr phase). stanza's own --load_name is
        # broken in 1.15 (Trainer.load() called without its arguments), so the weights are
        # copied into the freshly built model before training starts.
        tokenizer.Trainer = _init_trainer(original, Path(init))
    try:
        tokenizer.main(args)
    finally:
        tokenizer.Trainer = original
        logging.getLogger("stanza").removeHandler(handler)
    return save_dir / save_name, handler


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", type=int, default=3800, help="training steps (default 3800)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the best model goes")
    ap.add_argument("--device", default=None, help="torch device: cpu, cuda, cuda:0 ... (default: cuda if available)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA, help="the shared Latvian corpora")
    ap.add_argument("--work", type=Path, default=None, help="keep the prepared data here (default: temp dir)")
    ap.add_argument("--max-seqlen", type=int, default=300,
                    help="longest training sentence in characters (stanza's recipe: 3x mean length)")
    ap.add_argument("--hidden-dim", type=int, default=128)
    ap.add_argument("--eval-steps", type=int, default=200)
    ap.add_argument("--domain-repeat", type=int, default=6, help="oversampling of the domain supplement")
    ap.add_argument("--normalise-frac", type=float, default=0.3,
                    help="share of quote/dash paragraphs copied with normalised quotes and dashes")
    ap.add_argument("--init", type=Path, default=None,
                    help="start from this tokenizer checkpoint (second training phase)")
    ap.add_argument("--lr", type=float, default=None, help="initial learning rate (stanza default 2e-3)")
    ap.add_argument("--then-steps", type=int, default=400,
                    help="after training, continue from the best checkpoint for this many steps at --then-lr")
    ap.add_argument("--then-lr", type=float, default=5e-4)
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch default)")
    ap.add_argument("--no-eval", action="store_true", help="skip the final evaluation of the saved model")
    ap.add_argument("--stanza-arg", action="append", default=[], help="extra argument for stanza's trainer")
    a = ap.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    import torch

    if a.threads:
        torch.set_num_threads(a.threads)
    if a.device is None:
        a.device = "cuda" if torch.cuda.is_available() else "cpu"
    tmp = None
    work = a.work
    if work is None:
        tmp = tempfile.TemporaryDirectory(prefix="lv-tokenizer-")
        work = Path(tmp.name)
    t0 = time.time()
    try:
        paths = prepare(work / "data", a.data_dir, a.seed, a.domain_repeat, a.normalise_frac)
        model, scores = train(paths, work / "models", a.steps, a.device, a.seed, a.max_seqlen,
                              a.hidden_dim, a.eval_steps, a.stanza_arg, init=a.init, lr=a.lr)
        if a.then_steps:
            first = work / "phase1.pt"
            shutil.copyfile(model, first)
            model, scores = train(paths, work / "models", a.then_steps, a.device, a.seed, a.max_seqlen,
                                  a.hidden_dim, a.eval_steps, a.stanza_arg, init=first, lr=a.then_lr)
        train_s = time.time() - t0
        a.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(model, a.out)
    finally:
        if tmp is not None:
            tmp.cleanup()
    best = max(scores.scores, key=lambda s: s) if scores.scores else None
    print(f"trained {a.steps} steps on {a.device} in {train_s / 60:.1f} min; model: {a.out} "
          f"({a.out.stat().st_size / 1e6:.2f} MB)")
    if scores.best:
        print(scores.best)
    details = (f"\nTraining run: {a.steps} steps" + (f" from {a.init.name}" if a.init else "")
               + (f" at lr {a.lr}" if a.lr else "")
               + (f", then {a.then_steps} steps at lr {a.then_lr}" if a.then_steps else "")
               + f", seed {a.seed}, device {a.device}, max_seqlen {a.max_seqlen}, "
               f"hidden_dim {a.hidden_dim}, domain x{a.domain_repeat}.\n")
    if scores.scores:
        i = max(range(len(scores.scores)), key=lambda j: sum(scores.scores[j]))
        tok, sent = scores.scores[i]
        print(f"dev (fullstack-ud-dev, stanza's character-level scorer) during training: "
              f"last token F1 {scores.scores[-1][0]:.2f} sentence F1 {scores.scores[-1][1]:.2f}; "
              f"best sum token F1 {tok:.2f} sentence F1 {sent:.2f}")
    (a.out.parent / "NOTICE").write_text(NOTICE.format(details=details), encoding="utf-8")
    if not a.no_eval:
        sys.path.insert(0, str(ROOT / "src"))
        from extract.sentence_eval import evaluate_conllu

        res = evaluate_conllu(a.data_dir / "fullstack-ud-dev.conllu", model=str(a.out))
        print(f"dev (fullstack-ud-dev, conll18_ud_eval): sentence F1 {res['sentences_f1']:.2f} "
              f"token F1 {res['tokens_f1']:.2f} ({res['chars_per_s']:.0f} chars/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
