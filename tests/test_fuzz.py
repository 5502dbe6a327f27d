"""Fuzz target for `extract.process` (issue #30): every text gets a record, and every mention's
offsets hold on the offset map itself, not only on the text the pipeline wrote.

Briefly in the suite (`--fuzz-examples`, default 50, the same examples every run); longer and
with fresh examples on demand: `python scripts/fuzz.py --examples 2000`."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract
from extract.mapping import skeleton
from extract.normalise import normalise
from extract.writing import check_offsets

PIECES = [
    "Jānis", "Bērziņš", "Rīgā", "Liepājas Valsts tehnikums", "2024. gada 3. martā", "no 5. līdz 7. maijam",
    "šā gada 18. maijā", "2023-1-LV01-KA121-VET-000123456", "Nr. 8.3.1.2/16/I/009", "info@skola.lv",
    "www.skola.lv", "https://viaa.gov.lv/lv", "tālr. 26 345 678", "+371 67123456", "Erasmus+", "Nordplus",
    "NPJR-2024/10077", "„Zaļā skola”", "SIA", "e-pasts:", "projekta koordinatore", "Øø Hansen", ",,",
]
ALPHABET = ("aāčeēģiīķlļnņsšuūzžAĀČĒŠŽ019.,;:!?-–—/@+*_#()[]\"'„“”«» \n\n\t\r\u00a0\u2009\u00ad\u200b\ufeff"
            "\u0301\u0304\u0308\ud800\udfff\x00\x85\u2028")
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=ALPHABET, max_size=6)), max_size=30).map("".join)


def check_record_offsets_on_the_map(text: str) -> None:
    """The property: a record (no failure); every mention's text is the record's text at its
    offsets; and its offsets are the image, under a fresh normalisation map of the record's
    text, of a normalised span with the same letters and digits."""
    (rec,) = extract.process([text])
    assert rec.ok, rec
    check_offsets(rec)
    aligned = normalise(rec.text)
    first_at: dict[int, int] = {}
    last_at: dict[int, int] = {}
    for i, (a, b) in enumerate(aligned.spans):
        first_at.setdefault(a, i)
        last_at[b] = i
    for kind, m in rec.iter_mentions():
        i, j = first_at.get(m.start), last_at.get(m.end)
        assert i is not None and j is not None and i <= j, (kind, m)
        assert aligned.to_original(i, j + 1) == (m.start, m.end)
        assert skeleton(aligned.text[i:j + 1]) == skeleton(m.text), (kind, m)


@pytest.fixture(scope="module")
def fuzz_settings(request: pytest.FixtureRequest) -> settings:
    examples = request.config.getoption("--fuzz-examples")
    return settings(max_examples=examples, deadline=None, database=None, derandomize=examples <= 50,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def test_fuzz_process_keeps_offsets_on_the_map(fuzz_settings: settings) -> None:
    fuzz_settings(given(TEXTS)(check_record_offsets_on_the_map))()


def test_the_property_catches_a_broken_map(monkeypatch) -> None:
    import extract.pipeline as pipeline_mod

    def shifted(text):
        aligned = normalise(text)
        aligned.spans = [(a + 1, b + 1) if b < len(text) else (a, b) for a, b in aligned.spans]
        return aligned

    monkeypatch.setattr(pipeline_mod, "normalise", shifted)
    with pytest.raises(AssertionError):
        check_record_offsets_on_the_map("Jānis Bērziņš, info@skola.lv, 2024. gada 3. martā.")
