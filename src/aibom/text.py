"""One place for how text from scanned content is represented in every output.

Scanned files are hostile input: names and strings may hold bytes that are not
UTF-8 (Python hands them over as lone surrogates) and control characters or
terminal escape sequences. Two rules, applied here and nowhere else:

* **In the BOM (JSON and XML)** every string goes through :func:`bom_text`: an
  undecodable byte becomes the four characters ``\\xNN`` (``\\xff`` for byte 0xFF),
  any other lone surrogate becomes ``\\uDXXX``, and a control character other
  than tab, newline and carriage return (C0, DEL, C1) becomes ``\\xNN`` too, so
  the text is valid UTF-8, valid XML 1.0 and inert in a terminal. The rewrite is
  idempotent; :func:`clean_strings` applies it to a whole inventory at once.
  URLs (``endpoint`` fields) follow RFC 3987 instead: such bytes, controls, spaces
  and backslashes are percent-encoded (``%FF``, ``%1B``) by :func:`uri_text`.
* **For display** (terminal, Markdown, CSV, HTML, SARIF) :func:`display_text`
  additionally removes whole escape sequences (CSI, OSC, DCS, SOS/PM/APC, in
  7-bit and 8-bit form), every remaining control character and the Unicode
  bidirectional overrides; :func:`csv_cell` also defuses spreadsheet formulas.
"""

from __future__ import annotations

import dataclasses
import re
import string
from enum import Enum
from typing import Any
from urllib.parse import quote

# Anything bom_text must rewrite: surrogates, C0 except \t \n \r, DEL, C1, XML non-characters.
_BOM_UNSAFE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

# Escape sequences, 7-bit (ESC ...) and 8-bit (C1 introducers), removed whole for display.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI ... final byte
    r"|(?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c|$)"  # OSC ... BEL or ST
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f]).*?(?:\x1b\\|\x9c|$)"  # DCS, SOS, PM, APC ... ST
    r"|\x1b[ -/]*[0-~]?",  # any other ESC sequence (ESC c, ESC ( B, ...)
    re.DOTALL,
)
# Left after sequences are gone: control characters and bidi overrides (Trojan Source).
_DISPLAY_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\r\n]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape_char(m: re.Match[str]) -> str:
    cp = ord(m.group(0))
    if 0xDC80 <= cp <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{cp - 0xDC00:02x}"
    if 0xD800 <= cp <= 0xDFFF or cp > 0xFF:
        return f"\\u{cp:04x}"
    return f"\\x{cp:02x}"


def bom_text(s: str) -> str:
    """``s`` as it may appear in a BOM: undecodable bytes and control characters as ``\\xNN``."""
    if _BOM_UNSAFE.search(s) is None:
        return s
    return _BOM_UNSAFE.sub(_escape_char, s)


_URI_UNSAFE = ' \\"<>^`|'
_URI_SAFE = "".join(
    c for c in string.punctuation if c not in _URI_UNSAFE
)  # keeps %-escapes, reserved and sub-delims, and {} (a templated URL is dropped by the builder)
URI_FIELDS = frozenset({"endpoint"})  # dataclass fields that hold URLs


def uri_text(s: str) -> str:
    """``s`` as a valid IRI reference: unsafe bytes and characters percent-encoded."""
    if _BOM_UNSAFE.search(s) is None and s.isprintable() and not any(c in s for c in _URI_UNSAFE):
        return s
    return quote(s, safe=_URI_SAFE, errors="surrogateescape")


def display_text(s: object, *, single_line: bool = True) -> str:
    """``s`` safe to show to a person: no escape sequence, no control character, valid UTF-8.

    With ``single_line`` tabs and line breaks become one space each run (table cells,
    terminal summaries); otherwise newlines and tabs are kept.
    """
    text = s if isinstance(s, str) else str(s)
    if text.isascii() and text.isprintable():
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    if single_line:
        text = _LINE_BREAKS.sub(" ", text)
    text = _DISPLAY_UNSAFE.sub("", text)
    return bom_text(text)  # what is left that is unsafe: surrogates


def csv_cell(s: object) -> str:
    """A CSV cell: :func:`display_text` (line breaks kept, CSV quotes them), formulas defused.

    A cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading ``'`` so a
    spreadsheet shows it as text instead of running it.
    """
    text = display_text(s, single_line=False)
    return "'" + text if text.startswith(_FORMULA_START) else text


def clean_strings(obj: Any) -> Any:
    """Apply :func:`bom_text` to every string inside ``obj`` (dataclasses, dicts, lists, sets).

    Dataclass instances are updated in place (their containers are rebuilt, so hashed
    members stay consistent); the cleaned object is returned.
    """
    return _Cleaner().clean(obj)


class _Cleaner:
    def __init__(self) -> None:
        self._seen: dict[int, Any] = {}

    def clean(self, obj: Any) -> Any:
        if isinstance(obj, str):
            return bom_text(obj) if not isinstance(obj, Enum) else obj
        if obj is None or isinstance(obj, (int, float, bool, bytes, Enum)):
            return obj
        key = id(obj)
        if key in self._seen:
            return self._seen[key]
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            self._seen[key] = obj
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                if f.name in URI_FIELDS and isinstance(value, str):
                    new = uri_text(value)
                    if new != value:
                        object.__setattr__(obj, f.name, new)
                    continue
                new = self.clean(value)
                if new is not value:
                    object.__setattr__(obj, f.name, new)
            return obj
        if isinstance(obj, dict):
            if not any(self._dirty(k) or self._dirty(v) for k, v in obj.items()):
                self._seen[key] = obj
                return obj
            new_dict = type(obj)() if type(obj) is not dict else {}
            self._seen[key] = new_dict
            for k, v in obj.items():
                new_dict[self.clean(k)] = self.clean(v)
            return new_dict
        if isinstance(obj, (list, set, frozenset, tuple)):
            if not any(self._dirty(v) for v in obj):
                self._seen[key] = obj
                return obj
            items = [self.clean(v) for v in obj]
            if isinstance(obj, list):
                obj[:] = items  # keep identity: other objects may hold the same list
                result: Any = obj
            elif isinstance(obj, set):
                obj.clear()
                obj.update(items)
                result = obj
            else:
                result = type(obj)(items) if not hasattr(obj, "_fields") else type(obj)(*items)
            self._seen[key] = result
            return result
        return obj

    def _dirty(self, obj: Any) -> bool:
        """Whether cleaning could change ``obj`` (strings checked, containers assumed so)."""
        if isinstance(obj, str):
            return _BOM_UNSAFE.search(obj) is not None
        return not (obj is None or isinstance(obj, (int, float, bool, bytes, Enum)))
