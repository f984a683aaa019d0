"""Command-line interface: parse options, call the pipeline, render. No domain logic here."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from aibom import __version__

EXIT_OK = 0
EXIT_POLICY = 1  # policy findings at or above --fail-on
EXIT_USAGE = 2  # bad arguments, missing or unreadable input
EXIT_INTERNAL = 3  # aibom produced an invalid BOM: a bug, please report it


class BomFormatOption(str, Enum):
    cyclonedx_json = "cyclonedx-json"
    cyclonedx_xml = "cyclonedx-xml"


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


app = typer.Typer(
    name="aibom",
    help="Audit the AI supply chain of a project: find models and model APIs, trace their lineage, "
    "write a CycloneDX AI-BOM, check policies and report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"aibom {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version_callback,
        is_eager=True,
        help="Show the version and exit.",
    ),
) -> None:
    """aibom: an AI bill of materials for your project."""


# Commands are added below, one function each; keep each thin and delegate to the pipeline modules.


@app.command(
    epilog="Examples:\n\n"
    "  aibom scan .                          scan the current project, write aibom.cdx.json\n\n"
    "  aibom scan svc -o - --format cyclonedx-xml > bom.xml\n\n"
    "  aibom scan . --exclude 'tests/**' --no-hash --policy origin-restricted\n\n"
    "Exit codes: 0 done (no policy errors); 1 policy findings at or above --fail-on; "
    "2 bad arguments or unreadable input; 3 internal error (invalid BOM; please report)."
)
def scan(
    path: Path = typer.Argument(Path("."), help="Project directory to scan.", show_default=True),
    output: str = typer.Option(
        "aibom.cdx.json",
        "--output",
        "-o",
        help="Where to write the BOM; '-' writes it to standard output.",
    ),
    fmt: BomFormatOption = typer.Option(
        BomFormatOption.cyclonedx_json, "--format", "-f", help="BOM format (CycloneDX 1.6)."
    ),
    exclude: list[str] = typer.Option(
        [],
        "--exclude",
        "-e",
        help="Skip paths matching this gitignore-style glob (repeatable), e.g. 'tests/**'.",
    ),
    no_gitignore: bool = typer.Option(
        False, "--no-gitignore", help="Also scan files that .gitignore excludes."
    ),
    no_hash: bool = typer.Option(
        False, "--no-hash", help="Do not compute SHA-256 of weight files (faster)."
    ),
    online: bool = typer.Option(
        False,
        "--online",
        help="Ask the Hugging Face hub (HF_ENDPOINT, HF_TOKEN) for cards of referenced models; cached.",
    ),
    hf_cache: bool = typer.Option(
        False, "--hf-cache", help="Also inventory the local Hugging Face cache (HF_HOME)."
    ),
    ollama_store: bool = typer.Option(
        False,
        "--ollama-store",
        help="Also inventory the local Ollama model store (OLLAMA_MODELS or ~/.ollama/models).",
    ),
    policy: list[str] = typer.Option(
        [],
        "--policy",
        "-p",
        help="Check the BOM against a policy file or bundled pack (repeatable), e.g. 'default'.",
    ),
    waivers: Path | None = typer.Option(None, "--waivers", help="Waivers file for --policy."),
    fail_on: str = typer.Option(
        "error", "--fail-on", help="With --policy: lowest severity that fails (error|warning|info)."
    ),
    report: Path | None = typer.Option(
        None,
        "--report",
        help="Also write a report (.html, .pdf, .md or .csv), with policy findings if --policy is set.",
    ),
    cache_dir: Path | None = typer.Option(
        None,
        "--cache-dir",
        help="Cache for hashes and hub answers (default: $AIBOM_CACHE_DIR or ~/.cache/aibom).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Scan a project for AI models, model APIs and AI libraries and write a CycloneDX AI-BOM.

    Reads Python (ast), notebooks, dependency files, configs, containers, JS/TS, Ollama Modelfiles,
    Hugging Face model directories and weight-file headers. Nothing scanned is ever executed.
    """
    from aibom.bom.isolate import build_isolated
    from aibom.bom.serialize import BomValidationError, serialize, source_date_epoch
    from aibom.pipeline import ScanError, ScanRequest, run_scan
    from aibom.summary import ScanProgress, print_summary

    to_stdout = output == "-"
    console = Console(stderr=to_stdout, quiet=quiet)
    store = None
    if ollama_store:
        from aibom.scanners.ollama import default_ollama_store

        store = default_ollama_store()
    # Policies, waivers and the report format are checked before the scan, so a typo fails fast.
    loaded_policy = loaded_waivers = report_fmt = None
    if policy:
        from aibom.policy import PolicyError, load_policies, load_waivers

        if fail_on not in ("error", "warning", "info"):
            raise _fail(f"--fail-on must be error, warning or info, not {fail_on!r}")
        try:
            loaded_policy, loaded_waivers = load_policies(policy), load_waivers(waivers)
        except PolicyError as exc:
            raise _fail(str(exc)) from None
    if report is not None:
        from aibom.report import ReportError, report_format_for

        try:
            report_fmt = report_format_for(report, None)
        except ReportError as exc:
            raise _fail(str(exc)) from None
    request = ScanRequest(
        root=path,
        excludes=exclude,
        use_gitignore=not no_gitignore,
        hash_weights=not no_hash,
        online=online,
        hf_cache=hf_cache,
        ollama_store=store,
        cache_dir=cache_dir,
    )
    try:
        with ScanProgress(Console(stderr=True), enabled=not quiet) as progress:
            result = run_scan(request, progress)
    except ScanError as exc:
        raise _fail(str(exc)) from None
    try:  # an item that cannot be written is left out alone, with a diagnostic (aibom.bom.isolate)
        built, text, dropped = build_isolated(
            result.inventory,
            result.lineage,
            project_name=path.resolve().name or "project",
            timestamp=source_date_epoch(),
            fmt=fmt.value,
        )
    except BomValidationError as exc:
        raise _fail(str(exc), EXIT_INTERNAL) from None
    result.inventory.extend(dropped)
    if to_stdout:
        sys.stdout.write(text)
    else:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    print_summary(console, result.inventory, result.lineage, output=None if to_stdout else output)
    code = EXIT_OK
    findings = None
    if policy or report is not None:
        json_text = (
            text
            if fmt is BomFormatOption.cyclonedx_json
            else serialize(built, "cyclonedx-json", serial=built.bom.serial_number)
        )
        bom_dict = json.loads(json_text)
    if loaded_policy is not None:
        from aibom.formats.table import print_table
        from aibom.policy import evaluate, render

        checked = evaluate(bom_dict, loaded_policy, loaded_waivers or [])
        print_table(checked, console)
        code = checked.exit_code(fail_on)
        findings = json.loads(render(checked, "json"))["findings"]
    if report is not None and report_fmt is not None:
        from aibom.report import ReportError, render_report

        try:
            report.write_bytes(render_report(bom_dict, report_fmt, findings=findings))
        except ReportError as exc:
            raise _fail(str(exc)) from None
        except OSError as exc:
            raise _fail(f"cannot write {report}: {exc.strerror or exc}") from None
        console.print(f"Report written to {report}", highlight=False)
    raise typer.Exit(code)


