"""Hub ids written in two parts: ``hf_config=dict(org="meta-llama", name="Llama-2-7b{}")``.

A model catalog may keep a repo's organisation and name in separate fields of a small dict
(litgpt's ``hf_config``); the program joins them into ``org/name`` when it downloads. Such a
pair is read as the hub id ``org/name`` at the dict's line. Names that are ``str.format``
templates, or that loops extend with an f-string suffix, are expanded statically when the
loop is simple and bounded::

    for c in falcon:                                  # falcon: a module-level list of dicts
        for kind in ("", "-instruct"):                # a literal tuple (or tuple of tuples)
            copy["hf_config"]["name"] = c["hf_config"]["name"].format(kind)

    for c in pythia:
        if c["name"] in ("pythia-14m", "pythia-31m"):  # a literal test on the record: skipped
            continue
        copy["hf_config"]["name"] = f"{c['hf_config']['name']}-deduped"

Nothing is executed: only string constants, literal tuples and ``{}``/``{N}`` placeholders
are read. A loop whose guard cannot be decided from literals is not expanded, and a template
that is never expanded is not reported (its literal parts name no repository).

Evidence that the pairs name models: most of a module's pairs have an organisation known to
publish models (``knowledge/data/model_strings.yaml`` ``model_orgs``); one or two pairs count
only when their own organisation is known.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeGuard

from aibom.knowledge.classify import is_model_org, parse_hub_id

# keys of the two halves of a hub id (the pair dict may hold at most MAX_PAIR_KEYS keys)
ORG_KEYS = frozenset({"org", "organization", "organisation", "hf_org", "hub_org"})
NAME_KEYS = frozenset({"name", "model", "model_name", "repo_name", "hf_name"})
MAX_PAIR_KEYS = 4
MAX_VARIANTS = 64  # ids one template may expand to
MAX_NODES = 200_000  # nodes walked per module
MIN_CATALOG = 3  # pairs that make a module's catalog (judged together)
MAX_SITES = 256  # variant assignments read per module
MAX_GUARDS = 64  # statements before a variant a loop's guards are read from
MAX_MEMBERS = 10_000  # members a module-level list grows to by extend/append
MAX_WORK = 100_000  # (variant, record, guard) steps per module; past it, no more expansion
_PLACEHOLDER = re.compile(r"\{(\d*)\}")
_BRACES = re.compile(r"[{}]")


@dataclass
class _Pair:
    org: str
    name: str  # the literal name, maybe a template
    line: int
    node: ast.expr  # the pair dict


def _str(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _fields(node: ast.AST) -> dict[str, ast.expr] | None:
    """A dict literal's (or ``dict(k=v)`` call's) string-keyed fields; None for anything else."""
    if isinstance(node, ast.Dict):
        out: dict[str, ast.expr] = {}
        for k, v in zip(node.keys, node.values, strict=False):
            key = _str(k)
            if key is None:
                return None
            out[key] = v
        return out
    if _is_dict_call(node) and not node.args and all(kw.arg is not None for kw in node.keywords):
        return {kw.arg: kw.value for kw in node.keywords if kw.arg is not None}
    return None


def _is_dict_call(node: ast.AST) -> TypeGuard[ast.Call]:
    """``dict(...)``: a call of the builtin by name."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict"


def _has_org_key(node: ast.AST) -> bool:
    """Cheap first look: a dict literal or ``dict(...)`` call with an organisation key."""
    if isinstance(node, ast.Dict):
        return any(isinstance(k, ast.Constant) and k.value in ORG_KEYS for k in node.keys)
    if _is_dict_call(node):
        return any(kw.arg in ORG_KEYS for kw in node.keywords)
    return False


def _pair(node: ast.AST) -> _Pair | None:
    if not _has_org_key(node):
        return None
    fields = _fields(node)
    if fields is None or len(fields) > MAX_PAIR_KEYS:
        return None
    org_key = next((k for k in fields if k in ORG_KEYS), None)
    name_key = next((k for k in fields if k in NAME_KEYS), None)
    if org_key is None or name_key is None:
        return None
    org, name = _str(fields[org_key]), _str(fields[name_key])
    if not org or not name or "/" in org or "/" in name:
        return None
    if any(ch.isspace() for ch in org + name):
        return None
    assert isinstance(node, ast.expr)
    return _Pair(org.strip(), name.strip(), node.lineno, node)


