"""The `hoptac` command: a thin layer over the library (`hoptac.ingest`, `hoptac.batch`,
`hoptac.evaluate`, `hoptac.summary`, `hoptac.kb`)."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from importlib import resources as pkg_resources
from pathlib import Path

import click
from tqdm import tqdm

from hoptac import __version__, evaluate, ingest, summary
from hoptac import terminal as views
from hoptac.batch import extract_all
from hoptac.kb import KnowledgeBase, queries, users
from hoptac.kb.export import FORMATS, export
from hoptac.kb.queries import UnknownPlace
from hoptac.report import FORMATS as REPORT_FORMATS
from hoptac.report import build as build_dossier
from hoptac.report import render as render_dossier
from hoptac.report import write as write_dossier
from hoptac.scale.cli import spark as spark_commands


def samples_dir(stack: ExitStack) -> Path:
    """The bundled sample articles (each with its gold), as a directory on disk."""
    ref = pkg_resources.files("hoptac") / "samples" / "articles"
    return stack.enter_context(pkg_resources.as_file(ref))


def input_paths(stack: ExitStack, paths: tuple[str, ...], samples: bool) -> list[str | Path]:
    """The PATHS of a command, the bundled samples added with --samples; a usage error when none."""
    sources: list[str | Path] = list(paths)
    if samples:
        sources.append(samples_dir(stack))
    if not sources:
        raise click.UsageError("give at least one PATH (or - for standard input, or --samples)")
    return sources


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
        sources = input_paths(stack, paths, samples)
        out = None
        if output:
            out = stack.enter_context(open(output, "w", encoding="utf-8"))
        elif not show_summary:
            out = sys.stdout
        keep = show_summary
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
            if keep and outcome.facts is not None:
                collected.append(outcome.facts)
            if out is not None:
                out.write((outcome.line or outcome.facts.to_json(with_text=not no_text)) + "\n")
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


DB_OPTION = click.option("--db", "db_url", metavar="URL",
                         help="Database URL (default: $HOPTAC_DB, else sqlite:///hoptac.db here); "
                              "PostgreSQL as postgresql+psycopg://user@host/db.")
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")


def open_kb(db_url: str | None) -> KnowledgeBase:
    try:
        return KnowledgeBase(db_url)
    except Exception as exc:
        raise click.ClickException(f"cannot open the knowledge base: {exc}") from exc


@main.command(name="ingest")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@DB_OPTION
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Extract with this many processes; one process writes.")
@click.option("--batch-size", type=click.IntRange(1, 100000), default=200, show_default=True,
              help="Articles written per transaction.")
@click.option("--samples", is_flag=True, help="Also read the bundled sample articles.")
@click.option("--parquet", "parquet_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              metavar="DIR", help="Load the output of `hoptac spark extract` in DIR (facts extracted already; "
                                  "needs pyarrow). May be repeated.")
def ingest_command(paths: tuple[str, ...], db_url: str | None, workers: int, batch_size: int, samples: bool,
                   parquet_dirs: tuple[str, ...]) -> None:
    """Read articles into the knowledge base: extract their facts and merge them with what is there.

    PATHS are what `hoptac extract` reads, plus HTML pages (.html, .htm: main text, title and date
    found by trafilatura) and web archives (.warc, .warc.gz: their HTML responses). The same article
    again changes nothing; a changed one replaces its facts. Work is committed in batches, each a
    transaction: stop it at any moment and run it again to go on. Unreadable input is reported per
    file and skipped; the exit status is 1 when anything failed.

    With --parquet DIR, the tables a Spark job wrote (`hoptac spark extract`) are loaded with the same
    merge and idempotence: loading them equals ingesting that job's input. Its rejects count as failed.
    """
    if not paths and not samples and not parquet_dirs:
        raise click.UsageError("nothing to ingest: give PATHS, --samples or --parquet DIR")
    kb = open_kb(db_url)
    with ExitStack() as stack:
        sources = input_paths(stack, paths, samples) if paths or samples else []
        progress = stack.enter_context(tqdm(desc="ingest", unit=" art", file=sys.stderr,
                                            disable=not sys.stderr.isatty(), dynamic_ncols=True))
        reported = 0

        def on_progress(s) -> None:
            nonlocal reported
            progress.n = s.read
            progress.set_postfix(new=s.new + s.replaced, unchanged=s.unchanged, failed=s.failed, refresh=False)
            progress.refresh()
            for origin, reason in s.errors[reported:]:
                tqdm.write(f"hoptac: {origin}: {reason}", file=sys.stderr)
            reported = len(s.errors)

        result = None
        if sources:
            result = kb.ingest(sources, workers=workers, batch_size=batch_size, on_progress=on_progress)
        for directory in parquet_dirs:
            from hoptac.scale.cli import load_parquet

            result = load_parquet(kb, directory, batch_size=batch_size, summary=result, on_progress=on_progress)
        progress.close()
    click.echo(f"hoptac: read {result.read}, new {result.new}, replaced {result.replaced}, "
               f"unchanged {result.unchanged}, failed {result.failed} ({kb.url})", err=True)
    if result.failed:
        sys.exit(1)


@main.group()
def db() -> None:
    """Manage the knowledge base's database."""


