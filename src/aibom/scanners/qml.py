"""QML (``*.qml``): Qt Quick object trees read as config trees.

A QML file declares objects (``RemoteModelCard { providerBaseUrl: "..."; modelWhitelist:
[...] }``) whose properties are bound to literals or to JavaScript expressions. The
literal properties (strings, ``qsTr("...")``, arrays of strings) and the nested objects
become a line-aware :class:`~aibom.scanners.kernel.Node` tree that the config-tree
analyser reads like a YAML mapping: an object's base-URL property names the provider its
model properties and model allow-lists are served by. Expressions, functions and signal
handlers are skipped (a light tokenizer, no JavaScript analysis).

May import: :mod:`aibom.scanners.tree`, :mod:`aibom.scanners.kernel` and below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from aibom.inventory import Finding
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.kernel import MAX_DEPTH, Emitter, Node, dedupe
from aibom.scanners.tree import analyse_tree
from aibom.walk import SourceFile

_TOKEN = re.compile(
    r"""(?P<ws>[ \t\r\f\v]+)
    |(?P<nl>\n)
    |(?P<comment>//[^\n]*|/\*.*?\*/)
    |(?P<str>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)
    |(?P<ident>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)
    |(?P<num>\d[\w.]*)
    |(?P<punct>.)""",
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_TRANSLATE = frozenset({"qsTr", "qsTrId", "qsTranslate", "QT_TR_NOOP"})
_OPEN, _CLOSE = "([{", ")]}"
_MAX_TOKENS = 200_000


class _Tok:
    __slots__ = ("kind", "line", "text")

    def __init__(self, kind: str, text: str, line: int) -> None:
        self.kind, self.text, self.line = kind, text, line


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    line = 1
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        tok = m.group()
        if kind not in ("ws", "nl", "comment"):
            out.append(_Tok(kind, tok, line))
            if len(out) > _MAX_TOKENS:
                break
        line += tok.count("\n")
    return out


def _unquote(tok: str) -> str:
    return _ESCAPE.sub(lambda m: m.group(1), tok[1:-1])


class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.t = toks
        self.i = 0

    def peek(self, k: int = 0) -> _Tok | None:
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def document(self) -> Node:
        root = Node("map", 1)
        while (tok := self.peek()) is not None:
            if tok.kind == "ident" and tok.text in ("import", "pragma"):
                self._skip_line()
            elif tok.kind == "ident" and self._object_ahead():
                name, line = tok.text, tok.line
                root.items.append((name, line, self.obj(0)))
            else:
                self.i += 1
        return root

    def _skip_line(self) -> None:
        tok = self.peek()
        line = tok.line if tok else 0
        while (tok := self.peek()) is not None and tok.line == line:
            self.i += 1

    def _object_ahead(self) -> bool:
        """``Type {`` or ``Behavior on x {`` starts at the current token."""
        k = 0
        while (tok := self.peek(k)) is not None and tok.kind == "ident" and k < 3:
            k += 1
        tok = self.peek(k)
        return k > 0 and tok is not None and tok.text == "{"

    def obj(self, depth: int) -> Node:
        """Parse ``Type {members}`` at the current token."""
        first = self.peek()
        node = Node("map", first.line if first else None)
        while (tok := self.peek()) is not None and tok.text != "{":
            self.i += 1
        self.i += 1  # "{"
        while (tok := self.peek()) is not None:
            if tok.text == "}":
                self.i += 1
                return node
            self.member(node, depth)
        return node

    def member(self, node: Node, depth: int) -> None:
        tok = self.peek()
        assert tok is not None
        if tok.kind == "ident":
            # property declarations: [default|required|readonly] property <type> <name>: value
            k = 0
            while (t := self.peek(k)) is not None and t.text in ("default", "required", "readonly"):
                k += 1
            t = self.peek(k)
            if t is not None and t.text == "property":
                j = k + 1
                while (t2 := self.peek(j)) is not None and (t2.kind == "ident" or t2.text in "<>"):
                    j += 1
                name_tok = self.peek(j - 1)
                colon = self.peek(j)
                if colon is not None and colon.text == ":" and name_tok is not None:
                    self.i += j + 1
                    self.binding(node, name_tok.text, name_tok.line, depth)
                    return
                self._skip_statement()
                return
            nxt = self.peek(1)
            if nxt is not None and nxt.text == ":":
                self.i += 2
                self.binding(node, tok.text, tok.line, depth)
                return
            if self._object_ahead() and tok.text not in ("function", "signal", "enum", "component"):
                if depth < MAX_DEPTH:
                    node.items.append((tok.text, tok.line, self.obj(depth + 1)))
                else:
                    self._skip_statement()
                return
        self._skip_statement()

    def binding(self, node: Node, key: str, line: int, depth: int) -> None:
        value = self.value(depth)
        if value is not None:
            node.items.append((key, line, value))

    def _ends_here(self, last_line: int) -> bool:
        nxt = self.peek()
        return nxt is None or nxt.line > last_line or nxt.text in ("}", ";", ",", "]")

    def value(self, depth: int) -> Node | None:
        tok = self.peek()
        if tok is None:
            return None
        if tok.kind == "str":
            self.i += 1
            if self._ends_here(tok.line):
                return Node("scalar", tok.line, value=_unquote(tok.text))
            self.i -= 1
        elif tok.kind == "ident" and tok.text in _TRANSLATE:
            a, s, b = self.peek(1), self.peek(2), self.peek(3)
            if a and s and b and a.text == "(" and s.kind == "str" and b.text == ")":
                self.i += 4
                if self._ends_here(b.line):
                    return Node("scalar", s.line, value=_unquote(s.text))
                self.i -= 4
        elif tok.text == "[":
            start = self.i
            seq = self.array(depth)
            if seq is not None:
                return seq
            self.i = start
        elif tok.kind == "ident" and self._object_ahead() and depth < MAX_DEPTH:
            return self.obj(depth + 1)
        self._skip_statement()
        return None

    def array(self, depth: int) -> Node | None:
        """``["a", "b", Obj {...}]``: literal elements kept; None when it is an expression."""
        open_tok = self.peek()
        assert open_tok is not None
        seq = Node("seq", open_tok.line)
        self.i += 1
        while (tok := self.peek()) is not None:
            if tok.text == "]":
                self.i += 1
                return seq if self._ends_here(tok.line) else None
            if tok.text == ",":
                self.i += 1
                continue
            if tok.kind == "str":
                seq.elements.append(Node("scalar", tok.line, value=_unquote(tok.text)))
                self.i += 1
                continue
            if tok.kind == "ident" and self._object_ahead() and depth < MAX_DEPTH:
                seq.elements.append(self.obj(depth + 1))
                continue
            return None
        return None

    def _skip_statement(self) -> None:
        """Skip a binding's expression, a function or a signal: to the end of its line at depth 0."""
        depth = 0
        tok = self.peek()
        if tok is None:
            return
        if tok.text in _CLOSE:
            self.i += 1  # stray closer: consume so the parse always advances
            return
        while (tok := self.peek()) is not None:
            if tok.text in _OPEN:
                depth += 1
            elif tok.text in _CLOSE:
                if depth == 0:
                    return  # the enclosing object's "}"
                depth -= 1
            self.i += 1
            if depth == 0:
                nxt = self.peek()
                if nxt is None or tok.text == ";":
                    return
                if (
                    nxt.line > tok.line
                    and tok.text not in "=+-*/&|?:,.("
                    and nxt.text
                    not in (
                        ".",
                        "?",
                        ":",
                        "+",
                        "&&",
                        "||",
                        "(",
                        "{",
                    )
                ):
                    return


def qml_tree(text: str) -> Node:
    """The object tree of a QML document (literal bindings and nested objects)."""
    return _Parser(_tokens(text)).document()


def scan_qml_text(text: str, rel: str) -> list[Finding]:
    em = Emitter(rel, "qml")
    analyse_tree(qml_tree(text), em)
    return dedupe(em.findings)


class QmlScanner(FileScanner):
    """Qt Quick ``*.qml`` files."""

    name = "qml"
    globs = ("*.qml",)

    def wants(self, f: SourceFile) -> bool:
        return f.name.endswith(".qml")

    def may_matter(self, data: bytes) -> bool:
        low = data.lower()
        return b"model" in low or b"http" in low

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        text = ctx.read_text(f)
        if text is None:
            return []
        return scan_qml_text(text, f.rel)
