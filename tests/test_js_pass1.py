"""The JS/TS binder's node collection: the tree-sitter query visits what the Python walk visits."""

from __future__ import annotations

from pathlib import Path

import pytest

from aibom.scanners.javascript.evaluator import _EXPORT_TYPES, _pass1_nodes, _pass1_walk
from aibom.scanners.javascript.syntax import _parse

FIXTURES = Path(__file__).parent / "fixtures" / "javascript"

SOURCES = {
    "imports.ts": """\
import OpenAI from "openai";
import * as ns from "./ns";
import { a as b, c } from "./config";
import data from "./data.json" with { type: "json" };
import fs = require("fs");
export const model = process.env.MODEL ?? "gpt-4o";
""",
    "classes.ts": """\
enum Model { Small = "gpt-4o-mini", Large = "gpt-4o" }
abstract class Base { model = "claude-3-5-haiku"; #secret = 1; }
class Chat extends Base {
  constructor(private readonly opts: { model?: string } = {}) { super(); this.model = opts.model || "x"; }
  run = (q: string) => new OpenAI().chat.completions.create({ model: this.model, messages: [q] });
}
function* gen(a, { b = "llama3" }, [c]) { for (const k in a) { yield k; } let i = 0; i++; i += 2; }
const f = (x) => [x, "gpt-4"];
const g = async () => ({ items: [1, 2] });
function h() { const fallback = ["gemini-pro"]; return ["claude-3"]; }
type Fn = (a: string, b: number) => void;
// a comment with call() and { model: "x" }
const re = /model: "y"/g;
const s = "import x from 'y'";
const t = `${f(1)} and ${new Date()}`;
f()()(g());
""",
    "app.jsx": """\
export default function App({ model = "mistral" }) {
  const onClick = () => fetch("/api", { body: JSON.stringify({ model }) });
  return <button onClick={onClick} data-model="x">{model.startsWith("gpt") ? "a" : "b"}</button>;
}
""",
    "broken.ts": "const a = f(; class { x = ; }\nconst model = 'gpt-4o';\n",
}


def _cases() -> list[tuple[str, str]]:
    cases = list(SOURCES.items())
    cases += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.iterdir())]
    return cases


@pytest.mark.parametrize(("rel", "code"), _cases(), ids=[rel for rel, _ in _cases()])
def test_query_and_walk_visit_the_same_nodes_in_the_same_order(rel: str, code: str) -> None:
    parsed = _parse(code, rel, prefilter=False)
    assert isinstance(parsed, tuple)
    tree = parsed[0]

    def spans(nodes: list) -> list[tuple[int, int, str]]:
        return [(n.start_byte, n.end_byte, n.type) for n in nodes]

    walked = spans(_pass1_walk(tree.root_node))
    assert walked  # every case has something to bind
    assert spans(_pass1_nodes(tree.root_node, tree)) == walked
    # an imported module's pass: fewer node types, the same order
    exported = [s for s in walked if s[2] in _EXPORT_TYPES]
    assert spans(_pass1_nodes(tree.root_node, tree, _EXPORT_TYPES)) == exported


def test_import_statement_subtrees_are_skipped() -> None:
    code = 'import data from "./d.json" with { type: "json" };\nconst x = { model: "m" };\n'
    tree = _parse(code, "a.ts", prefilter=False)[0]  # type: ignore[index]
    kinds = [n.type for n in _pass1_nodes(tree.root_node, tree)]
    assert kinds == ["import_statement", "variable_declarator", "pair"]
