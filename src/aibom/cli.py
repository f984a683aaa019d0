"""Command-line interface: parse options, call the pipeline, render. No domain logic here."""

from __future__ import annotations

import typer

from aibom import __version__

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
        False, "--version", callback=_version_callback, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """aibom: an AI bill of materials for your project."""


# Commands are added below, one function each; keep each thin and delegate to the pipeline modules.


def main() -> None:
    """Console-script entry point."""
    app()
