"""Strings a program compares against, never runs: ``expected_output = \"\"\"import torch ...\"\"\"``.

A multi-line string that parses as a whole program is scanned as code kept in a string
(``custom_tool = \"\"\"import requests ...\"\"\"``), but one bound to a name saying it is the
expected answer (``expected_output``, ``GOLDEN_SNIPPET``: ``setting_names.yaml``
``not_program_words``) is the text a check compares a result to; the models it names are
not loaded by anything.
"""

from __future__ import annotations

import ast

from aibom.knowledge.tables import setting_names
from aibom.scanners.kernel import key_words


def names_expected_text(node: ast.stmt) -> bool:
    """True when every name the assignment binds says it holds an expected answer."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    else:
        return False
    words = setting_names().not_program_words
    names = [
        t.id if isinstance(t, ast.Name) else t.attr
        for t in targets
        if isinstance(t, (ast.Name, ast.Attribute))
    ]
    return bool(names) and all(any(w in words for w in key_words(n)) for n in names)
