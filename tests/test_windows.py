"""Issue #30 case 4: long texts are processed in bounded windows (bench/pathological.py times them)."""
from __future__ import annotations

import pytest

import extract.pipeline as pipeline_mod
from extract.pipeline import Pipeline, document_from_text
from extract.windows import WINDOW_CHARS, split_windows, window_end
from extract.writing import check_offsets

PARAGRAPH = ("Liepājas Valsts tehnikuma audzēkņi 2024. gada 3. martā devās uz Valensiju. "
             "Projektu koordinē Laura Kalniņa (laura.kalnina@lvt.lv, tālr. 26345678).")


def _covers(text: str, windows: list[tuple[int, int, str]], size: int) -> None:
    assert windows[0][0] == 0 and windows[-1][1] == len(text)
    assert all(b == c for (_a, b, _k), (c, _d, _l) in zip(windows, windows[1:]))  # consecutive, no gap
    assert all(0 < b - a <= size for a, b, _k in windows)


@pytest.mark.parametrize("text, kind", [
    ("Pirmā rindkopa.\n\n" * 40, "paragraph"),
    ("Viena rinda bez beigām\n" * 40, "line"),
    ("Teikums beidzas. " * 40, "sentence"),
    ("vārds " * 120, "space"),
    ("x" * 700, "hard"),
])
def test_windows_cut_at_the_best_boundary_and_cover_the_text(text: str, kind: str) -> None:
    windows = split_windows(text, 200)
    _covers(text, windows, 200)
    assert {k for _a, _b, k in windows[:-1]} == {kind}
    assert windows[-1][2] == "end"


def test_a_paragraph_break_wins_over_later_line_breaks() -> None:
    text = "a" * 120 + "\n\n" + "b" * 30 + "\n" + "c" * 30 + "\n" + "d" * 200
    end, kind = window_end(text, 0, 200)
    assert (end, kind) == (122, "paragraph")


def test_a_short_text_is_one_window() -> None:
    assert split_windows("Īss teksts.") == [(0, 11, "end")]
    assert split_windows("x" * WINDOW_CHARS) == [(0, WINDOW_CHARS, "end")]
    assert split_windows("") == [(0, 0, "end")]


def test_windows_of_a_long_line_are_linear() -> None:
    text = "vārds " * 200_000  # 1.2 MB on one line: each window searches only its second half, once
    windows = split_windows(text, 10_000)
    _covers(text, windows, 10_000)
    assert len(windows) <= 2 * len(text) // 10_000 + 1


def _pipe(window: int | None = None) -> Pipeline:
    return Pipeline(window_chars=window)


def test_a_text_shorter_than_a_window_gives_the_record_of_no_windows() -> None:
    text = "\n\n".join([PARAGRAPH] * 6)
    doc = document_from_text(text, "d")
    whole = _pipe(len(text)).process_one(doc).model_dump()
    assert _pipe().process_one(doc).model_dump() == whole
    assert whole["warnings"] == []


