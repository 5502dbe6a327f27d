"""The sentence stage: the shipped stanza model, line rules, offline loading, evaluation."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract import sentences
from extract.cli import app
from extract.sentence_eval import evaluate_conllu, read_conllu_documents, wrap_text
from extract.sentences import ModelNotAvailable, SentenceSplitter, break_ends_sentence, segments

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_TEST = ROOT / "data" / "sentences" / "domain-test.conllu"


@pytest.fixture(scope="module")
def splitter() -> SentenceSplitter:
    return SentenceSplitter("bundled")


def _split(splitter: SentenceSplitter, text: str) -> list[str]:
    return [text[a:b] for a, b in splitter.split([text])[0]]


TRICKY = [
    # a quoted title with "!" inside is one sentence
    ('Projekta „SEZAM, atveries! Dalīšanās pieredzē” dalībnieki devās uz Romu. Tur viņi strādāja.',
     ['Projekta „SEZAM, atveries! Dalīšanās pieredzē” dalībnieki devās uz Romu.', 'Tur viņi strādāja.']),
    # the same after the pipeline's quote normalisation
    ('Projekta "SEZAM, atveries! Dalīšanās pieredzē" dalībnieki devās uz Romu. Tur viņi strādāja.',
     ['Projekta "SEZAM, atveries! Dalīšanās pieredzē" dalībnieki devās uz Romu.', 'Tur viņi strādāja.']),
    # abbreviations that end in a period, times and dates
    ('Sanāksme sāksies plkst. 14.00 aktu zālē. Pieteikties līdz 28.augustā pa tālr. 63022222 vai e-pastā.',
     ['Sanāksme sāksies plkst. 14.00 aktu zālē.', 'Pieteikties līdz 28.augustā pa tālr. 63022222 vai e-pastā.']),
    ('Izrāde „S.O.S. mežā” guva atzinību t.sk. no žūrijas. Projekts ilgst līdz 2024. gada 31. augustam.',
     ['Izrāde „S.O.S. mežā” guva atzinību t.sk. no žūrijas.', 'Projekts ilgst līdz 2024. gada 31. augustam.']),
    ('Projekts Nr. 2021-1-LV01-KA220-SCH-000034567 sākās 2021. gada 1. novembrī.',
     ['Projekts Nr. 2021-1-LV01-KA220-SCH-000034567 sākās 2021. gada 1. novembrī.']),
    # headline without a period, paragraph break, signature lines
    ('Jelgavas skolēni viesojas Itālijā\n\nSkolēni atgriezās mājās. Visi bija priecīgi.\nInese Kalēja\nprojekta koordinatore',
     ['Jelgavas skolēni viesojas Itālijā', 'Skolēni atgriezās mājās.', 'Visi bija priecīgi.', 'Inese Kalēja',
      'projekta koordinatore']),
]


@pytest.mark.parametrize("text,expected", TRICKY)
def test_shipped_model_splits_tricky_text(splitter: SentenceSplitter, text: str, expected: list[str]) -> None:
    assert _split(splitter, text) == expected


def test_spans_are_trimmed_offsets_into_each_text(splitter: SentenceSplitter) -> None:
    texts = ["  Pirmais teikums. Otrais teikums.  \n", "", "Viens.\n\n\nDivi."]
    result = splitter.split(texts)
    assert len(result) == 3 and result[1] == []
    for text, spans in zip(texts, result):
        for a, b in spans:
            assert text[a:b] == text[a:b].strip() and text[a:b]
    assert [texts[2][a:b] for a, b in result[2]] == ["Viens.", "Divi."]


def test_batches_give_the_same_spans_as_single_texts(splitter: SentenceSplitter, monkeypatch) -> None:
    texts = [t for t, _ in TRICKY]
    together = splitter.split(texts)
    monkeypatch.setattr(splitter, "batch_chars", 50)  # one stanza call per piece
    assert splitter.split(texts) == together
    assert [splitter.split([t])[0] for t in texts] == together


def test_tokens_lie_inside_their_sentence(splitter: SentenceSplitter) -> None:
    text = TRICKY[2][0]
    (sents,) = splitter.split_with_tokens([text])
    for s in sents:
        assert s.tokens[0][0] == s.start and s.tokens[-1][1] == s.end
        assert all(s.start <= a < b <= s.end for a, b in s.tokens)
    assert "plkst." in [text[a:b] for s in sents for a, b in s.tokens]


@pytest.mark.parametrize("prev,nxt,ends", [
    ("Jelgavas skolēni viesojas Itālijā", "Skolēni atgriezās mājās.", True),      # headline
    ("Tālr. 63022222", "E-pasts: info@skola.lv", True),                          # contact lines
    ("Inese Kalēja", "projekta koordinatore", True),                             # signature
    ("Dalībnieki:", "- skolēni no Jelgavas;", True),                             # list after a colon
    ("- skolēni no Jelgavas;", "- skolotāji no Rīgas.", True),                   # list items
    ("Skolēni atgriezās mājās.", "Visi bija priecīgi.", False),                  # the model decides
    ("Projektā piedalījās skolēni un", "skolotāji no trim valstīm.", False),     # a conjunction goes on
    ("Projektā piedalījās skolēni,", "skolotāji un vecāki.", False),             # a comma goes on
    ("Projektā piedalījās skolēni no", "Jelgavas un Rīgas.", False),             # a preposition goes on
])
def test_line_break_rules(prev: str, nxt: str, ends: bool) -> None:
    assert break_ends_sentence(prev, nxt) is ends


def test_hard_wrapped_sentences_are_not_cut() -> None:
    text = ("Projekta dalībnieki no Jelgavas Valsts ģimnāzijas un Rīgas 1. vidusskolas piedalījās "
            "starptautiskā seminārā Romā, kur iepazinās ar Itālijas skolu pieredzi digitālo "
            "prasmju mācīšanā un kopā ar kolēģiem no Spānijas izstrādāja jaunus mācību materiālus.")
    wrapped = wrap_text(text, 60)
    assert wrapped.count("\n") >= 3
    assert segments(wrapped) == [(0, len(text))]


def test_blank_line_always_ends_a_sentence() -> None:
    text = "Projekta dalībnieki, skolēni un\n\nskolotāji devās uz Romu."
    assert [text[a:b] for a, b in segments(text)] == ["Projekta dalībnieki, skolēni un", "skolotāji devās uz Romu."]


def test_held_out_domain_sentences_are_all_split_right() -> None:
    res = evaluate_conllu(DOMAIN_TEST, details=True)
    assert res["errors"] == []
    assert res["sentences_f1"] == 100.0
    assert res["tokens_f1"] >= 99.0


def test_conllu_reader_rebuilds_text_and_offsets() -> None:
    docs = read_conllu_documents(DOMAIN_TEST)
    assert docs and all(d.sentences for d in docs)
    for d in docs:
        for (a, b), toks in zip(d.sentences, d.tokens):
            assert (toks[0][0], toks[-1][1]) == (a, b)
            assert d.text[a:b].strip() == d.text[a:b]


def test_loads_without_network(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the sentence stage tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(sentences, "_PIPELINES", {})  # force a fresh stanza load
    monkeypatch.setenv("STANZA_RESOURCES_DIR", "/nonexistent-stanza-resources")
    assert _split(SentenceSplitter("bundled"), "Viens teikums. Otrs teikums.") == ["Viens teikums.", "Otrs teikums."]


def test_model_is_quantised_and_splits_as_the_float_one(monkeypatch) -> None:
    import torch

    texts = [t for t, _ in TRICKY]
    quantised = SentenceSplitter("bundled")
    rnn = quantised.pipeline.processors["tokenize"].trainer.model.rnn
    if "fbgemm" in torch.backends.quantized.supported_engines:
        assert isinstance(rnn, torch.ao.nn.quantized.dynamic.LSTM)
    plain = SentenceSplitter("bundled", quantize=False)
    assert isinstance(plain.pipeline.processors["tokenize"].trainer.model.rnn, torch.nn.LSTM)
    assert not isinstance(plain.pipeline.processors["tokenize"].trainer.model.rnn,
                          torch.ao.nn.quantized.dynamic.LSTM)
    assert plain.split(texts) == quantised.split(texts) == [
        [(text.index(e), text.index(e) + len(e)) for e in expected] for text, expected in TRICKY]


def test_loading_leaves_no_temporary_directory(monkeypatch, tmp_path: Path) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(sentences, "_PIPELINES", {})  # force a fresh stanza load
    assert _split(SentenceSplitter("bundled"), "Viens teikums. Otrs.") == ["Viens teikums.", "Otrs."]
    assert list(tmp_path.iterdir()) == []


def test_official_model_missing_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(ModelNotAvailable, match="official Latvian tokenizer is not installed"):
        SentenceSplitter("official")
    with pytest.raises(ModelNotAvailable, match="unknown sentence model"):
        SentenceSplitter("nosuchmodel")
    listed = {m["name"]: m["present"] for m in sentences.available_models()}
    assert listed == {"bundled": True, "official": False}


def test_official_model_is_found_when_installed(monkeypatch, tmp_path: Path) -> None:
    tok = tmp_path / "lv" / "tokenize"
    tok.mkdir(parents=True)
    (tok / "lvtb.pt").write_bytes(sentences.BUNDLED_MODEL.read_bytes())
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert sentences.model_path("official") == tok / "lvtb.pt"
    assert _split(SentenceSplitter("official"), "Viens. Divi.") == ["Viens.", "Divi."]


def test_cli_models_and_eval_sentences(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    runner = CliRunner()
    res = runner.invoke(app, ["models"])
    assert res.exit_code == 0
    assert "bundled   yes" in res.output and "official  no" in res.output
    res = runner.invoke(app, ["eval-sentences", str(DOMAIN_TEST)])
    assert res.exit_code == 0, res.output
    assert "sentences  F1 100.00" in res.output
    res = runner.invoke(app, ["eval-sentences", str(DOMAIN_TEST), "--sentence-model", "official"])
    assert res.exit_code == 2 and "not installed" in res.output


@pytest.mark.slow
def test_training_script_runs_end_to_end(tmp_path: Path, shared_dir: Path) -> None:
    out = tmp_path / "lv_tokenizer.pt"
    cmd = [sys.executable, str(ROOT / "scripts" / "train_sentence_model.py"), "--steps", "20", "--then-steps", "0",
           "--hidden-dim", "16", "--eval-steps", "10", "--device", "cpu", "--out", str(out), "--no-eval",
           "--data-dir", str(shared_dir / "corpora" / "latvian")]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert out.is_file() and (tmp_path / "NOTICE").is_file()
    assert "CC BY-SA 4.0" in (tmp_path / "NOTICE").read_text(encoding="utf-8")
    # the trained file is a working stanza model
    spans = SentenceSplitter(str(out)).split(["Viens teikums. Otrs teikums."])[0]
    assert spans and spans[-1][1] == len("Viens teikums. Otrs teikums.")


def test_no_environment_variable_changes_the_quantisation(monkeypatch) -> None:
    import torch

    from extract.pipeline import pipeline_fingerprint

    if "fbgemm" not in torch.backends.quantized.supported_engines:
        pytest.skip("this torch build cannot quantise")
    pipeline_fingerprint.cache_clear()
    before = pipeline_fingerprint()
    monkeypatch.setenv("EXTRACT_SENT_QUANTIZE", "0")  # the switch of earlier versions: no effect now
    pipeline_fingerprint.cache_clear()
    try:
        assert pipeline_fingerprint() == before
        rnn = SentenceSplitter("bundled").pipeline.processors["tokenize"].trainer.model.rnn
        assert isinstance(rnn, torch.ao.nn.quantized.dynamic.LSTM)
    finally:
        pipeline_fingerprint.cache_clear()


def test_the_heap_is_trimmed_once_enough_characters_were_split(monkeypatch) -> None:
    import extract.sentences as S

    calls: list[int] = []
    monkeypatch.setattr(S, "_malloc_trim", lambda: calls.append)
    monkeypatch.setattr(S, "_untrimmed", [0])
    for _ in range(4):
        S.release_freed_memory(S.TRIM_AFTER_CHARS // 4 - 1)
    assert calls == []                       # 4 calls of 8 documents: not yet
    S.release_freed_memory(10)
    assert calls == [0]                      # the budget reached: trimmed, and counted afresh
    S.release_freed_memory(S.TRIM_AFTER_CHARS * 3)
    assert calls == [0, 0]                   # one long text: at once
    S.release_freed_memory(1)
    assert calls == [0, 0]
