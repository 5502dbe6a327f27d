"""Command line: argument parsing and printing only; the work is in runner, rules, evaluate."""
from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .cli_support import err, output_place, run_with_progress, say_error, stage_progress
from .workers import DEFAULT_DOC_TIMEOUT_S, DEFAULT_MEMORY_MB

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract project codes, dates, people, places, organisations and contacts from Latvian news.")
rules_app = typer.Typer(no_args_is_help=True, help="List and check the extraction rules.")
app.add_typer(rules_app, name="rules")


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
    paths: List[str] = typer.Argument(..., help="Files and folders (searched recursively for .txt .md .html .htm), "
                                                "or URLs of either (s3://, gs://, hdfs://, file://; needs pyarrow)."),
    out: str = typer.Option("data/out", "-o", "--out",
                            help="Output folder, or a URL (s3://, gs://, hdfs://, file://) to publish it to."),
    mirror: Optional[Path] = typer.Option(None, "--mirror", file_okay=False,
                                          help="With a URL output: the local folder the run works in "
                                               "(default: one per URL in extract's cache)."),
    doc_date: Optional[str] = typer.Option(None, "--doc-date", help="Date the documents were written (YYYY-MM-DD)."),
    max_bytes: int = typer.Option(10_000_000, "--max-bytes", min=1, help="Refuse files larger than this."),
    jobs: Optional[int] = typer.Option(None, "-j", "--jobs", min=1, help="Worker processes (default: number of cores)."),
    force: bool = typer.Option(False, "--force", help="Redo every document, even unchanged ones."),
    sentence_model: str = typer.Option("bundled", "--sentence-model",
                                       help="'bundled' (shipped with extract), 'official' (stanza's, if installed) "
                                            "or a path to a stanza tokenizer .pt file."),
    doc_timeout: float = typer.Option(DEFAULT_DOC_TIMEOUT_S, "--doc-timeout", min=0.01,
                                      help="Seconds a document may take; past it, its worker is stopped and the "
                                           "document gets an error line."),
    max_memory: int = typer.Option(DEFAULT_MEMORY_MB, "--max-memory", min=1,
                                   help="MB a worker may use while it works on a document; past it, as --doc-timeout."),
    engine: str = typer.Option("local", "--engine", help="'local' (worker processes) or 'ray' (Ray actors)."),
    address: Optional[str] = typer.Option(None, "--address",
                                          help="With --engine ray: 'auto' (the running cluster) or "
                                               "ray://HOST:10001; none: a local Ray on this machine."),
    actors: Optional[int] = typer.Option(None, "--actors", min=1,
                                         help="With --engine ray: actors, each one pipeline on one CPU "
                                              "(default: --jobs)."),
) -> None:
    """Process documents into one JSON record each (plus records.jsonl, errors.jsonl, manifest.jsonl)."""
    from .outdir import UsageError
    from .runner import EXIT_INTERRUPTED, EXIT_USAGE, RunOptions, default_jobs
    from .workers import WorkerInitError

    try:
        out_dir, publish_url = output_place(out, mirror)
    except UsageError as exc:
        say_error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    opts = RunOptions(out_dir=out_dir, publish_url=publish_url, doc_date=_parse_date(doc_date), max_bytes=max_bytes,
                      jobs=jobs or default_jobs(), force=force,
                      sentence_model=_check_sentence_model(sentence_model),
                      doc_timeout_s=doc_timeout, memory_mb=max_memory,
                      engine=_check_engine(engine, address, actors), ray_address=address, ray_actors=actors)
    try:
        summary = run_with_progress(paths, opts)
    except UsageError as exc:
        say_error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    except WorkerInitError as exc:
        say_error(str(exc))
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        say_error("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    typer.echo(summary.line())
    if summary.warnings:  # warnings never change the exit code
        err.print(f"warnings {summary.warnings} in {summary.warned_records} records (their \"warnings\" lists say "
                  "what and where)", highlight=False)
    if summary.exit_code():
        raise typer.Exit(summary.exit_code())


@app.command()
def schema() -> None:
    """Print the JSON Schema of one output record."""
    from .records import DocumentRecord

    typer.echo(json.dumps(DocumentRecord.model_json_schema(), ensure_ascii=False, indent=2))


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="Gold annotations: JSONL, or a Label Studio JSON export of corrected tasks."),
    out_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of records."),
    show: bool = typer.Option(False, "--show", help="List misses and false positives."),
) -> None:
    """Per-kind precision, recall and F1 of records against gold (as ../shared/eval/score.py)."""
    from .evaluate import evaluate
    from .export.labelstudio_gold import GoldFormatError

    try:
        ev = evaluate(gold, out_dir)
    except GoldFormatError as e:
        _fail(str(e))
    for w in ev.warnings:
        typer.echo(f"note: {w}", err=True)
    typer.echo(ev.table())
    if show:
        typer.echo("\n".join(ev.notes))


class ExportFormat(str, Enum):
    sqlite = "sqlite"
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"
    label_studio = "label-studio"


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


@app.command("export")
def export_cmd(
    out_dir: Path = typer.Argument(..., help="Output folder of `extract run` (records.jsonl or <doc_id>.json files)."),
    to: Optional[Path] = typer.Option(None, "--to", help="Target: a .sqlite or .xlsx file, a folder for csv and "
                                      "parquet, a .json file for label-studio (default: corpus.sqlite, corpus-csv/, "
                                      "corpus.xlsx, corpus-parquet/, tasks.json)."),
    fmt: ExportFormat = typer.Option(ExportFormat.sqlite, "--format", "-f", help="What to write."),
    rebuild: bool = typer.Option(False, "--rebuild", help="sqlite: build the database afresh instead of updating it."),
) -> None:
    """Tables for analysts (SQLite with full-text search, CSV, XLSX, Parquet) or Label Studio tasks."""
    from .export import DEFAULT_TARGETS, BadRecord, BadTarget, NoRecords, export

    target = to or Path(DEFAULT_TARGETS[fmt.value])
    try:
        with stage_progress() as progress:
            lines = export(out_dir, fmt.value, target, rebuild=rebuild, progress=progress)
    except (NoRecords, BadRecord, BadTarget) as e:
        _fail(str(e))
    typer.echo("\n".join(lines))


