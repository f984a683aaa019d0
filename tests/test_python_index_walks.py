"""The Python catalog passes read the module index instead of walking the tree: same answers."""

from __future__ import annotations

import ast
import textwrap

from aibom.scanners.python.fallback_returns import fallback_model_returns
from aibom.scanners.python.literal_catalogs import literal_model_catalogs
from aibom.scanners.python_resolve import ModuleIndex

SOURCE = textwrap.dedent(
    """
    from typing import Literal, Optional
    ChatModel = Literal["gpt-4o", "gpt-4o-mini", "gpt-4.1"]
    Voice = Literal["alloy", "echo"]

    class ChatGroq:
        base_url = "https://api.groq.com/openai/v1"
        model_name: Optional[Literal["llama-3.1-8b-instant", "llama-3.3-70b-versatile"]] = None

        def __init__(self, model: ChatModel, voice: Voice = "alloy") -> None:
            def inner(engine):
                if engine:
                    return engine
                return "gpt-3.5-turbo-instruct"
            self.model: ChatModel = model

    def pick(model: Literal["claude-3-5-sonnet-latest", "claude-3-5-haiku-latest"], *, x=1):
        try:
            check(model)
            return model
        except ValueError:
            return "gpt-3.5-turbo-16k"
        finally:
            pass

    async def other(model_name, **kw):
        match kw:
            case {"a": 1}:
                return "gpt-4-0613"
        for _ in range(2):
            while True:
                return model_name
        return "  "
    """
)


def test_index_fed_catalog_passes_answer_as_the_tree_walks() -> None:
    tree = ast.parse(SOURCE)
    ix = ModuleIndex(tree)
    uses = [
        (name, ann, info.node if info is not None else None)
        for node, name, ann, info in sorted(
            ix.model_annotations, key=lambda u: (u[0].lineno, u[0].col_offset)
        )
    ]
    assert literal_model_catalogs(tree, uses) == literal_model_catalogs(tree)
    assert len(literal_model_catalogs(tree)) == 3
    walked = fallback_model_returns(tree)
    assert fallback_model_returns(tree, ix.function_defs) == walked
    assert [v for v, _ in walked] == ["gpt-3.5-turbo-16k", "gpt-4-0613", "gpt-3.5-turbo-instruct"]
