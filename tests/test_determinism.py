"""Issue #30 case 6: a document's record is the same alone, in any batch and in any order.

The int8 sentence model scales its activations per stanza batch, so a document split in one
stanza call with others could come out in other sentences than alone (bench documents 26, 48,
171 and 179 did, in batches of 32). Each text now goes to stanza on its own."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

import extract
from extract.reading import read_document
from extract.sentences import SentenceSplitter

REPO = Path(__file__).resolve().parent.parent
#: split differently alone and in batches of 32 before each text got its own stanza calls
ONCE_BATCH_DEPENDENT = (26, 48, 171, 179)


def _bench_texts(n: int) -> list[str]:
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    rng = random.Random(7)  # make_corpus's default seed: the same documents as `make bench`
    return [corpus.document(rng, i) for i in range(n)]


def _samples() -> list[str]:
    paths = sorted(p for p in (REPO / "data" / "raw").iterdir() if p.suffix in (".txt", ".md", ".html", ".htm"))
    docs = [read_document(p, p.stem) for p in paths]
    return [d.text for d in docs if hasattr(d, "text")]


def _comparable(results) -> list[dict]:
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    return [r.model_dump(mode="json", exclude={"doc_id", "source"}) for r in results]


def _check_same_records(texts: list[str], batch: int) -> None:
    alone = [_comparable(extract.process([t]))[0] for t in texts]
    assert _comparable(extract.process(texts)) == alone
    order = list(range(len(texts)))
    random.Random(3).shuffle(order)
    shuffled: dict[int, dict] = {}
    for start in range(0, len(order), batch):  # batches of another size, in a shuffled order
        chunk = order[start:start + batch]
        shuffled.update(zip(chunk, _comparable(extract.process([texts[i] for i in chunk]))))
    assert [shuffled[i] for i in range(len(texts))] == alone


def test_records_do_not_depend_on_the_batch() -> None:
    bench = _bench_texts(max(ONCE_BATCH_DEPENDENT) + 1)
    _check_same_records([bench[i] for i in ONCE_BATCH_DEPENDENT] + bench[:3] + _samples(), batch=5)


@pytest.mark.slow
def test_records_of_200_bench_documents_and_the_samples_do_not_depend_on_the_batch() -> None:
    _check_same_records(_bench_texts(200) + _samples(), batch=13)


def test_each_text_goes_to_stanza_in_calls_of_its_own(monkeypatch) -> None:
    splitter = SentenceSplitter()
    calls: list[set[int]] = []
    monkeypatch.setattr(splitter, "_split_batch", lambda texts, batch, result: calls.append({ti for ti, _a, _b in batch}))
    monkeypatch.setattr(SentenceSplitter, "batch_chars", 50)
    splitter.split(["Viens. Divi.\n\nTrīs.", "Četri.\n\nPieci. " * 10, "Seši."])
    assert all(len(texts) == 1 for texts in calls)
    assert [min(c) for c in calls] == sorted(min(c) for c in calls) and len(calls) > 3
