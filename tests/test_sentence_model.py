"""The direct call of the tokenizer model (issue 29) gives what stanza's Pipeline gives."""
from __future__ import annotations

import numpy as np
import pytest

from extract.sentences import SentenceSplitter

LONG = " ".join(f"Skolēni {i}. reizi devās uz Tartu, kur mācījās {i + 3} dienas." for i in range(40))
TEXTS = [
    "Liepājas skolēni mācās Spānijā\n\nLiepājas Valsts tehnikuma 18 audzēkņi no 2024. gada 3. līdz "
    "24. martam mācījās Valensijā. Projekts Nr. 2023-1-LV01-KA121-VET-000123456 ilga gadu.",
    "Kontakti:\nInese Kalēja\nprojekta vadītāja\ntālr. 26 345 678, e-pasts inese.kaleja@skola.lv\nwww.skola.lv",
    "Sanāksme notiks š.g. 5.maijā plkst. 14.00   skolas zālē.\tT.sk. piedalīsies  arī vecāki!",
    "„Tas bija lieliski,” teica Jānis.  Vairāk: https://www.example.lv/projekti?id=7 .",
    LONG,
    "1) pirmais punkts;\n2) otrais punkts\n\n\n– dalībnieki no Polijas, Čehijas un Somijas…",
    "a",
]


@pytest.fixture(scope="module")
def splitters() -> tuple[SentenceSplitter, SentenceSplitter]:
    return SentenceSplitter(), SentenceSplitter(direct=False)


def test_the_direct_path_splits_as_stanzas_pipeline(splitters) -> None:
    direct, reference = splitters
    assert direct.split_with_tokens(TEXTS) == reference.split_with_tokens(TEXTS)


def test_encoding_collapses_whitespace_and_keeps_offsets(splitters) -> None:
    direct, _ = splitters
    text = "Ab  1\t\n c."
    piece = direct.tokenizer.encode(text, 0, len(text))
    assert "".join(piece.units) == "Ab 1 c."
    assert [text[i] if not text[i].isspace() else " " for i in piece.offsets] == piece.units
    features = dict(zip(direct.tokenizer.feat_funcs, piece.feats.T))
    assert features["capitalized"].tolist() == [1, 0, 0, 0, 0, 0, 0]
    assert features["numeric"].tolist() == [0, 0, 0, 1, 0, 0, 0]
    assert features["space_before"].tolist() == [0, 0, 1, 0, 1, 0, 0]
    assert features["start_of_para"].tolist() == [1, 0, 0, 0, 0, 0, 0]
    assert features["end_of_para"].tolist() == [0, 0, 0, 0, 0, 0, 1]


def test_decoding_drops_tokens_of_spaces_and_ends_the_last_sentence(splitters) -> None:
    from extract.sentence_model import decode

    direct, _ = splitters
    text = "Ab cd. Ef"
    piece = direct.tokenizer.encode(text, 0, len(text))
    #               A  b     c  d  .     E  f
    labels = np.array([0, 1, 1, 0, 1, 2, 0, 0, 0])
    assert decode(piece, labels) == [[(0, 2), (3, 5), (5, 6)], [(7, 9)]]
