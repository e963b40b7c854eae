"""The `hoptac` command: a thin layer over the library (`hoptac.ingest`, `hoptac.batch`,
`hoptac.evaluate`, `hoptac.summary`)."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from importlib import resources as pkg_resources
from pathlib import Path

import click
from tqdm import tqdm

from hoptac import __version__, evaluate, ingest, summary
from hoptac.batch import extract_all


def samples_dir(stack: ExitStack) -> Path:
    """The bundled sample articles (each with its gold), as a directory on disk."""
    ref = pkg_resources.files("hoptac") / "samples" / "articles"
    return stack.enter_context(pkg_resources.as_file(ref))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hoptac")
def main() -> None:
    """Facts with evidence from Vietnamese news about local-level international cooperation."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the JSON Lines here instead of standard output.")
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Extract with this many processes; the output keeps the input order.")
@click.option("--samples", is_flag=True, help="Also read the bundled sample articles.")
@click.option("--no-text", is_flag=True, help="Leave the normalised text and sentence offsets out of the output.")
@click.option("--summary", "show_summary", is_flag=True,
              help="Print a readable summary (partnerships, agreements, people) on standard output; "
                   "the JSON Lines then go only to --output.")
def extract(paths: tuple[str, ...], output: str | None, workers: int, samples: bool, no_text: bool,
            show_summary: bool) -> None:
    """Extract the facts of articles: one JSON object per article (FACTS.md), with evidence.

    PATHS are .txt files (id = file stem), .json files (one article: id, text, title, published, url,
    source), .jsonl files (one article a line), directories (read recursively) and - for standard
    input. Unreadable input is reported on standard error, one line naming the file and the reason;
    the batch goes on and the exit status is 1 when anything failed.
    """
    with ExitStack() as stack:
        sources: list[str | Path] = list(paths)
        if samples:
            sources.append(samples_dir(stack))
        if not sources:
            raise click.UsageError("give at least one PATH (or - for standard input, or --samples)")
        out = None
        if output:
            out = stack.enter_context(open(output, "w", encoding="utf-8"))
        elif not show_summary:
            out = sys.stdout
        keep = show_summary
        if keep and workers > 1:
            workers = 1  # the summary needs the facts themselves, not only their JSON
        progress = stack.enter_context(tqdm(desc="articles", unit=" art", file=sys.stderr,
                                            disable=not sys.stderr.isatty(), dynamic_ncols=True))
        done = failed = 0
        collected = []
        for outcome in extract_all(ingest.read(sources), workers=workers, with_text=not no_text, keep_facts=keep):
            progress.update(1)
            for warning in outcome.warnings:
                tqdm.write(f"hoptac: {outcome.origin}: warning: {warning}", file=sys.stderr)
            if outcome.error:
                failed += 1
                tqdm.write(f"hoptac: {outcome.origin}: {outcome.error}", file=sys.stderr)
                continue
            done += 1
            if out is not None:
                out.write(outcome.line + "\n")
            if keep and outcome.facts is not None:
                collected.append(outcome.facts)
        progress.close()
        if show_summary:
            click.echo(summary.render(collected))
        click.echo(f"hoptac: extracted {done} article{'s' * (done != 1)}, {failed} failed", err=True)
    if failed:
        sys.exit(1)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("predictions", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--diff", is_flag=True, help="List every missed and wrong fact before the table.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Processes for extraction when no PREDICTIONS are given.")
def eval_command(gold_dir: str, predictions: str | None, diff: bool, as_json: bool, workers: int) -> None:
    """Score extraction against gold articles: precision, recall and F1 per key (FACTS.md).

    GOLD_DIR holds one JSON file per article with its "text" and "gold". With PREDICTIONS (a JSON
    Lines file from `hoptac extract`) those are scored; without, the gold articles are extracted
    first. The numbers are those of the project's score.py.
    """
    gold = evaluate.load_gold(gold_dir)
    if predictions:
        with open(predictions, encoding="utf-8") as handle:
            try:
                predicted = evaluate.load_predictions(handle)
            except (ValueError, json.JSONDecodeError) as exc:
                raise click.ClickException(f"{predictions}: {exc}") from exc
    else:
        predicted = {}
        for outcome in extract_all(ingest.read([gold_dir]), workers=workers, with_text=False):
            if outcome.error:
                click.echo(f"hoptac: {outcome.origin}: {outcome.error}", err=True)
                continue
            obj = json.loads(outcome.line)
            predicted[str(obj["id"])] = obj
    report = evaluate.evaluate(gold, predicted)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
        return
    if diff:
        for article, key, kind, fact in report.differences:
            click.echo(f"{article}\t{key}\t{kind}\t{fact}")
    click.echo(report.table())


if __name__ == "__main__":
    main()
