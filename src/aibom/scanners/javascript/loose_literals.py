"""Model names passed as whole string literals to calls no JS/TS recogniser knows.

The counterpart of :mod:`aibom.scanners.python.loose_literals`: a string that can only be a
model name (:func:`aibom.knowledge.classify.strong_model_literal`) passed as an argument of a
call or ``new`` whose callee is outside the project (not a function or class of the file, not
imported from a relative or aliased project path, not ``this.``) is a model, also through
``??``/``||``/a ternary. Never for string methods (``startsWith``, ``includes``), messages
(``console.log``, ``t()``), callees named for data, a destination, a template or a flag, nor
in tests; comparisons, object entries, arrays, variables, defaults and return values are
left to the request, catalog, settings and getter rules.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from aibom.inventory import Diagnostic, Finding, Location
from aibom.knowledge.classify import strong_model_literal
from aibom.scanners.javascript.syntax import _line, _text, reported_names
from aibom.scanners.kernel import (
    RECORD_NAME_KEYS,
    catalog_like,
    is_deployment_name,
    is_error_name,
    is_setting_key,
    names_no_use,
    names_other,
    strong_literal_finding,
)

# methods whose string arguments are patterns, keys or text pieces
_TEXT_METHODS = frozenset(
    {"startsWith", "endsWith", "includes", "indexOf", "lastIndexOf", "replace", "replaceAll",
     "split", "match", "matchAll", "test", "search", "get", "has", "set", "delete", "concat",
     "padStart", "padEnd", "localeCompare", "getItem", "setItem", "removeItem", "querySelector",
     "getElementById", "addEventListener", "on", "emit", "require", "import"}
)  # fmt: skip
# callables whose arguments are messages for people
_MESSAGE_CALLS = frozenset(
    {"log", "warn", "error", "info", "debug", "trace", "alert", "confirm", "t", "i18n",
     "translate", "toast", "notify", "describe", "it", "test", "expect"}
)  # fmt: skip
# wrappers a value passes through unchanged
_TRANSPARENT = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression",
     "type_assertion"}
)  # fmt: skip


@functools.cache
def _string_query(language: Any) -> Any:
    from tree_sitter import Query

    # strings passed directly, or through ??/||, a ternary or parentheses (_used checks the rest)
    return Query(
        language,
        """
        (arguments (string) @s)
        (arguments (binary_expression (string) @s))
        (arguments (ternary_expression (string) @s))
        (arguments (parenthesized_expression (string) @s))
        """,
    )


def loose_literal_findings(
    tree: Any,
    rel: str,
    source: str,
    found: list[Finding],
    project_callee: Callable[[str], bool],
) -> list[Finding]:
    """Findings for the strong model literals of ``tree`` passed to calls outside the project
    (``project_callee(name)``: the callee's root name is the project's own), except on lines
    and for names that ``found`` (the recognisers' findings) already covers."""
    return _literal_findings(
        tree, _string_query(tree.language), rel, source, found,
        lambda node: _used(node, project_callee),
    )  # fmt: skip


def _literal_findings(
    tree: Any,
    query: Any,
    rel: str,
    source: str,
    found: list[Finding],
    accept: Callable[[Any], bool],
) -> list[Finding]:
    """Findings for the strong model literals ``query`` captures in ``tree`` that ``accept``
    takes, except on lines and for names that ``found`` already covers."""
    from tree_sitter import QueryCursor

    lines = {f.location.line for f in found if not isinstance(f, Diagnostic)}
    known = reported_names(found)
    out: list[Finding] = []
    nodes = QueryCursor(query).captures(tree.root_node).get("s", [])
    for node in sorted(nodes, key=lambda n: n.start_byte):
        if not 5 <= node.end_byte - node.start_byte <= 122:
            continue
        value = _text(node)[1:-1]
        if not strong_model_literal(value) or value.lower() in known:
            continue
        line = _line(node)
        if line in lines or not accept(node):
            continue
        finding = strong_literal_finding(value, Location(rel, line, source=source))
        if finding is not None:
            known.add(value.lower())
            out.append(finding)
    return out


def _used(node: Any, project_callee: Callable[[str], bool]) -> bool:
    """True when the string ``node`` sits where the code uses its value."""
    child, parent = node, node.parent
    for _ in range(16):
        if parent is None:
            return False
        kind = parent.type
        if kind in _TRANSPARENT:
            child, parent = parent, parent.parent
            continue
        if kind == "ternary_expression":
            if parent.child_by_field_name("condition") == child:
                return False
            child, parent = parent, parent.parent
            continue
        if kind == "binary_expression":
            operator = parent.child_by_field_name("operator")
            if operator is None or _text(operator) not in ("??", "||"):
                return False
            child, parent = parent, parent.parent
            continue
        return _use_site(parent, project_callee)
    return False


def _use_site(parent: Any, project_callee: Callable[[str], bool]) -> bool:
    """True when ``parent`` is the argument list of a call outside the project that may use a
    model name (not a string method, a message, nor a callee named for data or a template)."""
    if parent.type != "arguments":
        return False
    call = parent.parent
    if call is None or call.type not in ("call_expression", "new_expression"):
        return False
    callee = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    name = _last_name(callee)
    if _text_callee(name):
        return False
    root = _root_name(callee)
    return root is not None and not project_callee(root)


def _text_callee(name: str) -> bool:
    """A string method, a message (``console.log``, ``new Error``), or a callee named for data."""
    return (
        name in _TEXT_METHODS or name in _MESSAGE_CALLS or is_error_name(name) or names_other(name)
    )


def _root_name(node: Any) -> str | None:
    """``a`` of ``a.b.c``, ``f`` of ``f``; ``this`` for ``this.x``; None for anything else."""
    for _ in range(32):
        if node is None:
            return None
        if node.type == "member_expression":
            node = node.child_by_field_name("object")
        elif node.type == "call_expression":
            node = node.child_by_field_name("function")
        elif node.type in ("identifier", "this", "super"):
            return _text(node)
        else:
            return None
    return None


def _last_name(node: Any) -> str:
    """``create`` of ``client.create``, ``pick`` of ``pick``; "" for anything else."""
    if node is None:
        return ""
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return _text(prop) if prop is not None else ""
    if node.type in ("identifier", "property_identifier", "private_property_identifier"):
        return _text(node)
    return ""


@functools.cache
def _any_string_query(language: Any) -> Any:
    from tree_sitter import Query

    return Query(language, "(string) @s")


def stray_literal_findings(tree: Any, rel: str, source: str, found: list[Finding]) -> list[Finding]:
    """Findings for the strong model literals of ``tree`` where no rule looked, as in Python
    (:mod:`aibom.scanners.python.stray_literals`): members of a catalog-like array (three or
    more strong literals, at least half of its members; objects of such an array count by
    their ``id``/``name``/``value`` or model-named field, ``[{id: "gpt-4.1"}, ...]``). Never
    under a binding, key or callee naming data, aliases, a lookup table, a message or an
    exception."""
    arrays: dict[tuple[int, int], bool] = {}
    return _literal_findings(
        tree, _any_string_query(tree.language), rel, source, found,
        lambda node: _kept_as_model(node, arrays),
    )  # fmt: skip


def _strong_string(node: Any) -> bool:
    return bool(node.type == "string" and strong_model_literal(_text(node)[1:-1]))


def _member_values(obj: Any) -> list[Any]:
    """The values of an object standing for its model: its model-named fields' strings when it
    has any (then ``name``/``id`` is a label), else its ``id``/``name``/``value`` strings."""
    pairs = []
    for pair in obj.named_children:
        if pair.type != "pair":
            continue
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if key is not None and value is not None and _strong_string(value):
            pairs.append((_text(key).strip("'\"`"), value))
    modelled = [v for k, v in pairs if is_setting_key(k) and not is_deployment_name(k)]
    return modelled or [v for k, v in pairs if k in RECORD_NAME_KEYS]


def _member_strong(el: Any) -> bool | None:
    """Whether an array member stands for a strong literal (itself, or an object's model
    value); None when it is neither a string nor an object."""
    if el.type == "string":
        return _strong_string(el)
    if el.type == "object":
        return bool(_member_values(el))
    return None


def _catalog_array(array: Any, cache: dict[tuple[int, int], bool]) -> bool:
    """Members standing for strong literals make the array catalog-like (:func:`catalog_like`)."""
    key = (array.start_byte, array.end_byte)
    if key not in cache:
        marks = [m for el in array.named_children if (m := _member_strong(el)) is not None]
        cache[key] = catalog_like(sum(marks), len(marks))
    return cache[key]


# nodes under which a string is only compared, looked up, typed or templated
_NOT_KEPT = frozenset(
    {"subscript_expression", "template_string", "switch_case", "literal_type", "import_statement",
     "throw_statement", "type_annotation", "type_alias_declaration"}
)  # fmt: skip
_NAMED_BY = {
    "variable_declarator": "name",
    "assignment_expression": "left",
    "public_field_definition": "name",
}


def _kept_as_model(node: Any, arrays: dict[tuple[int, int], bool]) -> bool:
    """True when the strong string ``node`` is a catalog-like array's member (itself or a
    record's model field), and nothing above it names data, aliases or a lookup table."""
    child, parent = node, node.parent
    kept = False
    for _ in range(40):
        if parent is None:
            return kept
        kind = parent.type
        if kind in _NOT_KEPT:
            return False
        if kind == "binary_expression":
            operator = parent.child_by_field_name("operator")
            if operator is None or _text(operator) not in ("??", "||"):
                return False
        elif kind == "pair":
            key = parent.child_by_field_name("key")
            if key is None or key == child:
                return False  # a table keyed by model: the catalog rules decide
            name = _text(key).strip("'\"`")
            if names_no_use(name):
                return False
            obj = parent.parent
            if child == node and (obj is None or node not in _member_values(obj)):
                return False
        elif kind == "array":
            kept = kept or _catalog_array(parent, arrays)
        elif kind in ("arguments", "call_expression", "new_expression"):
            call = parent.parent if kind == "arguments" else parent
            callee = None
            if call is not None:
                callee = call.child_by_field_name("function") or call.child_by_field_name(
                    "constructor"
                )
            if _text_callee(_last_name(callee)):
                return False
        elif kind in _NAMED_BY:
            named = parent.child_by_field_name(_NAMED_BY[kind])
            if named is not None and names_no_use(_last_name(named) or _text(named)):
                return False
        child, parent = parent, parent.parent
    return kept
