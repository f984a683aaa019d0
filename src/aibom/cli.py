"""Command-line interface: map options to :mod:`aibom.app` calls, results to output and exit codes.

No domain logic here; imports are inside the commands so ``aibom --help`` stays fast.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aibom import cli_startup

cli_startup.install()  # before typer: it defers what typer imports and builds but aibom never uses

import typer  # noqa: E402

if TYPE_CHECKING:
    from rich.console import Console

    from aibom.bom.read import BomView
    from aibom.policy.results import Finding

EXIT_OK = 0
EXIT_POLICY = 1  # policy findings at or above --fail-on
EXIT_USAGE = 2  # bad arguments, missing or unreadable input
EXIT_INTERNAL = 3  # aibom produced an invalid BOM: a bug, please report it


def _console(*, stderr: bool = False, quiet: bool = False, soft_wrap: bool = False) -> Console:
    """A rich console, imported when something is printed (a quiet scan never needs one)."""
    from rich.console import Console

    return Console(stderr=stderr, quiet=quiet, soft_wrap=soft_wrap)


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    from rich.markup import escape

    from aibom.text import display_text

    # messages name scanned files and values: no escape sequences, no Rich markup (aibom.text)
    text = escape(display_text(message, single_line=False))
    _console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {text}", highlight=False)
    return typer.Exit(code)


def _write_output(
    data: str | bytes,
    output: str | Path | None,
    *,
    fail: Callable[[str], typer.Exit] = _fail,
    make_parents: bool = False,
) -> bool:
    """Write ``data`` to stdout (``output`` None or "-") or to the file; True when a file was written.

    A file that cannot be written fails with ``fail`` ("cannot write FILE: reason").
    """
    if output is None or str(output) == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.write(data)
        return False
    path = Path(output)
    try:
        if make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    return True


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
        from aibom.versions import version_report

        typer.echo(version_report())
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version_callback,
        is_eager=True,
        help="Show the versions of aibom, its knowledge base and the standards it writes, and exit.",
    ),
) -> None:
    """aibom: an AI bill of materials for your project."""


# Commands are added below, one function each; keep each thin and delegate to the pipeline modules.


@app.command(
    epilog="Examples:\n\n"
    "  aibom scan .                          scan the current project, write aibom.cdx.json\n\n"
    "  aibom scan svc -o - --format cyclonedx-xml > bom.xml\n\n"
    "  aibom scan . --exclude 'tests/**' --no-hash --policy origin-restricted\n\n"
    "  aibom scan . --format spdx3-json                SPDX 3.0.1 AI-BOM in aibom.spdx3.json\n\n"
    "Exit codes: 0 done (no policy errors); 1 policy findings at or above --fail-on; "
    "2 bad arguments or unreadable input; 3 a bug in aibom (please report; re-run with "
    "AIBOM_DEBUG=1). A model, library or value that cannot be written is left out with an "
    "error diagnostic and the rest of the BOM is written: that is not exit 3."
)
def scan(
    path: Path = typer.Argument(Path("."), help="Project directory to scan.", show_default=True),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Where to write the BOM (default: aibom.cdx.json, aibom.cdx.xml or aibom.spdx3.json); "
        "'-' writes only the BOM to standard output, everything else to standard error.",
        show_default=False,
    ),
    fmt: str = typer.Option(
        "cyclonedx-json",
        "--format",
        "-f",
        help="BOM format: cyclonedx-json, cyclonedx-xml (CycloneDX 1.6) or spdx3-json (SPDX 3.0.1 "
        "with the AI and Dataset profiles). Aliases: json, xml, cyclonedx, spdx3.",
    ),
    exclude: list[str] = typer.Option(
        [],
        "--exclude",
        "-e",
        help="Skip paths matching this gitignore-style glob (repeatable), e.g. 'tests/**'.",
    ),
    no_gitignore: bool = typer.Option(
        False,
        "--no-gitignore",
        help="Also scan untracked files .gitignore excludes (tracked ones always are).",
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
        help="Cache for hashes, findings and hub answers (default: $AIBOM_CACHE_DIR or ~/.cache/aibom).",
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        help="Processes scanning in parallel (0 = one per CPU); the BOM is the same for any value.",
    ),
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        help="Scan every file afresh: reuse neither findings of unchanged files nor the last result of an unchanged tree.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Scan a project for AI models, model APIs and AI libraries and write a CycloneDX AI-BOM.

    Reads Python (ast), notebooks, dependency files, configs, containers, JS/TS, Ollama Modelfiles,
    Hugging Face model directories and weight-file headers. Nothing scanned is ever executed.
    """
    from aibom.app import scan_project
    from aibom.bom.output_formats import DEFAULT_OUTPUT, resolve_bom_format
    from aibom.bom.validate import BomValidationError
    from aibom.pipeline import ScanError, ScanRequest
    from aibom.summary import ScanProgress, print_summary

    try:
        fmt = resolve_bom_format(fmt)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    output = output or DEFAULT_OUTPUT[fmt]
    to_stdout = output == "-"
    console = None if quiet else _console(stderr=to_stdout)
    store = None
    if ollama_store:
        from aibom.scanners.ollama import default_ollama_store

        store = default_ollama_store()
    # Policies, waivers and the report format are checked before the scan, so a typo fails fast.
    loaded_policy = loaded_waivers = report_fmt = None
    if policy:
        from aibom.policy import FAIL_ON, PolicyError, load_policies, load_waivers

        if fail_on not in FAIL_ON:
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
        jobs=jobs,
        use_cache=not no_cache,
    )
    try:
        with ScanProgress(None if quiet else _console(stderr=True), enabled=not quiet) as progress:
            scanned = scan_project(
                request, "cyclonedx-xml" if fmt == "cyclonedx-xml" else "cyclonedx-json", progress
            )
    except ScanError as exc:
        raise _fail(str(exc)) from None
    except BomValidationError as exc:
        raise _fail(str(exc), EXIT_INTERNAL) from None
    text = scanned.text
    if fmt == "spdx3-json":
        from aibom.bom.spdx3 import Spdx3Error, to_spdx3

        try:
            text = to_spdx3(json.loads(scanned.text))
        except Spdx3Error as exc:
            raise _fail(str(exc), EXIT_INTERNAL) from None
    _write_output(text, output)
    if console is not None:  # the summary tables cost a provider-table load and rich layout
        result = scanned.result  # a cached scan decodes its inventory only for this
        print_summary(
            console, result.inventory, result.lineage, output=None if to_stdout else output
        )
    code = EXIT_OK
    findings = None
    if policy or report is not None:
        bom_view = scanned.view()
    if loaded_policy is not None:
        from aibom.app import check_bom
        from aibom.policy.outputs.table import print_table

        checked = check_bom(bom_view, loaded_policy, loaded_waivers or [])
        print_table(checked, console or _console(quiet=True))
        code = checked.exit_code(fail_on)
        findings = checked.findings
    if report is not None and report_fmt is not None:
        from aibom.app import report_bytes
        from aibom.report import ReportError

        try:
            data = report_bytes(bom_view, report_fmt, findings=findings)
        except ReportError as exc:
            raise _fail(str(exc)) from None
        _write_output(data, report)
        if console is not None:
            console.print(f"Report written to {report}", highlight=False, markup=False)
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
    from aibom.bom.read import BomError, read_bom
    from aibom.policy import FAIL_ON, FORMATS, PolicyError, render, run_check

    try:
        bom_view = read_bom(bom)
    except BomError as exc:
        raise _fail(str(exc)) from None
    if fmt not in FORMATS:
        raise _check_fail(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    if fail_on not in FAIL_ON:
        raise _check_fail(f"--fail-on must be error, warning or info, not '{fail_on}'")
    try:
        result = run_check(bom_view, policy, waivers)
    except PolicyError as exc:
        raise _check_fail(str(exc)) from None
    out = None if output in (None, "-") else Path(output)
    if fmt == "table" and out is None:
        from aibom.policy.outputs.table import print_table

        print_table(result, _console(soft_wrap=False))
    else:
        text = render(result, fmt, bom_path=str(bom))
        _write_output(text, out, fail=_check_fail, make_parents=True)
    raise typer.Exit(result.exit_code(fail_on))


def _check_fail(message: str) -> typer.Exit:
    """``aibom check``'s plain one-line error on stderr (what CI logs show), exit 2."""
    from aibom.text import display_text

    print(f"aibom check: {display_text(message, single_line=False)}", file=sys.stderr)
    return typer.Exit(EXIT_USAGE)


def _policy_findings(
    bom: BomView, policy: list[str], waivers: Path | None
) -> tuple[Finding, ...] | None:
    """Typed findings of ``--policy`` packs on a BOM; None without ``--policy``."""
    from aibom.app import policy_findings
    from aibom.policy import PolicyError

    try:
        return policy_findings(bom, policy, waivers)
    except PolicyError as exc:
        raise _fail(str(exc)) from None


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
    from aibom.app import report_bytes
    from aibom.bom.read import BomError, read_bom
    from aibom.report import ReportError, report_format_for

    try:
        chosen = report_format_for(Path(output), fmt or ("md" if output == "-" else None))
    except ReportError as exc:
        raise _fail(str(exc)) from None
    try:
        bom_view = read_bom(bom)
    except BomError as exc:
        raise _fail(str(exc)) from None
    findings = _policy_findings(bom_view, policy, waivers)
    try:
        data = report_bytes(bom_view, chosen, findings=findings, title=title)
    except ReportError as exc:
        raise _fail(str(exc)) from None
    if not _write_output(data, output):
        return
    _console(stderr=True, soft_wrap=True).print(
        f"Report written to {output}", highlight=False, markup=False
    )


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
    from aibom.bom.read import BomError, read_bom
    from aibom.diff import DIFF_FORMATS, diff_boms, render_diff

    if fmt not in DIFF_FORMATS:
        raise _fail(f"unknown diff format {fmt!r}: choose one of {', '.join(DIFF_FORMATS)}")
    try:
        old_view = read_bom(old)
        new_view = read_bom(new)
    except BomError as exc:
        raise _fail(str(exc)) from None
    result = diff_boms(
        old_view,
        new_view,
        old_findings=_policy_findings(old_view, policy, waivers),
        new_findings=_policy_findings(new_view, policy, waivers),
    )
    text = render_diff(result, fmt)
    _write_output(text, output)
    if fail_on_new_model and result.has_new_models:
        from aibom.text import display_text

        _console(stderr=True, soft_wrap=True).print(
            f"{len(result.models_added)} new model(s) need review: "
            + display_text(", ".join(r.name for r in result.models_added)),
            highlight=False,
            markup=False,
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
    from aibom.app import lineage_of_target
    from aibom.lineage.render import FORMATS, render_lineage
    from aibom.text import clean_strings, display_text

    if fmt not in FORMATS:
        raise _fail(f"unknown lineage format {fmt!r}: choose one of {', '.join(FORMATS)}")
    try:
        result, diags = lineage_of_target(
            target,
            online=online,
            hf_cache=not no_hf_cache,
            cache_dir=cache_dir / "hub" if cache_dir else None,
        )
    except ValueError as exc:
        raise _fail(str(exc)) from None
    # names and card fields are scanned text: controls as \\xNN (aibom.text) before any format
    result, diags = clean_strings(result), clean_strings(diags)
    sys.stdout.write(render_lineage(result, fmt))  # type: ignore[arg-type]
    err = _console(stderr=True, soft_wrap=True)
    for d in diags:
        if d.level != "info":
            err.print(f"{d.level}: {display_text(d)}", highlight=False, markup=False)


@app.command(
    epilog="Examples:\n\n"
    "  aibom convert aibom.cdx.json --format spdx3-json -o aibom.spdx3.json\n\n"
    "Exit codes: 0 written; 2 bad arguments or unreadable BOM; 3 internal error (invalid output)."
)
def convert(
    bom: Path = typer.Argument(..., help="CycloneDX JSON BOM written by aibom."),
    fmt: str = typer.Option(
        "spdx3-json", "--format", "-f", help="Target format: spdx3-json (SPDX 3.0.1)."
    ),
    output: str = typer.Option(
        "-", "--output", "-o", help="Where to write it ('-': standard output)."
    ),
) -> None:
    """Convert an aibom CycloneDX BOM to SPDX 3.0.1 (AI and Dataset profiles), validated."""
    from aibom.bom.output_formats import resolve_bom_format
    from aibom.bom.read import BomError, load_bom_json
    from aibom.bom.spdx3 import Spdx3Error, to_spdx3
    from aibom.text import display_text

    try:
        target = resolve_bom_format(fmt)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    if target != "spdx3-json":
        raise _fail(f"convert writes spdx3-json; {target} is what 'aibom scan' already writes")
    try:
        bom_dict = load_bom_json(bom)
    except BomError as exc:
        raise _fail(str(exc)) from None
    try:
        text = to_spdx3(bom_dict)
    except Spdx3Error as exc:
        raise _fail(str(exc), EXIT_INTERNAL) from None
    if not _write_output(text, output):
        return
    _console(stderr=True, soft_wrap=True).print(
        f"SPDX 3.0.1 written to {display_text(output)}", highlight=False, markup=False
    )


@app.command(
    epilog="Examples:\n\n"
    "  export AIBOM_DT_API_KEY=...            (a key of a team with BOM_UPLOAD)\n\n"
    "  aibom publish aibom.cdx.json --to dependency-track --url https://dtrack.example.com "
    "--project my-service --version main --auto-create\n\n"
    "  aibom publish bom.json --url http://localhost:8081 --project 38640b33-4ba9-4733-bdab-cbfc40c6f8aa\n\n"
    "Exit codes: 0 uploaded (and processed unless --no-wait); 1 upload refused or failed; "
    "2 bad arguments or unreadable BOM."
)
def publish(
    bom: Path = typer.Argument(..., help="CycloneDX JSON BOM to upload."),
    to: str = typer.Option("dependency-track", "--to", help="Where to publish: dependency-track."),
    url: str = typer.Option(
        ...,
        "--url",
        envvar="AIBOM_DT_URL",
        help="Dependency-Track API server base URL, e.g. https://dtrack.example.com.",
    ),
    api_key: str | None = typer.Option(
        None,
        "--api-key",
        help="API key (prefer the AIBOM_DT_API_KEY environment variable; never printed).",
        show_default=False,
    ),
    project: str | None = typer.Option(
        None,
        "--project",
        help="Project name or UUID (default: the BOM's project name).",
    ),
    version: str | None = typer.Option(
        None,
        "--version",
        "--project-version",
        help="Project version, e.g. main or a commit (default: the BOM's project version).",
    ),
    parent: str | None = typer.Option(
        None,
        "--parent",
        help="With --auto-create: parent project as UUID or NAME@VERSION.",
    ),
    auto_create: bool = typer.Option(
        False,
        "--auto-create",
        help="Create the project when it does not exist (needs PROJECT_CREATION_UPLOAD).",
    ),
    wait: bool = typer.Option(
        True, "--wait/--no-wait", help="Wait until Dependency-Track has processed the BOM."
    ),
    wait_timeout: float = typer.Option(
        300.0, "--wait-timeout", help="Seconds to wait for processing.", min=0
    ),
) -> None:
    """Upload a BOM to Dependency-Track, keeping aibom's lineage, origin and licence facts visible."""
    from aibom.bom.read import BomError, load_bom_json
    from aibom.integrations import DtProject, PublishError, publish_to_dependency_track
    from aibom.text import display_text

    if to != "dependency-track":
        raise _fail(f"unknown publish target {to!r}: choose dependency-track")
    key = api_key or os.environ.get("AIBOM_DT_API_KEY", "")
    if not key:
        raise _fail("no API key: set AIBOM_DT_API_KEY (or pass --api-key)")
    try:
        bom_dict = load_bom_json(bom)
        target = DtProject.from_options(project, version, parent, auto_create, bom_dict)
    except BomError as exc:
        raise _fail(str(exc)) from None
    except PublishError as exc:
        raise _fail(str(exc)) from None
    err = _console(stderr=True, soft_wrap=True)
    try:
        result = publish_to_dependency_track(
            bom_dict, url, key, target, wait=wait, poll_timeout=wait_timeout
        )
    except PublishError as exc:
        raise _fail(str(exc).replace(key, "***"), EXIT_POLICY) from None
    state = (
        "processed"
        if result.processed
        else ("queued" if not wait else f"still processing after {wait_timeout:g}s")
    )
    err.print(  # names from the BOM and answers from the server: aibom.text display rule
        display_text(
            f"Uploaded {bom} to Dependency-Track {result.url} ({target.describe()}): {state}, "
            f"token {result.token}"
        ),
        highlight=False,
        markup=False,
    )


def main() -> None:
    """Console-script entry point: no traceback reaches the user unless AIBOM_DEBUG is set."""
    # What start-up allocated (modules, typer, the knowledge tables' holders) lives as long as
    # the process: frozen, the cyclic collector no longer walks it (~4% of an unchanged rescan).
    gc.freeze()
    try:
        app()
    except KeyboardInterrupt:
        _console(stderr=True).print("interrupted")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("AIBOM_DEBUG"):
            raise
        from rich.markup import escape

        from aibom.text import display_text

        _console(stderr=True).print(
            f"[red]internal error:[/red] {escape(display_text(f'{type(exc).__name__}: {exc}'))}\n"
            "This is a bug in aibom. Re-run with AIBOM_DEBUG=1 for details and please report it.",
            highlight=False,
        )
        sys.exit(EXIT_INTERNAL)
