"""Pickles that hold data, not a model (issue 11): NLTK packages and vector-store docstores.

A pickle outside a model directory is reported as a local model, but some pickles only
rebuild data classes: NLTK's punkt sentence-splitter parameters under ``nltk_data/``, and the
``index.pkl`` a LangChain FAISS store writes next to ``index.faiss`` (its docstore). What the
pickle imports tells: when every global is a safe container or a class of a data module, the
file is an info diagnostic, not a model component. A pickle that also imports anything else
(a scikit-learn estimator, a dangerous callable) stays a model. A pickle importing no global at
all (plain dicts, lists, strings, numbers) is data when a vector index file lies beside it (a
store's id map, ``chunk_id_to_index.pkl`` next to ``index.faiss``), and a model otherwise.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

from builders.weights import asm
from recall_scan import models

from aibom.pipeline import ScanRequest, scan_tree

MakeTree = Callable[[dict[str, str | bytes]], Path]


def _pickle_of(*classes: tuple[str, str]) -> bytes:
    ops: list[str | tuple[str, object]] = [("PROTO", 2), "MARK"]
    for module, name in classes:
        ops += [("GLOBAL", (module, name)), "EMPTY_TUPLE", "REDUCE"]
    ops += ["LIST", "STOP"]
    return asm(*ops)


def test_nltk_and_docstore_pickles_are_data_not_models(make_tree: MakeTree) -> None:
    punkt = _pickle_of(
        ("nltk.tokenize.punkt", "PunktSentenceTokenizer"),
        ("nltk.tokenize.punkt", "PunktParameters"),
        ("collections", "defaultdict"),
    )
    docstore = _pickle_of(
        ("langchain_community.docstore.in_memory", "InMemoryDocstore"),
        ("langchain_core.documents.base", "Document"),
    )
    root = make_tree(
        {
            "app/data/nltk_data/tokenizers/punkt/english.pickle": punkt,
            "app/data/nltk_data/tokenizers/punkt/PY3/english.pickle": punkt,
            "application/index.pkl": docstore,
        }
    )
    inv = scan_tree(ScanRequest(root=root, hash_weights=False))
    assert not [n for n in models(inv) if n.endswith((".pickle", ".pkl"))]
    codes = {(d.path, d.code) for d in inv.diagnostics}
    assert ("application/index.pkl", "weights-data-pickle") in codes
    assert ("app/data/nltk_data/tokenizers/punkt/english.pickle", "weights-data-pickle") in codes


def test_pickles_with_other_classes_stay_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            # an estimator beside NLTK data is a model
            "models/classifier.pkl": _pickle_of(
                ("sklearn.linear_model._logistic", "LogisticRegression"),
                ("nltk.tokenize.punkt", "PunktParameters"),
            ),
            # a dangerous callable is never waved through as data
            "nltk_data/evil.pickle": _pickle_of(
                ("nltk.tokenize.punkt", "PunktParameters"), ("os", "system")
            ),
            # only builtins: nothing says it is data
            "models/plain.pkl": _pickle_of(("collections", "OrderedDict")),
        }
    )
    found = models(scan_tree(ScanRequest(root=root, hash_weights=False)))
    assert {"models/classifier.pkl", "nltk_data/evil.pickle", "models/plain.pkl"} <= set(found)


def test_a_vector_store_id_map_is_data(make_tree: MakeTree) -> None:
    plain = pickle.dumps({"_0": 0, "_1": 1, "_2": 2}, protocol=4)
    root = make_tree(
        {
            "kb/index.faiss": b"IxFI" + b"\x00" * 64,
            "kb/chunk_id_to_index.pkl": plain,
            "other/lookup.pkl": plain,  # nothing beside it says what it is: still reported
        }
    )
    found = models(scan_tree(ScanRequest(root=root, hash_weights=False)))
    assert "kb/chunk_id_to_index.pkl" not in found
    assert "other/lookup.pkl" in found
