"""Terminal output for `aibom scan`: the summary tables and the progress display."""

from __future__ import annotations

import time
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich loads only when something is shown (a quiet scan never does)
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from aibom.inventory import Inventory, Location, Service
    from aibom.lineage.types import Lineage

STAGE_LABELS = {
    "walk": "Listing files",
    "scan": "Scanning files",
    "hash": "Hashing weights",
    "lineage": "Tracing lineage",
}


class ScanProgress:
    """A progress bar that appears only when a stage takes more than a moment (and only on a terminal)."""

    def __init__(self, console: Console | None, *, enabled: bool, delay: float = 0.5) -> None:
        self._console = console
        self._enabled = enabled and console is not None and console.is_terminal
        self._delay = delay
        self._start = time.monotonic()
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> ScanProgress:
        self._start = time.monotonic()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._enabled:
            return
        if self._progress is None:
            if time.monotonic() - self._start < self._delay:
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._progress.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(
                STAGE_LABELS.get(stage, stage), total=total or None
            )
        self._progress.update(self._tasks[stage], completed=done, total=total or None)


def _t(value: object) -> str:
    """Scanned text made safe for the terminal: no control sequences, no Rich markup."""
    from rich.markup import escape

    from aibom.text import display_text

    return escape(display_text(value))


def _test_marked(service: Service) -> list[str]:
    """A service's model names, sorted, those used only in test code marked ``(test only)``."""
    test = set(service.test_only_models)
    return [f"{n} (test only)" if n in test else n for n in sorted(service.models)]


def _where(locations: list[Location]) -> str:
    if not locations:
        return ""
    first = str(sorted(locations)[0])
    return first if len(locations) == 1 else f"{first} (+{len(locations) - 1})"


def print_summary(
    console: Console, inventory: Inventory, lineage: dict[str, Lineage], *, output: str | None
) -> None:
    """Print the models, services, AI libraries and diagnostics found."""
    from rich.table import Table

    # here, not at the top: a quiet scan (a rescan answered whole, say) prints no summary
    from aibom.inventory import ModelKind
    from aibom.lineage.types import Lineage
    from aibom.text import display_text

    models = inventory.sorted_models()
    if models:
        table = Table(title=f"AI models ({len(models)})", title_justify="left")
        for col in ("Model", "Family (origin)", "Licence", "Lineage", "Found in"):
            table.add_column(col, overflow="fold")
        for m in models:
            lin = lineage.get(m.key) or Lineage()
            source = lin.source if not lin.confidence else f"{lin.source}, {lin.confidence}"
            if lin.conflicts:
                source += " [red]conflict[/red]"
            unsafe = m.facts is not None and any(w.unsafe for w in m.facts.weights)
            name = _t(m.name) + (f"@{_t(m.revision[:12])}" if m.revision else "")
            if m.kind is not ModelKind.HUB:
                name += f" [dim]({m.kind.value})[/dim]"
            if unsafe:
                name += " [red](unsafe weights)[/red]"
            if m.test_only:
                name += " [dim](test only)[/dim]"
            licence = lin.license_declared or (
                ", ".join(lin.licenses_inherited) + " (inherited)"
                if lin.licenses_inherited
                else "unknown"
            )
            table.add_row(
                name,
                _t(
                    f"{lin.family_name or lin.family or 'unknown'} ({','.join(lin.countries) or lin.country or '?'})"
                ),
                _t(licence),
                source,
                _t(_where(m.occurrences)),
            )
        console.print(table)
    else:
        console.print("No AI models found.")
    services = inventory.sorted_services()
    if services:
        # the provider tables cost ~50 ms to load: only when there is a service to name
        from aibom.lineage.providers import get_provider

        table = Table(title=f"Hosted model APIs ({len(services)})", title_justify="left")
        for col in ("Provider", "Country", "Endpoint", "Models", "Found in"):
            table.add_column(col, overflow="fold")
        for s in services:
            p = get_provider(s.provider)
            table.add_row(
                _t(p.name if p else s.provider),
                _t((p.country if p else None) or "?"),
                _t(s.endpoint or (p.default_endpoint if p else "") or ""),
                _t(", ".join(_test_marked(s)) or "-"),
                _t(_where(s.occurrences)),
            )
        console.print(table)
    libs_total = len(inventory.libraries)
    if libs_total:
        ai_names = sorted(
            {lib.name.lower() for lib in inventory.libraries.values() if lib.category}
        )
        names = ", ".join(ai_names[:12]) + (
            "" if len(ai_names) <= 12 else f" (+{len(ai_names) - 12} more)"
        )
        listed = f": {names}" if ai_names else ""
        console.print(f"Libraries: {libs_total} declared, {len(ai_names)} AI-related{_t(listed)}")
    if inventory.datasets:
        console.print(f"Datasets: {_t(', '.join(d.name for d in inventory.sorted_datasets()))}")
    diags = inventory.sorted_diagnostics()
    if diags:
        console.print(
            f"[yellow]{len(diags)} diagnostic(s)[/yellow] (recorded in the BOM metadata):"
        )
        for d in diags[:20]:
            console.print(f"  {d.level}: {display_text(d)}", markup=False, highlight=False)
        if len(diags) > 20:
            console.print(f"  ... and {len(diags) - 20} more")
    console.print(
        f"Scanned {inventory.files_scanned} files."
        + (f" BOM written to {_t(output)}" if output else "")
    )