@db.command(name="upgrade")
@DB_OPTION
def db_upgrade(db_url: str | None) -> None:
    """Create or upgrade the database schema to this version of hoptac (a SQLite file is upgraded
    when it is opened; a PostgreSQL server needs this command)."""
    kb = KnowledgeBase(db_url, auto_upgrade=False)
    kb.upgrade()
    click.echo(f"hoptac: {kb.url} is at the newest schema", err=True)


@main.group()
def query() -> None:
    """Ask the knowledge base: partners, partnerships, people, agreements, full text."""


def _answer(as_json: bool, data, render) -> None:
    if as_json:
        click.echo(views.to_json(data))
    else:
        views.print_rich(render(data))


@query.command(name="partners")
@click.argument("place")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), help="Agreements in force on this day "
              "(default today).")
@DB_OPTION
@JSON_OPTION
def query_partners(place: str, on, db_url: str | None, as_json: bool) -> None:
    """The partners of PLACE (an ISO code or any spelling) with the number of articles, the latest event
    and the agreements in force."""
    try:
        code, partners = open_kb(db_url).partners(place, on.date() if on else None)
    except UnknownPlace as exc:
        raise click.ClickException(str(exc)) from exc
    _answer(as_json, {"place": code, "history": queries.place_history(code), "partners": partners},
            views.partners_table)


@query.command(name="partnerships")
@click.option("--place", help="Only those of this place (code or spelling).")
@DB_OPTION
@JSON_OPTION
def query_partnerships(place: str | None, db_url: str | None, as_json: bool) -> None:
    """Every partnership in the knowledge base, the most reported first, with its agreements."""
    try:
        records = open_kb(db_url).partnerships(place)
    except UnknownPlace as exc:
        raise click.ClickException(str(exc)) from exc
    _answer(as_json, records, views.partnerships_table)


@query.command(name="partnership")
@click.argument("place_a")
@click.argument("place_b")
@DB_OPTION
@JSON_OPTION
def query_partnership(place_a: str, place_b: str, db_url: str | None, as_json: bool) -> None:
    """The timeline of two places: meetings, visits, signings, agreements, people on both sides."""
    try:
        timeline = open_kb(db_url).partnership(place_a, place_b)
    except UnknownPlace as exc:
        raise click.ClickException(str(exc)) from exc
    _answer(as_json, timeline, views.partnership_tables)


@query.command(name="person")
@click.argument("name")
@DB_OPTION
@JSON_OPTION
def query_person(name: str, db_url: str | None, as_json: bool) -> None:
    """The roles of a person over time (NAME with or without tone marks), with their sources."""
    _answer(as_json, open_kb(db_url).person(name), views.people_tables)


@query.command(name="agreements")
@click.option("--in-force-on", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only those in force on this day.")
@click.option("--place", help="Only those of this place (code or spelling).")
@DB_OPTION
@JSON_OPTION
def query_agreements(in_force_on, place: str | None, db_url: str | None, as_json: bool) -> None:
    """Agreements with their periods, kinds, status and fields."""
    try:
        records = open_kb(db_url).agreements(in_force_on.date() if in_force_on else None, place)
    except UnknownPlace as exc:
        raise click.ClickException(str(exc)) from exc
    _answer(as_json, records, views.agreements_table)


@query.command(name="search")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="At most this many.")
@DB_OPTION
@JSON_OPTION
def query_search(text: str, limit: int, db_url: str | None, as_json: bool) -> None:
    """Articles with all the words of TEXT, written with or without tone marks."""
    _answer(as_json, open_kb(db_url).search(text, limit), views.search_table)


