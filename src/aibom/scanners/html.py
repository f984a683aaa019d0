"""HTML (``*.html``, ``*.htm``): the model pickers of a web page, ``<select>`` / ``<datalist>``.

A product's settings page offers its models as ``<option value="gpt-4o">`` entries of a
``<select>`` (or ``<datalist>``) whose ``id``/``name``/``class``/``data-*``/``aria-label``
attribute or preceding label says *model* (the knowledge layer's model-ish name rule, after
UI words such as ``select`` or ``dropdown`` and provider names are taken out:
``model_openai_select`` is a model picker). Each option value the classifier recognises is a
model, at its own line, attributed to the hosted provider the option's own ``data-*``
attribute names (``data-type="openrouter"``), else the one the picker or its label names
(``openai``, ``mistralai``, ``Novel AI``), else its ``<optgroup label>``'s, else the one its
nearest ancestor names (``<form data-source="groq">``, yielding to a name's own provider);
without any, only what the classifier recognises on its own (hub ids, known hosted names,
Ollama library tags) counts. Placeholders (empty
values, ``custom``), other selects, and ``<script>``/``<style>`` contents are left alone.

The markup is read by the standard library's :class:`html.parser.HTMLParser` (a real,
error-tolerant tokenizer; never regular expressions over markup). A file the parser gives up
on yields a diagnostic.

May import: :mod:`aibom.scanners.kernel` and below.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from aibom.inventory import Finding
from aibom.knowledge.providers import provider_spelled, provider_spelled_in
from aibom.knowledge.tables import provider_table
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.javascript.syntax import _BUILD_DIRS
from aibom.scanners.kernel import (
    Emitter,
    ValueContext,
    dedupe,
    emit_model_value,
    is_catalog_key,
    is_setting_key,
    key_words,
)
from aibom.walk import SourceFile

_SUFFIXES = (".html", ".htm")
_CONTAINERS = frozenset({"select", "datalist"})
# words of a control's name that say how it is shown, not what it holds
_UI_WORDS = frozenset(
    {
        "select",
        "selector",
        "selected",
        "dropdown",
        "drop",
        "down",
        "picker",
        "pick",
        "chooser",
        "choice",
        "choices",
        "list",
        "menu",
        "options",
        "option",
        "combo",
        "combobox",
        "box",
        "input",
        "field",
        "control",
        "current",
        "active",
        "form",
    }
)
# a control ordering, filtering or grouping models is no picker of them
_NOT_PICKER_WORDS = frozenset({"sort", "order", "filter", "group", "view", "layout", "format"})
_BINDING_ATTRS = frozenset({"v-model", "ng-model", "x-model", "wire:model", "data-bind"})
_NAME_ATTRS = ("id", "name", "aria-label")
_LABEL_TAGS = frozenset({"label", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "dt", "th", "p"})
_SKIP_TEXT_TAGS = frozenset({"script", "style", "template", "textarea"})
_MAX_LABEL_CHARS = 120
_LABEL_LINES = 6  # a label counts for a picker that starts at most this many lines below it
_MAX_OPTIONS = 20_000  # per file: a generated page of thousands of options stops here
_MAX_DEPTH = 512  # ancestors kept for provider lookup
# tags and text runs parsed per file: the pure-Python tokenizer costs ~3 us per event, so a
# hostile page ("<<<<...", millions of empty tags) stops after a few seconds with a diagnostic
_MAX_EVENTS = 1_000_000


class _TooLarge(Exception):
    """The page has more tags and text runs than one parse may spend."""


_FAMILY = ""  # a word naming a family a provider serves (claude, qwen), not the provider


def _provider_named(word: str) -> str | None:
    """The hosted provider ``word`` spells, ``_FAMILY`` for a family it serves, else None."""
    found = provider_spelled(word)
    return _as_named(found)


def _named_in(words: tuple[str, ...]) -> str | None:
    """The first provider (or ``_FAMILY``) a run of words names, pairs first (``Novel AI``)."""
    return _as_named(provider_spelled_in(words))


def _as_named(found: tuple[str, bool] | None) -> str | None:
    if found is None:
        return None
    pid, spelled = found
    if not spelled or (pid in provider_table().no_model_catalog and pid != "ollama"):
        return _FAMILY
    return pid


def provider_in_words(words: tuple[str, ...]) -> str | None:
    """The hosted provider a run of words spells (``Novel AI`` is ``novelai``), or None."""
    return _named_in(words) or None


def is_picker_name(name: str) -> bool:
    """True when a control named ``name`` picks a model (``model_openai_select``, ``llmModel``)."""
    words = key_words(name)
    if not words or any(w in _NOT_PICKER_WORDS for w in words):
        return False
    kept = [w for w in words if w not in _UI_WORDS]
    # "model_openai", "claude_model": a provider or family qualifies the model
    kept = [w for w in kept if _provider_named(w) is None]
    if not kept:
        return False
    key = "_".join(kept)
    return is_setting_key(key) or is_catalog_key(key)


def _names_of(attrs: dict[str, str]) -> list[str]:
    """The names a control's attributes give it: id, name, classes, data-* and model bindings."""
    out = [attrs[a] for a in _NAME_ATTRS if attrs.get(a)]
    out.extend((attrs.get("class") or "").split())
    for key, value in attrs.items():
        if key.startswith("data-") and key != "data-bind":
            out.append(key[5:])
            if value and len(value) <= _MAX_LABEL_CHARS:
                out.append(value)
        elif key in _BINDING_ATTRS and value:
            out.append(value)
    return out