def test_a_long_text_is_windowed_and_every_stage_sees_at_most_a_window(monkeypatch) -> None:
    text = "\n\n".join([PARAGRAPH] * 12)
    pipe = _pipe(600)
    seen: list[int] = []
    split, find = pipe.splitter.split, pipe.ruleset.find
    monkeypatch.setattr(pipe.splitter, "split", lambda texts: seen.extend(map(len, texts)) or split(texts))
    monkeypatch.setattr(pipe.ruleset, "find", lambda t, *a: seen.append(len(t)) or find(t, *a))
    rec = pipe.process_one(document_from_text(text, "d"))
    assert seen and max(seen) <= 600 and len(seen) >= 2 * (len(text) // 600)
    check_offsets(rec)
    assert [w.code for w in rec.warnings] == ["windowed"]
    # every paragraph's items are found, at the right offsets of the whole text
    assert len(rec.emails) == len(rec.phones) == len(rec.dates) == 12
    assert [e.start for e in rec.emails] == [i for i in range(len(text)) if text.startswith("laura.kalnina@", i)]
    laura = [p for p in rec.persons if p.name == "Laura Kalniņa"]
    assert len(laura) == 1 and len(laura[0].mentions) == 12  # one person, joined over the windows
    assert laura[0].email == "laura.kalnina@lvt.lv"
    assert rec.sentences == sorted(rec.sentences, key=lambda s: s.start)


def test_the_default_window_is_read_when_the_pipeline_is_built(monkeypatch) -> None:
    monkeypatch.setattr(pipeline_mod, "WINDOW_CHARS", 300)
    assert Pipeline().window_chars == 300


def test_a_stop_after_a_number_is_no_sentence_end() -> None:
    text = "Projekts sākās 2024. gada 3. Martā un ilga. Tad " + "x" * 300
    end, kind = window_end(text, 0, 60)
    assert (text[:end], kind) == ("Projekts sākās 2024. gada 3. Martā un ilga. ", "sentence")


def test_stanza_never_gets_a_piece_longer_than_the_limit(monkeypatch) -> None:
    from extract.sentences import SentenceSplitter, segments
    from extract.windows import CUT_PIECE_CHARS, LONG_PIECE_CHARS

    line = ";".join(f"vards{i}@skola.lv" for i in range(2_000))  # 35 KB on one line, no space
    pieces = segments(line)
    assert max(b - a for a, b in pieces) <= CUT_PIECE_CHARS and len(pieces) >= len(line) // CUT_PIECE_CHARS
    paragraph = "Vārds " * (LONG_PIECE_CHARS // 6)  # not over the limit: never cut
    assert segments(paragraph) == [(0, len(paragraph) - 1)]
    news = "\n\n".join([PARAGRAPH] * 3)
    step = len(PARAGRAPH) + 2
    assert segments(news) == [(i * step, i * step + len(PARAGRAPH)) for i in range(3)]  # short ones stay whole
    seen: list[str] = []
    splitter = SentenceSplitter()
    monkeypatch.setattr(splitter, "_split_batch", lambda texts, batch, result: seen.extend(texts[t][a:b] for t, a, b in batch))
    splitter.split([line])
    assert "".join(seen) == line and max(map(len, seen)) <= CUT_PIECE_CHARS


def test_joining_windows_merges_only_across_windows() -> None:
    from extract.pipeline import _join
    from extract.records import DocumentRecord, Mention, Person

    source = document_from_text("x", "d").source

    def part(*names: str) -> DocumentRecord:
        return DocumentRecord(doc_id="d", source=source, text="",
                              persons=[Person(name=n, mentions=[Mention(text=n, start=0, end=len(n))]) for n in names])

    record = part()
    _join(record, part("Anna", "Anna"))  # one window's two items of one name stay two, as the window made them
    assert [len(p.mentions) for p in record.persons] == [1, 1]
    _join(record, part("Anna", "Ilze"))
    assert [(p.name, len(p.mentions)) for p in record.persons] == [("Anna", 2), ("Anna", 1), ("Ilze", 1)]


def test_a_windowed_text_hands_freed_memory_back_after_each_window(monkeypatch) -> None:
    from extract.sentences import TRIM_AFTER_CHARS

    calls: list[int] = []
    monkeypatch.setattr(pipeline_mod, "release_freed_memory", calls.append)
    pipe = Pipeline(entities=False, window_chars=400)
    text = "\n\n".join([PARAGRAPH] * 4)
    pipe.process_one(document_from_text(text, "long"))
    assert calls == [TRIM_AFTER_CHARS] * len(split_windows(text, 400)) and len(calls) > 1  # forced, per window
    calls.clear()
    pipe.process_one(document_from_text(PARAGRAPH, "short"))
    assert calls == []  # a short text leaves it to the splitter's own count
