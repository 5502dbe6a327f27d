"""Command line: argument parsing and printing only; the work is in runner, rules, evaluate."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from . import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract project codes, dates, people, places, organisations and contacts from Latvian news.")
rules_app = typer.Typer(no_args_is_help=True, help="List and check the extraction rules.")
app.add_typer(rules_app, name="rules")
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"extract {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """Information extraction for Latvian news about EU-funded education projects."""


def _parse_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@app.command()
def run(
    paths: List[Path] = typer.Argument(..., help="Files and folders (searched recursively for .txt .md .html .htm)."),
    out: Path = typer.Option(Path("data/out"), "-o", "--out", help="Output folder."),
    doc_date: Optional[str] = typer.Option(None, "--doc-date", help="Date the documents were written (YYYY-MM-DD)."),
    max_bytes: int = typer.Option(10_000_000, "--max-bytes", min=1, help="Refuse files larger than this."),
    jobs: Optional[int] = typer.Option(None, "-j", "--jobs", min=1, help="Worker processes (default: number of cores)."),
    force: bool = typer.Option(False, "--force", help="Redo every document, even unchanged ones."),
    sentence_model: str = typer.Option("bundled", "--sentence-model",
                                       help="'bundled' (shipped with extract), 'official' (stanza's, if installed) "
                                            "or a path to a stanza tokenizer .pt file."),
) -> None:
    """Process documents into one JSON record each (plus records.jsonl and errors.jsonl)."""
    from .runner import RunOptions, default_jobs, run as run_corpus

    opts = RunOptions(out_dir=out, doc_date=_parse_date(doc_date), max_bytes=max_bytes,
                      jobs=jobs or default_jobs(), force=force,
                      sentence_model=_check_sentence_model(sentence_model))

    def on_error(msg: str) -> None:
        err.print(f"[red]error[/red] {msg}", highlight=False)

    if err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=err, transient=True) as bar:
            task = bar.add_task("extracting", total=None)
            summary = run_corpus(paths, opts, progress=lambda d, t: bar.update(task, completed=d, total=t),
                                 on_error=on_error)
    else:
        summary = run_corpus(paths, opts, on_error=on_error)
    typer.echo(summary.line())
    if summary.warnings:  # warnings never change the exit code
        err.print(f"warnings {summary.warnings} in {summary.warned_records} records (their \"warnings\" lists say "
                  "what and where)", highlight=False)
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one output record."""
    from .records import DocumentRecord

    typer.echo(json.dumps(DocumentRecord.model_json_schema(), ensure_ascii=False, indent=2))


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold annotations (JSONL)."),
    out_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of records."),
    show: bool = typer.Option(False, "--show", help="List misses and false positives."),
) -> None:
    """Per-kind precision, recall and F1 of records against gold (as ../shared/eval/score.py)."""
    from .evaluate import evaluate

    ev = evaluate(gold, out_dir)
    typer.echo(ev.table())
    if show:
        typer.echo("\n".join(ev.notes))


@rules_app.command("list")
def rules_list() -> None:
    """Every rule: id, kind, description and number of cases."""
    from rich.table import Table

    from .rules import default_ruleset
    from .rules.cases import load_case_files

    cases = load_case_files()
    table = Table("id", "kind", "cases", "description")
    for r in default_ruleset().rules:
        cf = cases.get(r.id)
        n = (len(cf.positives) + len(cf.negatives) + len(cf.gaps)) if cf else 0
        table.add_row(r.id, r.spec.kind, str(n), r.spec.description)
    Console(width=200).print(table)


@rules_app.command("check")
def rules_check() -> None:
    """Run every case file (positives, negatives, known gaps) and print failures."""
    from .rules import default_ruleset
    from .rules.cases import load_case_files, run_cases

    ruleset = default_ruleset()
    cases = load_case_files()
    failed = total = 0
    for res in run_cases(ruleset, cases):
        total += 1
        if not res.ok:
            failed += 1
            typer.echo(f"FAIL {res.rule} {res.kind}: {res.text!r}: {res.message}")
    missing = [r.id for r in ruleset.rules if r.id not in cases or not cases[r.id].positives or not cases[r.id].negatives]
    for rid in missing:
        typer.echo(f"FAIL {rid}: needs a case file with at least one positive and one negative case")
    typer.echo(f"{total - failed} passed, {failed + len(missing)} failed")
    if failed or missing:
        raise typer.Exit(1)


@app.command("eval-sentences")
def eval_sentences(
    conllu: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold CoNLL-U file."),
    model: str = typer.Option("bundled", "--sentence-model", "--model",
                              help="'bundled', 'official' or a path to a stanza tokenizer .pt file."),
    wrap: Optional[int] = typer.Option(None, "--wrap", min=20,
                                       help="Hard-wrap the rebuilt texts at this many columns first."),
    show: int = typer.Option(0, "--show", min=0, help="Print up to this many sentence differences."),
) -> None:
    """Token and sentence F1 of the sentence stage on a CoNLL-U file (stanza's CoNLL 2018 scorer)."""
    from .sentence_eval import evaluate_conllu

    model = _check_sentence_model(model)
    res = evaluate_conllu(conllu, model=model, wrap=wrap, details=bool(show))
    typer.echo(f"model      {res['model']}")
    typer.echo(f"tokens     F1 {res['tokens_f1']:.2f}")
    typer.echo(f"sentences  F1 {res['sentences_f1']:.2f}  "
               f"(gold {res['sentences_gold']}, predicted {res['sentences_predicted']})")
    typer.echo(f"speed      {res['chars_per_s']:,.0f} characters/s ({res['chars']:,} characters)")
    for kind, text in res.get("errors", [])[:show]:
        typer.echo(f"  {kind:9} {text[:160]!r}")


@app.command("models")
def models() -> None:
    """The sentence models this machine has (bundled, stanza's official Latvian model)."""
    from .sentences import available_models

    for m in available_models():
        mark = "yes" if m["present"] else "no "
        typer.echo(f"{m['name']:9} {mark} {m['path']}\n          {m['description']}")


def _check_sentence_model(model: str) -> str:
    from .sentences import ModelNotAvailable, model_path

    try:
        model_path(model)
    except ModelNotAvailable as e:
        raise typer.BadParameter(str(e), param_hint="--sentence-model") from None
    return model


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
