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
    parser.addoption("--fuzz-examples", type=int, default=50,
                     help="examples of the extract.process fuzz target (tests/test_fuzz.py; scripts/fuzz.py)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _one_torch_thread():
    """One torch thread, as each `extract run` worker has (runner.TORCH_THREADS_PER_JOB): the
    suite's `extract.process` calls otherwise start a thread per core, which on shared cores
    made the stanza calls of the API tests many times slower."""
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a dependency
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


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