def _path(node: ast.expr) -> tuple[str | None, tuple[str, ...]]:
    """``c["hf_config"]["name"]`` -> ("c", ("hf_config", "name")); (None, ()) otherwise."""
    keys: list[str] = []
    while isinstance(node, ast.Subscript):
        key = _str(node.slice)
        if key is None:
            return None, ()
        keys.append(key)
        node = node.value
    if not isinstance(node, ast.Name) or not keys:
        return None, ()
    return node.id, tuple(reversed(keys))


def _literal_rows(node: ast.expr) -> list[tuple[str, ...]] | None:
    """Rows of a literal tuple/list of strings (one-column) or of string tuples."""
    if not isinstance(node, (ast.Tuple, ast.List)) or not node.elts:
        return None
    rows: list[tuple[str, ...]] = []
    for e in node.elts:
        if isinstance(e, (ast.Tuple, ast.List)):
            row = tuple(_str(x) for x in e.elts)
            if any(x is None for x in row):
                return None
            rows.append(tuple(x for x in row if x is not None))
        else:
            s = _str(e)
            if s is None:
                return None
            rows.append((s,))
    return rows


def _bindings(loop: ast.For) -> dict[str, list[str]] | None:
    """``for kind, post in (("", "-a"), ("-c", "-b")):`` -> {"kind": [...], "post": [...]}."""
    rows = _literal_rows(loop.iter)
    if rows is None:
        return None
    target = loop.target
    names = (
        [t.id if isinstance(t, ast.Name) else "" for t in target.elts]
        if isinstance(target, ast.Tuple)
        else [target.id]
        if isinstance(target, ast.Name)
        else []
    )
    if not names or any(not n for n in names) or any(len(r) != len(names) for r in rows):
        return None
    return {n: [r[i] for r in rows] for i, n in enumerate(names)}


@dataclass
class _Variant:
    """``<record>[path] = <record>[path].format(args)`` or ``= f"{<record>[path]}<suffix>"``."""

    record: str  # the Name the value is read from (the loop's record, or a module dict)
    path: tuple[str, ...]
    loops: list[ast.For]  # enclosing loops, outermost first
    fmt_args: list[str] | None  # names passed to .format (None: the f-string form)
    fstring: ast.JoinedStr | None
    guards: list[ast.stmt]  # statements before it in the record loop's body


def _variant(stmt: ast.stmt, loops: list[ast.For], guards: list[ast.stmt]) -> _Variant | None:
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
        return None
    _, target_path = _path(stmt.targets[0])
    if not target_path:
        return None
    value = stmt.value
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "format"
        and not value.keywords
        and all(isinstance(a, ast.Name) for a in value.args)
    ):
        record, path = _path(value.func.value)
        if record is None or path != target_path:
            return None
        args = [a.id for a in value.args if isinstance(a, ast.Name)]
        return _Variant(record, path, list(loops), args, None, guards)
    if isinstance(value, ast.JoinedStr):
        refs = [v for v in value.values if isinstance(v, ast.FormattedValue)]
        if len(refs) != 1 or refs[0].format_spec is not None or refs[0].conversion != -1:
            return None
        record, path = _path(refs[0].value)
        if record is None or path != target_path:
            return None
        return _Variant(record, path, list(loops), None, value, guards)
    return None


def _variants(tree: ast.Module) -> list[_Variant]:
    out: list[_Variant] = []
    budget = MAX_NODES

    def visit(body: list[ast.stmt], loops: list[ast.For], guards: list[ast.stmt]) -> None:
        # guards: the statements before this one in every enclosing loop body
        nonlocal budget
        for i, stmt in enumerate(body):
            budget -= 1
            if budget <= 0:
                return
            before = [*guards, *body[:i]] if loops else []
            if isinstance(stmt, ast.For):
                visit(stmt.body, [*loops, stmt], before)
                continue
            if isinstance(stmt, (ast.With, ast.Try)) or (isinstance(stmt, ast.If) and not loops):
                visit(stmt.body, loops, before)  # a conditional inside a loop is not followed
                continue
            found = _variant(stmt, loops, before)
            if found is not None and len(out) < MAX_SITES:
                out.append(found)

    visit(tree.body, [], [])
    return out


