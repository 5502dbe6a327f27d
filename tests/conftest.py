from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    # the start-up cache (extract.cache) of this test session in a folder of its own, not in ~/.cache;
    # CLI tests' subprocesses inherit it
    import os
    import tempfile

    os.environ.setdefault("EXTRACT_CACHE_DIR", tempfile.mkdtemp(prefix="extract-test-cache-"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="also run slow (model-training) tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold" / "seeds.jsonl").is_file():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def export_corpus(tmp_path_factory: pytest.TempPathFactory):
    """Records of data/raw and tests/fixtures/export/raw, as v1.0 and with hand-made v1.1 fields (export tests)."""
    from export_fixture import build_export_corpus

    return build_export_corpus(tmp_path_factory.mktemp("export-corpus"))
