"""A stand-in for `extract.pipeline.Pipeline` for the runner's tests: no models, instant, and
documents that misbehave on purpose (marker words in the text).

Installed before the runner forks its workers, which inherit it. Run as a script, it is the
`extract` command with the stand-in installed (for tests that send signals to a real process).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Sequence

STUCK = "IESTRĒGST"  # sleeps (for an hour), after writing `<file>.started` with the worker's pid
GREEDY = "ATMIŅA"  # takes GREEDY_MB of memory, then sleeps
GREEDY_MB = 64
CRASH = "AVĀRIJA"  # the worker process exits at once
OUT_OF_MEMORY = "PĀRPILDE"  # raises MemoryError
SLEEP_S = 3600


class _Splitter:
    pipeline = None


PID_DIR_VARIABLE = "FAKE_PIPELINE_PID_DIR"  # where each worker leaves a file named by its pid


class FakePipeline:
    def __init__(self, sentence_model: str = "bundled", entities: bool = True, ruleset: object = None):
        self.splitter = _Splitter()
        pid_dir = os.environ.get(PID_DIR_VARIABLE)
        if pid_dir:
            Path(pid_dir, str(os.getpid())).touch()

    def process(self, docs: Sequence[object]) -> list[object]:
        from extract.records import DocumentRecord, Span

        out = []
        for d in docs:
            _misbehave(d)
            out.append(DocumentRecord(doc_id=d.doc_id, source=d.source, doc_date=d.doc_date, text=d.text,
                                      sentences=[Span(start=0, end=len(d.text))]))
        return out


def _misbehave(doc: object) -> None:
    text = doc.text
    if STUCK in text:
        marker = Path(str(doc.path) + ".started")
        tmp = marker.with_name(marker.name + ".tmp")  # written whole, then renamed: a test never reads it empty
        tmp.write_text(str(os.getpid()))
        os.replace(tmp, marker)
        time.sleep(SLEEP_S)
    if GREEDY in text:
        hog = b"x" * (GREEDY_MB << 20)
        time.sleep(SLEEP_S)
        del hog
    if CRASH in text:
        os._exit(3)
    if OUT_OF_MEMORY in text:
        raise MemoryError("stand-in for a document too big to hold")


def _no_torch_threads(n: int) -> None:
    """The stand-in has no torch to set up (importing it would take a worker seconds)."""


def install(monkeypatch: object = None) -> None:
    import extract.pipeline
    import extract.runner

    for module, name, value in ((extract.pipeline, "Pipeline", FakePipeline),
                                (extract.runner, "set_torch_threads", _no_torch_threads)):
        if monkeypatch is None:
            setattr(module, name, value)
        else:
            monkeypatch.setattr(module, name, value)


if __name__ == "__main__":
    install()
    from extract.cli import app

    sys.exit(app(sys.argv[1:]))