@app.command(
    epilog="Examples:\n\n"
    "  aibom check aibom.cdx.json                          bundled 'default' policy, table output\n\n"
    "  aibom check bom.json -p origin-restricted -p license-commercial --waivers waivers.yaml\n\n"
    "  aibom check bom.json -p policy.yaml --format sarif -o aibom.sarif --fail-on warning\n\n"
    "Bundled packs: default, origin-restricted, license-commercial, provenance.\n\n"
    "Exit codes: 0 no unwaived findings at or above --fail-on; 1 some; "
    "2 bad arguments, unreadable BOM or invalid policy/waivers file."
)
def check(
    bom: Path = typer.Argument(
        ..., help="CycloneDX 1.5/1.6 JSON BOM to check (written by aibom or any other tool)."
    ),
    policy: list[str] = typer.Option(
        [],
        "--policy",
        "-p",
        help="Policy file or bundled pack name (repeatable; merged in order; none: the bundled default).",
    ),
    waivers: Path | None = typer.Option(
        None,
        "--waivers",
        help="Waivers file (a 'waivers:' list of rule, component, reason, approver, expires).",
    ),
    fmt: str = typer.Option(
        "table", "--format", "-f", help="Output format: table, json, sarif, junit or github."
    ),
    output: str | None = typer.Option(
        None, "--output", "-o", help="Write the output to this file ('-' or none: standard output)."
    ),
    fail_on: str = typer.Option(
        "error",
        "--fail-on",
        help="Lowest unwaived severity that fails the check: error, warning or info.",
    ),
) -> None:
    """Check a BOM against origin, licence and provenance policies; exit 1 on unwaived findings."""
    from aibom.policy import BomError, read_bom, run_check

    try:
        bom_dict = read_bom(bom)
    except BomError as exc:
        raise _fail(str(exc)) from None
    out = None if output in (None, "-") else Path(output)
    raise typer.Exit(run_check(bom_dict, policy, waivers, fmt, out, fail_on, str(bom)))


