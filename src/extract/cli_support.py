"""What the CLI's commands share: progress bars on a terminal and one-line messages on stderr."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

from rich.console import Console

err = Console(stderr=True)


def output_place(out: str, mirror: Optional[Path]) -> tuple[Path, Optional[str]]:
    """(the folder the run writes, the URL it publishes to) of `-o` and `--mirror`."""
    from .outdir import UsageError
    from .uris import is_uri

    if not is_uri(out):
        if mirror is not None:
            raise UsageError("--mirror goes with an output URL (-o s3://...)")
        return Path(out), None
    from .publish import default_mirror

    return (mirror if mirror is not None else default_mirror(out)), out


def run_with_progress(paths: List[str], opts):
    from .runner import run as run_corpus

    if not err.is_terminal:
        return run_corpus(paths, opts, on_error=say_error, on_warning=say_warning)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task("extracting", total=None)
        return run_corpus(paths, opts, progress=lambda d, t: bar.update(task, completed=d, total=t),
                          on_error=say_error, on_warning=say_warning)


def say_error(message: str, label: str = "[red]error[/red]") -> None:
    """One line on stderr, never wrapped (an error message is a line a script can grep)."""
    from rich.markup import escape

    err.print(f"{label} {escape(message)}", highlight=False, soft_wrap=True)


def say_warning(message: str) -> None:
    say_error(message, "[yellow]warning[/yellow]")


@contextmanager
def stage_progress() -> Iterator:
    """A callback (what, done, total) that draws rich progress bars on a terminal, else None."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(what: str, done: int, total: int) -> None:
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=total)
            bar.update(tasks[what], completed=done, total=total)

        yield update