def _module_values(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level names bound once to a literal (the collections loops walk).

    A list grown at module level by ``x.extend(y)`` (``y`` a literal list or such a name) or
    ``x.append(<literal>)`` holds the grown members as well."""
    seen: dict[str, ast.expr] = {}
    twice: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            t = stmt.targets[0]
            if isinstance(t, ast.Name):
                if t.id in seen:
                    twice.add(t.id)
                seen[t.id] = stmt.value
    values = {k: v for k, v in seen.items() if k not in twice}
    for stmt in tree.body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.attr in ("extend", "append")
            and len(call.args) == 1
            and not call.keywords
        ):
            continue
        base = values.get(call.func.value.id)
        if not isinstance(base, ast.List) or len(base.elts) > MAX_MEMBERS:
            continue
        arg = call.args[0]
        if call.func.attr == "append":
            grown = [arg]
        else:
            src = values.get(arg.id) if isinstance(arg, ast.Name) else arg
            if not isinstance(src, (ast.List, ast.Tuple)):
                continue
            grown = list(src.elts)
        values[call.func.value.id] = ast.List(elts=[*base.elts, *grown], ctx=ast.Load())
    return values


def _follow(record: ast.expr, path: tuple[str, ...]) -> _Pair | None:
    """The pair dict at ``path[:-1]`` inside a record, when ``path[-1]`` is its name key."""
    node: ast.expr | None = record
    for key in path[:-1]:
        fields = _fields(node) if node is not None else None
        node = fields.get(key) if fields is not None else None
    if node is None:
        return None
    pair = _pair(node)
    fields = _fields(node)
    if pair is None or fields is None or path[-1] not in NAME_KEYS:
        return None
    return pair if _str(fields.get(path[-1])) == pair.name else None


def _skips(guards: list[ast.stmt], record_var: str, record: ast.expr) -> bool | None:
    """Whether the loop's ``if <test on the record>: ... continue`` guards skip this record.

    None when a guard that may skip cannot be decided from literals."""
    if len(guards) > MAX_GUARDS:
        return None
    for g in guards:
        if isinstance(g, ast.Continue):
            return True
        if not isinstance(g, ast.If):
            continue
        leaves = any(isinstance(n, (ast.Continue, ast.Break, ast.Return)) for n in ast.walk(g))
        if not leaves:
            continue
        verdict = _test(g.test, record_var, record)
        if verdict is None:
            return None
        if verdict and any(isinstance(s, (ast.Continue, ast.Break, ast.Return)) for s in g.body):
            return True
        if not verdict and any(
            isinstance(n, (ast.Continue, ast.Break, ast.Return))
            for s in g.orelse
            for n in ast.walk(s)
        ):
            return None
    return False


def _test(test: ast.expr, record_var: str, record: ast.expr) -> bool | None:
    """``c["name"] == "x"`` / ``c["name"] in ("x", "y")`` (and their negations) on a literal record."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    var, path = _path(test.left)
    if var != record_var or not path:
        return None
    node: ast.expr | None = record
    for key in path:
        fields = _fields(node) if node is not None else None
        node = fields.get(key) if fields is not None else None
    value = _str(node)
    if value is None:
        return None
    op, right = test.ops[0], test.comparators[0]
    if isinstance(op, (ast.Eq, ast.NotEq)):
        other = _str(right)
        if other is None:
            return None
        return (value == other) == isinstance(op, ast.Eq)
    if isinstance(op, (ast.In, ast.NotIn)):
        rows = _literal_rows(right)
        if rows is None or any(len(r) != 1 for r in rows):
            return None
        return (value in {r[0] for r in rows}) == isinstance(op, ast.In)
    return None


def _fill(template: str, args: list[str]) -> str | None:
    """``str.format`` of ``{}``/``{N}`` placeholders only; None for any other brace."""
    auto = 0
    out: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(template):
        out.append(template[pos : m.start()])
        if m.group(1):
            index = int(m.group(1))
        else:
            index, auto = auto, auto + 1
        if index >= len(args):
            return None
        out.append(args[index])
        pos = m.end()
    out.append(template[pos:])
    text = "".join(out)
    return None if _BRACES.search(text) else text


def _expand(v: _Variant, record: ast.expr, pair: _Pair) -> list[str] | None:
    """The names one variant assignment makes of a pair's name; None when not decidable."""
    if v.fstring is not None:
        parts: list[str] = []
        for piece in v.fstring.values:
            if isinstance(piece, ast.FormattedValue):
                parts.append(pair.name)
            else:
                s = _str(piece)
                if s is None:
                    return None
                parts.append(s)
        return ["".join(parts)]
    assert v.fmt_args is not None
    # the loops binding the format arguments: their rows zip within a loop, multiply across
    columns: dict[str, list[str]] = {}
    loops: list[list[dict[str, str]]] = []
    for loop in v.loops:
        bound = _bindings(loop)
        if bound is None or not set(bound) & set(v.fmt_args):
            continue
        columns.update(bound)
        n = len(next(iter(bound.values())))
        loops.append([{k: vals[i] for k, vals in bound.items()} for i in range(n)])
    if not set(v.fmt_args) <= set(columns):
        return None
    names: list[str] = []
    for combo in itertools.product(*loops):
        env: dict[str, str] = {}
        for row in combo:
            env.update(row)
        filled = _fill(pair.name, [env[a] for a in v.fmt_args])
        if filled is None:
            return None
        names.append(filled)
        if len(names) > MAX_VARIANTS:
            return None
    return names


def _records_of(v: _Variant, values: dict[str, ast.expr]) -> list[tuple[ast.expr, bool]] | None:
    """The literal records a variant reads, each with whether its loop's guards apply."""
    record_loop = next(
        (
            loop
            for loop in reversed(v.loops)
            if isinstance(loop.target, ast.Name) and loop.target.id == v.record
        ),
        None,
    )
    if record_loop is not None:
        if not isinstance(record_loop.iter, ast.Name):
            return None
        coll = values.get(record_loop.iter.id)
        if not isinstance(coll, (ast.List, ast.Tuple)):
            return None
        return [(e, True) for e in coll.elts]
    single = values.get(v.record)  # the record is a module-level dict itself
    return [(single, False)] if single is not None and _fields(single) is not None else None


def composed_hub_ids(
    tree: ast.Module, candidates: Iterable[ast.Dict | ast.Call] | None = None
) -> list[tuple[str, int]]:
    """``(org/name, line)`` of every hub id a module spells as an org/name pair.

    ``candidates`` are the module's dict literals and calls when the caller already has them
    (the module index): then the tree is walked again only when some of them is a pair.
    """
    pairs: list[_Pair] = []
    budget = MAX_NODES
    nodes: Iterable[ast.AST] = ast.walk(tree) if candidates is None else candidates
    for node in nodes:
        budget -= 1
        if budget <= 0:
            break
        if isinstance(node, (ast.Dict, ast.Call)):
            p = _pair(node)
            if p is not None:
                pairs.append(p)
    if candidates is not None:
        pairs.sort(key=lambda p: (p.node.lineno, p.node.col_offset))
    if not pairs:
        return []
    names: dict[int, set[str]] = {id(p.node): set() for p in pairs}
    for p in pairs:
        if "{" not in p.name and "}" not in p.name:
            names[id(p.node)].add(p.name)
    values = _module_values(tree)
    work = 0
    for v in _variants(tree):
        records = _records_of(v, values)
        if records is None:
            continue
        work += len(records) * (1 + len(v.guards))
        if work > MAX_WORK:
            break
        record_loop_var = v.record
        for record, guarded in records:
            pair = _follow(record, v.path)
            if pair is None or id(pair.node) not in names:
                continue
            if guarded:
                skip = _skips(v.guards, record_loop_var, record)
                if skip is None:
                    continue
                if skip:
                    continue
            made = _expand(v, record, pair)
            if made is not None:
                names[id(pair.node)].update(made)
    known = sum(1 for p in pairs if is_model_org(p.org))
    catalog = len(pairs) >= MIN_CATALOG and known * 2 > len(pairs)
    out: list[tuple[str, int]] = []
    for p in pairs:
        if not catalog and not is_model_org(p.org):
            continue
        for name in sorted(names[id(p.node)]):
            hub = parse_hub_id(f"{p.org}/{name}")
            if hub is not None:
                out.append((hub[0], p.line))
    return out