def _policy_findings(
    bom_dict: dict[str, object], policy: list[str], waivers: Path | None
) -> list[dict[str, object]] | None:
    """Findings of ``--policy`` packs on a BOM in the JSON shape of ``aibom check``; None without."""
    if not policy:
        return None
    import json as _json

    from aibom.policy import PolicyError, evaluate, load_policies, load_waivers, render

    try:
        result = evaluate(bom_dict, load_policies(policy), load_waivers(waivers))
    except PolicyError as exc:
        raise _fail(str(exc)) from None
    findings: list[dict[str, object]] = _json.loads(render(result, "json"))["findings"]
    return findings


@app.command(
    epilog="Examples:\n\n"
    "  aibom report aibom.cdx.json -o report.html                    compliance report\n\n"
    "  aibom report bom.json -p origin-restricted -p license-commercial -o report.pdf\n\n"
    "  aibom report bom.json -o - --format md > comment.md            PR comment\n\n"
    "Exit codes: 0 report written; 2 bad arguments, unreadable BOM or invalid policy."
)
def report(
    bom: Path = typer.Argument(
        ..., help="CycloneDX JSON BOM to report on (written by aibom or any other tool)."
    ),
    output: str = typer.Option(
        ...,
        "--output",
        "-o",
        help="Report file: .html, .pdf, .md or .csv ('-' writes to standard output).",
    ),
    fmt: str | None = typer.Option(
        None, "--format", "-f", help="html, pdf, md or csv (default: from the --output extension)."
    ),
    policy: list[str] = typer.Option(
        [],
        "--policy",
        "-p",
        help="Include the findings of this policy file or bundled pack (repeatable).",
    ),
    waivers: Path | None = typer.Option(None, "--waivers", help="Waivers file for --policy."),
    title: str | None = typer.Option(None, "--title", help="Report title."),
) -> None:
    """Write a compliance report of a BOM for risk officers: HTML, PDF, Markdown or CSV."""
    from aibom.policy import BomError, read_bom
    from aibom.report import ReportError, render_report, report_format_for

    try:
        chosen = report_format_for(Path(output), fmt or ("md" if output == "-" else None))
    except ReportError as exc:
        raise _fail(str(exc)) from None
    try:
        bom_dict = read_bom(bom)
    except BomError as exc:
        raise _fail(str(exc)) from None
    findings = _policy_findings(bom_dict, policy, waivers)
    try:
        data = render_report(bom_dict, chosen, findings=findings, title=title)
    except ReportError as exc:
        raise _fail(str(exc)) from None
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    Console(stderr=True, soft_wrap=True).print(f"Report written to {output}", highlight=False)


