"""The per-user start-up cache (extract.cache)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract import cache


@pytest.fixture()
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(d))
    return d


def _builder(value: object):
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read(cache_in: Path, tmp_path: Path) -> None:
    src = tmp_path / "data.tsv"
    src.write_text("a\t1\n", encoding="utf-8")
    build, calls = _builder({"a": 1})
    assert cache.cached("thing", [src], build) == {"a": 1}
    assert cache.cached("thing", [src], build) == {"a": 1}
    assert len(calls) == 1
    assert len(list(cache_in.glob("thing-*.pickle"))) == 1
    assert not list(cache_in.glob("*.tmp"))


def test_changed_source_builds_again_and_drops_the_old_entry(cache_in: Path, tmp_path: Path) -> None:
    src = tmp_path / "data.tsv"
    src.write_text("a\t1\n", encoding="utf-8")
    build, calls = _builder("old")
    cache.cached("thing", [src], build)
    old = list(cache_in.glob("thing-*.pickle"))
    src.write_text("a\t2\n", encoding="utf-8")
    build2, calls2 = _builder("new")
    assert cache.cached("thing", [src], build2) == "new"
    assert len(calls2) == 1
    now = list(cache_in.glob("thing-*.pickle"))
    assert len(now) == 1 and now != old


def test_other_names_are_kept(cache_in: Path, tmp_path: Path) -> None:
    src = tmp_path / "d"
    src.write_text("x", encoding="utf-8")
    cache.cached("thing", [src], lambda: 1)
    cache.cached("thing-two", [src], lambda: 2)
    cache.cached("thing", [src], lambda: 1)
    assert sorted(p.name.rsplit("-", 1)[0] for p in cache_in.glob("*.pickle")) == ["thing", "thing-two"]


@pytest.mark.parametrize("value", ["off", "0", ""])
def test_turned_off(value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACT_CACHE_DIR", value)
    assert cache.cache_dir() is None
    build, calls = _builder(5)
    assert cache.cached("thing", [], build) == 5
    assert cache.cached("thing", [], build) == 5
    assert len(calls) == 2


def test_damaged_entry_is_rebuilt(cache_in: Path, tmp_path: Path) -> None:
    build, calls = _builder([1, 2])
    cache.cached("thing", [], build)
    (entry,) = cache_in.glob("thing-*.pickle")
    entry.write_bytes(b"\x80\x05not a pickle")
    assert cache.cached("thing", [], build) == [1, 2]
    assert len(calls) == 2
    assert cache.cached("thing", [], build) == [1, 2]  # and stored whole again
    assert len(calls) == 2


def test_unwritable_directory_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(blocker / "cache"))
    build, calls = _builder("v")
    assert cache.cached("thing", [], build) == "v"
    assert cache.cached("thing", [], build) == "v"
    assert len(calls) == 2


def test_default_directory_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("EXTRACT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "extract"


def test_cached_lexicon_equals_a_fresh_build(cache_in: Path) -> None:
    from extract.entities import lexicon

    lexicon.get.cache_clear()
    try:
        first = lexicon.get()      # built and stored
        lexicon.get.cache_clear()
        second = lexicon.get()     # read back
        assert list(cache_in.glob("ner-lexicon-*.pickle"))
        assert second is not first
        assert second == first == lexicon.build()
    finally:
        lexicon.get.cache_clear()
