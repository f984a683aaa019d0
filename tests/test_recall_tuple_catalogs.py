"""Tables of tuples a loop unpacks with the model in one column (``for model_name, key, label in TABLE``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_model_column_of_a_walked_table(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/config.py": (
                "class Settings:\n"
                "    def model_name_to_key(self):\n"
                "        mapping = {}\n"
                "        gemini_models = [\n"
                "            ('gemini-2.5-pro', 'VERTEX_GEMINI_2.5_PRO', 'Gemini 2.5 Pro'),\n"
                "            ('gemini-2.5-flash', 'VERTEX_GEMINI_2.5_FLASH', 'Gemini 2.5 Flash'),\n"
                "            ('gemini-3.0-flash', 'VERTEX_GEMINI_3.0_FLASH', 'Gemini 3 Flash'),\n"
                "        ]\n"
                "        for model_name, vertex_key, label in gemini_models:\n"
                "            mapping[model_name] = {'llm_key': vertex_key, 'label': label}\n"
                "        for model, limit in [('gpt-4o', 1), ('gpt-4.1', 2), ('o3', 3)]:\n"
                "            mapping[model] = limit\n"
                "        return mapping\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["gemini-3.0-flash"] == {"google"}
    assert "app/config.py:7" in service_places(inv, "google")
    assert names["gpt-4.1"] == {"openai"}


def test_walked_tables_that_are_no_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/tables.py": (
                "ROWS = [('gpt-4o', 'a'), ('gpt-4.1', 'b')]\n"  # two rows: no catalog
                "for model_name, tag in ROWS:\n"
                "    print(model_name, tag)\n"
                "PAIRS = [('o3', 'gpt-4o-mini', 1), ('o4-mini', 'gpt-5', 2), ('o1', 'gpt-5-mini', 3)]\n"
                "for name, other, n in PAIRS:\n"  # no column named as a model
                "    print(name, other, n)\n"
                "for model, alias, n in [('claude-3-opus', 'x', 1), ('claude-3-haiku', 'y', 2)]:\n"
                "    print(model)\n"
                "T = [('a', 'llama-3-8b', 1), ('b', 'qwen-7b', 2), ('c', 'phi-3', 3)]\n"
                "T = []\n"
                "for model_name, x, y in T:\n"  # rebound: which table is walked is unknown
                "    print(model_name)\n"
            ),
        }
    )
    found = everything(scan(root))
    for name in ("gpt-4.1", "o3", "gpt-4o-mini", "claude-3-opus", "llama-3-8b"):
        assert name not in found