@app.command(
    epilog="Examples:\n\n"
    "  aibom diff main.cdx.json branch.cdx.json                       terminal summary\n\n"
    "  aibom diff old.json new.json --format md -o diff.md            PR comment\n\n"
    "  aibom diff old.json new.json --fail-on-new-model               gate CI on new models\n\n"
    "Exit codes: 0 done; 1 --fail-on-new-model and a model was added; "
    "2 bad arguments or unreadable BOM."
)
def diff(
    old: Path = typer.Argument(..., help="The BOM before the change (CycloneDX JSON)."),
    new: Path = typer.Argument(..., help="The BOM after the change (CycloneDX JSON)."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text, md or json."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="Write the diff to this file ('-' or none: standard output)."
    ),
    fail_on_new_model: bool = typer.Option(
        False, "--fail-on-new-model", help="Exit 1 when the new BOM adds a model."
    ),
    policy: list[str] = typer.Option(
        [],
        "--policy",
        "-p",
        help="Also compare findings of this policy file or bundled pack (repeatable).",
    ),
    waivers: Path | None = typer.Option(None, "--waivers", help="Waivers file for --policy."),
) -> None:
    """Compare two BOMs: models and services added or removed, lineage, licence, origin and hash changes."""
    from aibom.diff import DIFF_FORMATS, diff_boms, render_diff
    from aibom.policy import BomError, read_bom

    if fmt not in DIFF_FORMATS:
        raise _fail(f"unknown diff format {fmt!r}: choose one of {', '.join(DIFF_FORMATS)}")
    try:
        old_dict = read_bom(old)
        new_dict = read_bom(new)
    except BomError as exc:
        raise _fail(str(exc)) from None
    result = diff_boms(
        old_dict,
        new_dict,
        old_findings=_policy_findings(old_dict, policy, waivers),
        new_findings=_policy_findings(new_dict, policy, waivers),
    )
    text = render_diff(result, fmt)
    if output in (None, "-"):
        sys.stdout.write(text)
    else:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
    if fail_on_new_model and result.has_new_models:
        Console(stderr=True, soft_wrap=True).print(
            f"{len(result.models_added)} new model(s) need review: "
            + ", ".join(r.name for r in result.models_added),
            highlight=False,
        )
        raise typer.Exit(EXIT_POLICY)


@app.command(
    epilog="Examples:\n\n"
    "  aibom lineage Qwen/Qwen2.5-7B-Instruct              a hub id (offline: knowledge base + HF cache)\n\n"
    "  aibom lineage ./models/support-bot                  a local model directory\n\n"
    "  aibom lineage model.Q4_K_M.gguf --format mermaid    a weight file, as a Mermaid graph\n\n"
    "  aibom lineage aibom.cdx.json --online               every model of a BOM, asking the hub\n\n"
    "Exit codes: 0 done; 2 bad arguments or unreadable target."
)
def lineage(
    target: str = typer.Argument(
        ..., help="Hub id, Ollama tag, local model directory, weight file or CycloneDX JSON BOM."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="Output: text, json, mermaid or dot."),
    online: bool = typer.Option(
        False,
        "--online",
        help="Ask the Hugging Face hub (HF_ENDPOINT, HF_TOKEN); answers are cached.",
    ),
    no_hf_cache: bool = typer.Option(
        False,
        "--no-hf-cache",
        help="Do not read cached model cards from the local Hugging Face cache.",
    ),
    cache_dir: Path | None = typer.Option(
        None,
        "--cache-dir",
        help="Cache for hub answers (default: $AIBOM_CACHE_DIR or ~/.cache/aibom).",
    ),
) -> None:
    """Print what a model descends from (family, developer, country, licences) with the evidence of each step."""
    from aibom.lineage.render import FORMATS, render_lineage
    from aibom.lineage.resolve import resolve_target

    if fmt not in FORMATS:
        raise _fail(f"unknown lineage format {fmt!r}: choose one of {', '.join(FORMATS)}")
    try:
        result, diags = resolve_target(
            target,
            online=online,
            hf_cache=not no_hf_cache,
            cache_dir=cache_dir / "hub" if cache_dir else None,
        )
    except ValueError as exc:
        raise _fail(str(exc)) from None
    sys.stdout.write(render_lineage(result, fmt))  # type: ignore[arg-type]
    err = Console(stderr=True, soft_wrap=True)
    for d in diags:
        if d.level != "info":
            err.print(f"{d.level}: {d}", highlight=False, markup=False)


def main() -> None:
    """Console-script entry point: no traceback reaches the user unless AIBOM_DEBUG is set."""
    try:
        app()
    except KeyboardInterrupt:
        Console(stderr=True).print("interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("AIBOM_DEBUG"):
            raise
        Console(stderr=True).print(
            f"[red]internal error:[/red] {type(exc).__name__}: {exc}\n"
            "This is a bug in aibom. Re-run with AIBOM_DEBUG=1 for details and please report it.",
            highlight=False,
        )
        sys.exit(EXIT_INTERNAL)