@dataclass
class _Picker:
    line: int
    provider: str | None  # named by the control or its label
    inherited: str | None  # named by the nearest ancestor that names one
    labelled: bool  # the control or its label says model
    ident: str | None
    # (value, line, provider its <optgroup> names, hosted provider the option's data-* names)
    options: list[tuple[str, int, str | None, str | None]] = field(default_factory=list)
    group: str | None = None  # provider the current <optgroup label> names


@dataclass
class _Option:
    line: int
    value: str | None  # the value attribute; None: the option's text is its value
    provider: str | None = None  # the hosted provider its data-* attributes name
    text: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    """Collects the options of every select/datalist with what names it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pickers: list[_Picker] = []
        self.labels_for: dict[str, str] = {}  # <label for=ID> text
        self.stack: list[tuple[str, tuple[str, ...]]] = []  # open elements: (tag, their names)
        self.picker: _Picker | None = None
        self.option: _Option | None = None
        self.label_for: tuple[str, list[str]] | None = None
        self.last_text: tuple[str, int] | None = None  # recent label-like text and its line
        self.text_tag: str | None = None
        self.skip_text = 0
        self.options = 0
        self.events = 0
        self.open: dict[str, int] = {}  # open elements on the stack, by tag

    # -- elements

    def _spend(self) -> None:
        self.events += 1
        if self.events > _MAX_EVENTS:
            raise _TooLarge

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._spend()
        a = {k.lower(): (v or "") for k, v in attrs}
        line = self.getpos()[0]
        if tag in _SKIP_TEXT_TAGS:
            self.skip_text += 1
        if tag in _CONTAINERS:
            self._close_option()
            self._open_picker(a, line)
            return
        if tag == "optgroup" and self.picker is not None:
            self._close_option()
            self.picker.group = provider_in_words(key_words(a.get("label", "")))
            return
        if tag == "option" and self.picker is not None:
            self._close_option()
            self.option = _Option(line, a.get("value") if "value" in a else None, _option_host(a))
            return
        if tag == "label" and a.get("for"):
            self.label_for = (a["for"], [])
        if tag in _LABEL_TAGS:
            self.text_tag = tag
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append((tag, tuple(_names_of(a)) if a else ()))
            self.open[tag] = self.open.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CONTAINERS:
            return  # <select/>: nothing offered
        if tag == "option" and self.picker is not None:
            a = {k.lower(): (v or "") for k, v in attrs}
            self._close_option()
            if a.get("value"):
                self._add(a["value"], self.getpos()[0], _option_host(a))
            return
        if tag not in _VOID:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._spend()
        if tag in _SKIP_TEXT_TAGS and self.skip_text:
            self.skip_text -= 1
        if tag in _CONTAINERS:
            self._close_option()
            self.picker = None
            self.last_text = None
            return
        if tag in ("option", "optgroup"):
            self._close_option()
            if tag == "optgroup" and self.picker is not None:
                self.picker.group = None
            return
        if tag == "label" and self.label_for is not None:
            ident, parts = self.label_for
            self.labels_for.setdefault(ident, " ".join(parts))
            self.label_for = None
        if tag == self.text_tag:
            self.text_tag = None
        if not self.open.get(tag):
            return  # a stray end tag (or one of an element past the depth kept)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for closed, _ in self.stack[i:]:
                    self.open[closed] -= 1
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        self._spend()
        if self.skip_text or (self.option is None and data.isspace()):
            return
        if self.option is not None:
            self.option.text.append(data)
            return
        if self.picker is not None:
            return
        text = " ".join(data.split())
        if not text:
            return
        if self.label_for is not None:
            self.label_for[1].append(text)
        if len(text) <= _MAX_LABEL_CHARS:
            leading = data[: len(data) - len(data.lstrip())]
            self.last_text = (text, self.getpos()[0] + leading.count("\n"))

    # -- pickers and options

    def _open_picker(self, a: dict[str, str], line: int) -> None:
        names = _names_of(a)
        labelled = any(is_picker_name(n) for n in names)
        words = _words_of(names)
        provider = provider_in_words(words)
        near = (
            self.last_text if self.last_text and line - self.last_text[1] <= _LABEL_LINES else None
        )
        if near is not None:
            label_words = key_words(near[0])
            labelled = labelled or is_picker_name(near[0])
            provider = provider or provider_in_words(label_words)
        # the nearest ancestor naming a provider; one naming a family (claude) names none
        inherited = self._inherited()
        self.picker = _Picker(line, provider, inherited, labelled, a.get("id"))
        self.pickers.append(self.picker)

    def _inherited(self) -> str | None:
        """The provider the nearest ancestor naming one spells; one naming a family: none."""
        for _, names in reversed(self.stack):
            if names:
                named = _named_in(_words_of(list(names)))
                if named is not None:
                    return named or None
        return None

    def _close_option(self) -> None:
        opt, self.option = self.option, None
        if opt is None or self.picker is None:
            return
        value = opt.value if opt.value is not None else " ".join("".join(opt.text).split())
        if value:
            self._add(value, opt.line, opt.provider)

    def _add(self, value: str, line: int, provider: str | None = None) -> None:
        assert self.picker is not None
        if self.options >= _MAX_OPTIONS:
            return
        self.options += 1
        self.picker.options.append((value, line, self.picker.group, provider))


_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "param",
        "keygen",
    }
)


def _option_host(attrs: dict[str, str]) -> str | None:
    """The hosted provider an option's ``data-*`` values name (``data-type="openrouter"``).

    Local servers (Ollama, self-hosted) are left to the classifier: their options also hold
    placeholders (``ollama_current``) that any tag-shaped value would pass for.
    """
    for key, value in attrs.items():
        if key.startswith("data-") and value and len(value) <= 40:
            named = _named_in(key_words(value))
            if named and named != "ollama":
                return named
    return None


def _words_of(names: list[str]) -> tuple[str, ...]:
    return tuple(w for n in names for w in key_words(n))


def scan_html_text(text: str, rel: str) -> list[Finding]:
    """Findings for one HTML page: the models its model pickers offer."""
    em = Emitter(rel, "html")
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except _TooLarge:
        em.diag(
            f"more than {_MAX_EVENTS:,} HTML tags and text runs; only the first part was scanned",
            None,
            code="html-too-large",
            level="info",
        )
    except (AssertionError, ValueError, IndexError, RecursionError) as exc:
        em.diag(
            f"HTML could not be parsed ({type(exc).__name__}); file partly scanned",
            None,
            code="html-parse",
        )
    for picker in parser.pickers:
        labelled = picker.labelled
        if not labelled and picker.ident and picker.ident in parser.labels_for:
            label = parser.labels_for[picker.ident]
            labelled = is_picker_name(label)
            picker.provider = picker.provider or provider_in_words(key_words(label))
        if not labelled:
            continue
        for value, line, group, own in picker.options:
            named = own or picker.provider or group
            scope = _scope(named) if named else _scope(picker.inherited, weak=True)
            emit_model_value(em, value, line, scope, listed=True)
    return dedupe(em.findings)


@functools.lru_cache(maxsize=256)
def _scope(provider: str | None, *, weak: bool = False) -> ValueContext:
    """The provider a picker names decides; an ancestor's (``weak``) yields to the model's own."""
    if provider is None:
        return ValueContext()
    return ValueContext(
        provider=provider, named=None if weak else provider, ollama=provider == "ollama"
    )


class HtmlScanner(FileScanner):
    """Web pages (``*.html``, ``*.htm``): model pickers."""

    name = "html"
    globs = ("*.html", "*.htm")

    def wants(self, f: SourceFile) -> bool:
        """Pages outside build output (``dist/``, ``build/``...: generated from the sources)."""
        return f.name.lower().endswith(_SUFFIXES) and not any(
            part in _BUILD_DIRS for part in f.rel.split("/")[:-1]
        )

    def may_matter(self, data: bytes) -> bool:
        low = data.lower()
        return b"<option" in low and (b"<select" in low or b"<datalist" in low)

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        text = ctx.read_text(f)
        if text is None:
            return []
        return scan_html_text(text, f.rel)