@main.command(name="export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="File format of the tables.")
@click.option("-o", "--output", type=click.Path(file_okay=False), default="export", show_default=True,
              help="Folder for the files, one per table.")
@DB_OPTION
def export_command(fmt: str, output: str, db_url: str | None) -> None:
    """Export the knowledge base as tables (articles, partnerships, agreements, people, roles, events,
    localities, figures, fields) in JSON Lines, CSV or Parquet."""
    for path in export(open_kb(db_url).engine, output, fmt):
        click.echo(str(path))


@main.group()
def report() -> None:
    """Review dossiers for the people who prepare the next working session."""


@report.command(name="partnership")
@click.argument("place_a", required=False)
@click.argument("place_b", required=False)
@click.option("--from", "since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only what happened from this day.")
@click.option("--to", "until", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only what happened up to this day (also the day the dossier looks from).")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="html", show_default=True,
              help="Markdown, an HTML page that prints cleanly, or a Word document.")
@click.option("-o", "--output", help="The file, or a folder ending in / (default: ho-so-A-B.FORMAT here; - for "
                                     "standard output, Markdown and HTML only).")
@DB_OPTION
def report_partnership(place_a: str | None, place_b: str | None, since, until, fmt: str, output: str | None,
                       db_url: str | None) -> None:
    """The review dossier of the partnership of PLACE_A and PLACE_B (codes or any spelling; without them, the
    most reported partnership): the partners, their leaders now, agreements and the time left, a timeline of
    meetings, visits and signings, commitments and what was delivered, figures, awards, open items and
    quality flags, every statement numbered with its sources."""
    kb = open_kb(db_url)
    if not place_a or not place_b:
        if place_a:
            raise click.UsageError("give both places, or neither for the most reported partnership")
        top = kb.partnerships()
        if not top:
            raise click.ClickException("the knowledge base has no partnership yet: run hoptac ingest first")
        place_a, place_b = top[0].a, top[0].b
    try:
        dossier = build_dossier(kb.engine, place_a, place_b, since.date() if since else None,
                                until.date() if until else None)
    except UnknownPlace as exc:
        raise click.ClickException(str(exc)) from exc
    if output == "-":
        if fmt == "docx":
            raise click.UsageError("a Word document goes to a file: -o FILE")
        sys.stdout.buffer.write(render_dossier(dossier, fmt))
        return
    path = write_dossier(dossier, fmt, output)
    click.echo(f"hoptac: dossier of {dossier.names[0]} – {dossier.names[1]} written to {path}", err=True)


@main.group()
def user() -> None:
    """Accounts of the people who curate the knowledge base in the web application."""


@user.command(name="add")
@click.argument("username")
@click.option("--admin", is_flag=True, help="An administrator.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of asking.")
@DB_OPTION
def user_add(username: str, admin: bool, password_stdin: bool, db_url: str | None) -> None:
    """Create an account: USERNAME, and a password asked twice (at least 10 characters), hashed with argon2."""
    password = (sys.stdin.readline().rstrip("\n") if password_stdin
                else click.prompt("Password", hide_input=True, confirmation_prompt=True))
    try:
        created = users.add_user(open_kb(db_url).engine, username, password, admin=admin)
    except users.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"hoptac: user {created.username} created{' (admin)' if created.is_admin else ''}", err=True)


@user.command(name="list")
@DB_OPTION
def user_list(db_url: str | None) -> None:
    """The accounts, one a line (an asterisk marks administrators)."""
    for account in users.list_users(open_kb(db_url).engine):
        click.echo(f"{account.username}{' *' if account.is_admin else ''}")


@main.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--insecure-cookies", is_flag=True,
              help="Send the sign-in cookie over plain HTTP too (a server reached by address, without HTTPS).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each with its own connections to the database).")
@DB_OPTION
def serve_command(host: str, port: int, insecure_cookies: bool, workers: int, db_url: str | None) -> None:
    """Serve the web application: Vietnamese pages and the REST API under /api (OpenAPI at /docs)."""
    # imported here: the web stack is slow to import and the other commands do not need it
    import os

    import uvicorn

    from hoptac.web import create_app

    kb = open_kb(db_url)  # upgrades an embedded SQLite file once, before any worker starts
    click.echo(f"hoptac: http://{host}:{port}/  (API: /api, OpenAPI: /docs)", err=True)
    if workers == 1:
        uvicorn.run(create_app(kb=kb, secure_cookies=not insecure_cookies), host=host, port=port,
                    log_level="warning")
        return
    kb.close()
    os.environ["HOPTAC_DB"] = kb.url
    os.environ["HOPTAC_INSECURE_COOKIES"] = "1" if insecure_cookies else "0"
    uvicorn.run("hoptac.web:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


# `hoptac spark ...`: the group imports no Spark until one of its commands runs.
main.add_command(spark_commands)

if __name__ == "__main__":
    main()