@app.command("report")
def report_cmd(
    out_dir: Path = typer.Argument(..., help="Output folder of `extract run`."),
    out: Path = typer.Option(Path("report"), "-o", "--out", help="Folder of the HTML site."),
) -> None:
    """A static, offline HTML review site: documents, projects, charts, and every mention highlighted."""
    from .export import BadRecord, NoRecords
    from .report.site import build_site

    try:
        with stage_progress() as progress:
            summary = build_site(out_dir, out, progress=progress)
    except (NoRecords, BadRecord) as e:
        _fail(str(e))
    typer.echo(summary)


@app.command("eval-projects")
def eval_projects_cmd(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold projects (JSONL: doc_id, projects)."),
    out_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of records."),
    show: bool = typer.Option(False, "--show", help="List missed and extra projects and facts."),
) -> None:
    """Project and fact precision, recall and F1 of records against gold (as ../shared/eval/projects.py)."""
    from .projects.scoring import evaluate_projects

    ev = evaluate_projects(gold, out_dir)
    typer.echo(ev.table())
    if show:
        typer.echo("\n".join(ev.notes))


@rules_app.command("list")
def rules_list() -> None:
    """Every rule (extraction and project-linking): id, kind, description and number of cases."""
    from rich.table import Table

    from .rules import default_ruleset
    from .rules.cases import load_case_files

    cases = load_case_files()
    table = Table("id", "kind", "cases", "description")
    for r in default_ruleset().rules:
        cf = cases.get(r.id)
        n = (len(cf.positives) + len(cf.negatives) + len(cf.gaps)) if cf else 0
        table.add_row(r.id, r.spec.kind, str(n), r.spec.description)
    _add_entity_rows(table)
    _add_link_rows(table)
    from rich.console import Console

    Console(width=200).print(table)


def _add_link_rows(table) -> None:
    """The project-linking rules (extract.projects.registry)."""
    from .projects.cases import load_link_cases
    from .projects.registry import all_rules

    link_cases = load_link_cases()
    for rule in all_rules().values():
        lc = link_cases.get(rule.id)
        n = (len(lc.positives) + len(lc.negatives)) if lc else 0
        table.add_row(rule.id, f"link:{rule.field}", str(n), rule.description)


def _add_entity_rows(table) -> None:
    """The entity stage's rule units (extract.entities.registry), in chain order."""
    from .entities import Chain, registry
    from .entities.cases import load_entity_cases

    cases, reg, chain = load_entity_cases(), registry(), Chain.load()
    for rule_id in chain.order:
        cf = cases.get(rule_id)
        n = (len(cf.positives) + len(cf.negatives) + len(cf.gaps)) if cf else 0
        off = "" if chain.on(rule_id) else " (off)"
        table.add_row(rule_id, f"entity {reg[rule_id].stage}{off}", str(n), reg[rule_id].summary)


def _check_entity_rules() -> tuple[int, int]:
    """Run the entity rules' case files; (cases run, failures), a rule without cases failing."""
    from .entities import registry
    from .entities.cases import load_entity_cases, run_entity_cases

    cases = load_entity_cases()
    failed = total = 0
    for res in run_entity_cases(cases):
        total += 1
        if not res.ok:
            failed += 1
            typer.echo(f"FAIL {res.rule} {res.kind}: {res.text!r}: {res.message}")
    for rule_id in registry():
        cf = cases.get(rule_id)
        if cf is None or not cf.positives or not cf.negatives:
            failed += 1
            typer.echo(f"FAIL {rule_id}: needs a case file with at least one positive and one negative case")
    return total, failed


@rules_app.command("check")
def rules_check() -> None:
    """Run every case file (extraction and project-linking rules) and print failures."""
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
    from .projects.cases import load_link_cases, run_link_cases
    from .projects.registry import all_rules

    link_cases = load_link_cases()
    for res in run_link_cases(link_cases):
        total += 1
        if not res.ok:
            failed += 1
            typer.echo(f"FAIL {res.rule} {res.kind}: {res.text!r}: {res.message}")
    missing += [rid for rid in all_rules() if rid not in link_cases or not link_cases[rid].positives
                or not link_cases[rid].negatives]
    for rid in missing:
        typer.echo(f"FAIL {rid}: needs a case file with at least one positive and one negative case")
    entity_total, entity_failed = _check_entity_rules()
    total, failed = total + entity_total, failed + entity_failed
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


def _check_engine(engine: str, address: Optional[str], actors: Optional[int]) -> str:
    if engine not in ("local", "ray"):
        raise typer.BadParameter(f"{engine!r}: choose 'local' or 'ray'", param_hint="--engine")
    if engine == "local" and (address or actors):
        raise typer.BadParameter("--address and --actors need --engine ray", param_hint="--engine")
    if engine == "ray":
        from .distributed.cluster import RayUnavailable, import_ray

        try:
            import_ray()
        except RayUnavailable as exc:
            raise typer.BadParameter(str(exc), param_hint="--engine") from None
    return engine


def _check_sentence_model(model: str) -> str:
    from .sentences import ModelNotAvailable, model_path

    try:
        model_path(model)
    except ModelNotAvailable as e:
        raise typer.BadParameter(str(e), param_hint="--sentence-model") from None
    return model


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
