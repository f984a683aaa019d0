"""Hub ids written as an organisation/name pair (issue 11): ``dict(org="meta-llama", name=...)``.

A catalog of model configs may keep each repo's organisation and name apart and join them
when it downloads; templated names expanded by simple loops over literal tuples are the
catalog's members too. Nothing is executed.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

from aibom.knowledge.classify import is_model_org
from aibom.knowledge.tables import model_strings
from aibom.scanners.python.hub_pairs import composed_hub_ids

MakeTree = Callable[[dict[str, str | bytes]], Path]

CATALOG = """\
from copy import deepcopy

catalog = [
    dict(name="tiny-3b", hub=dict(org="acme-labs", name="tiny-3b"), layers=8),
    dict(name="Qwen9-7B{}", hub=dict(org="Qwen", name="Qwen9-7B{}"), layers=28),
]
for c in catalog:
    for kind in ("", "-Instruct"):
        copy = deepcopy(c)
        copy["name"] = c["name"].format(kind)
        copy["hub"]["name"] = c["hub"]["name"].format(kind)
        catalog.append(copy)

base_models = [
    dict(name="llama-9-1b", hub=dict(org="meta-llama", name="Llama-9-1B")),
    dict(name="llama-9-70b", hub=dict(org="meta-llama", name="Llama-9-70B")),
    dict(name="llama-9-8x", hub=dict(org="meta-llama", name="Llama-9-8x")),
]
for c in base_models:
    if c["name"] in ("llama-9-8x",):
        continue
    copy = deepcopy(c)
    copy["hub"]["name"] = f"{c['hub']['name']}-chat"
    catalog.append(copy)

big = dict(name="falcon-900B{}", hub=dict(org="tiiuae", name="falcon-900B{}"))
for kind, post in (("", "-base"), ("-chat", "-Chat-v2")):
    copy = deepcopy(big)
    copy["hub"]["name"] = big["hub"]["name"].format(post)
"""


def test_org_name_pairs_compose_hub_ids_and_templates_expand(make_tree: MakeTree) -> None:
    found = models(scan(make_tree({"lib/config.py": CATALOG})))
    expected = {
        "acme-labs/tiny-3b": "lib/config.py:4",  # an unknown org, but in a catalog of known ones
        "qwen/qwen9-7b": "lib/config.py:5",
        "qwen/qwen9-7b-instruct": "lib/config.py:5",
        "meta-llama/llama-9-1b": "lib/config.py:15",
        "meta-llama/llama-9-1b-chat": "lib/config.py:15",
        "meta-llama/llama-9-70b-chat": "lib/config.py:16",
        "meta-llama/llama-9-8x": "lib/config.py:17",
        "tiiuae/falcon-900b-base": "lib/config.py:26",
        "tiiuae/falcon-900b-chat-v2": "lib/config.py:26",
    }
    for name, where in expected.items():
        assert where in found.get(name, set()), name
    # the skipped record has no chat variant; unfilled templates are no repository
    assert "meta-llama/llama-9-8x-chat" not in found
    assert not any("{" in n for n in found)
    assert "tiiuae/falcon-900b" not in found and "tiiuae/falcon-900b-chat" not in found


def test_loops_that_cannot_be_read_from_literals_are_not_expanded() -> None:
    src = (
        "import os\n"
        "models = [dict(org='Qwen', name='Qwen9-{}'), dict(org='google', name='gemma-9-{}')]\n"
        "for c in models:\n"
        "    if os.environ.get('SKIP') == c['name']:\n"
        "        continue\n"
        "    for size in ('1b', '2b'):\n"
        "        c['name'] = c['name'].format(size)\n"
        "for c in models:\n"
        "    for size in SIZES:\n"  # not a literal
        "        c['name'] = c['name'].format(size)\n"
        "big = dict(org='Qwen', name='Qwen9-{:>99}')\n"
        "for size in ('1b',):\n"
        "    big['name'] = big['name'].format(size)\n"  # a format spec: not read
    )
    assert composed_hub_ids(ast.parse(src)) == []


def test_pairs_of_unknown_organisations_and_other_records_stay_out(make_tree: MakeTree) -> None:
    src = (
        "TEAM = [\n"
        "    {'org': 'acme', 'name': 'alice'},\n"
        "    {'org': 'acme', 'name': 'bob'},\n"
        "    {'org': 'initech', 'name': 'carol'},\n"
        "]\n"
        "REPO = {'owner': 'openai', 'repo': 'openai-python'}\n"  # a GitHub repository
        "USER = {'org': 'google', 'name': 'Jane Doe'}\n"  # not an id (whitespace)
        "PROFILE = dict(org='openai', name='docs', email='x@y', team='z', role='r')\n"  # a record
        "LINK = {'org': 'Qwen', 'name': 'Qwen/Qwen2-7B'}\n"  # already whole: read elsewhere
    )
    names = everything(scan(make_tree({"app/people.py": src})))
    assert not {n for n in names if n.startswith(("acme/", "initech/", "openai/", "google/"))}
    assert "qwen/qwen/qwen2-7b" not in names


def test_a_single_pair_counts_when_its_organisation_publishes_models() -> None:
    src = "DEFAULT = {'hf_org': 'mistralai', 'model': 'Mistral-9B-v0.1'}\n"
    assert composed_hub_ids(ast.parse(src)) == [("mistralai/Mistral-9B-v0.1", 1)]
    assert composed_hub_ids(ast.parse("X = {'org': 'acme', 'name': 'tiny-3b'}\n")) == []


def test_model_orgs_cover_the_lineage_organisations() -> None:
    from aibom.lineage.knowledge import families
    from aibom.lineage.organisations import _table

    orgs = {o for f in families() for o in f.hf_orgs} | set(_table()[0])
    missing = sorted(o for o in orgs if not is_model_org(o))
    assert not missing, f"add to knowledge/data/model_strings.yaml model_orgs: {missing}"
    assert "iic" in model_strings().model_orgs and is_model_org("Meta-Llama")


def test_expansion_work_is_bounded() -> None:
    """Many records times many guarded variant assignments: expansion stops at its budget."""
    records = ",".join(f'dict(org="Qwen", name="Q{i}-{{}}")' for i in range(2000))
    guards = "".join(f'    if c["name"] == "x{i}":\n        continue\n' for i in range(60))
    sites = "".join('        c["name"] = c["name"].format(k)\n' for _ in range(300))
    src = f"recs = [{records}]\nfor c in recs:\n{guards}    for k in ('a', 'b'):\n{sites}"
    assert composed_hub_ids(ast.parse(src)) == []  # templates only; nothing expanded
