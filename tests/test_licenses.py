"""Licence catalogue: normalisation, categories, conflicts, CycloneDX mapping, data checks."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import pytest
from cyclonedx.spdx import is_supported_id
from hypothesis import given, settings
from hypothesis import strategies as st

from aibom.licenses import (
    CATEGORIES,
    CatalogueError,
    LicenseInfo,
    all_licenses,
    get_license,
    is_compound,
    is_more_permissive,
    licence_conflict,
    license_category,
    normalize_license,
    spdx_or_name,
)
from aibom.licenses.catalogue import load_catalogue

# --- normalisation -----------------------------------------------------------------------------

NORMALISATIONS: list[tuple[tuple[Any, ...], str | None]] = [
    # SPDX ids and Hugging Face ids of SPDX licences
    (("apache-2.0",), "Apache-2.0"),
    (("Apache 2.0",), "Apache-2.0"),
    (("apache license 2.0",), "Apache-2.0"),
    (("Apache License, Version 2.0",), "Apache-2.0"),
    (("MIT",), "MIT"),
    (("mit",), "MIT"),
    (("The MIT License (MIT)",), "MIT"),
    (("  mit  ",), "MIT"),
    (("cc-by-nc-4.0",), "CC-BY-NC-4.0"),
    (("CC BY-NC 4.0",), "CC-BY-NC-4.0"),
    (("Creative Commons Attribution-NonCommercial 4.0 International",), "CC-BY-NC-4.0"),
    (("cc-by-nc-sa-4.0",), "CC-BY-NC-SA-4.0"),
    (("GPL-3.0-or-later",), "GPL-3.0-or-later"),
    (("GPL-3.0+",), "GPL-3.0-or-later"),
    (("gpl-3.0",), "GPL-3.0-only"),
    (("agpl-3.0",), "AGPL-3.0-only"),
    (("lgpl-2.1",), "LGPL-2.1-only"),
    (("odbl",), "ODbL-1.0"),
    (("c-uda",), "C-UDA-1.0"),
    (("zlib",), "Zlib"),
    (("0BSD",), "0BSD"),  # SPDX id outside the catalogue keeps its SPDX id
    # compound SPDX expressions
    (("MIT OR Apache-2.0",), "MIT OR Apache-2.0"),
    (("mit or apache-2.0",), "MIT OR Apache-2.0"),
    (("MIT/Apache-2.0",), "MIT OR Apache-2.0"),
    (("apache-2.0 AND llama3.1",), "Apache-2.0 AND llama3.1"),
    (
        ("gpl-2.0+ WITH classpath-exception-2.0 or mit",),
        "GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT",
    ),
    (
        ("NVIDIA Open Model License + Llama 3.1 Community License",),
        "nvidia-open-model-license AND llama3.1",
    ),
    # model licences by Hugging Face id
    (("llama2",), "llama2"),
    (("llama3",), "llama3"),
    (("llama3.1",), "llama3.1"),
    (("llama3.2",), "llama3.2"),
    (("llama3.3",), "llama3.3"),
    (("llama4",), "llama4"),
    (("gemma",), "gemma"),
    (("openrail++",), "openrail++"),
    (("creativeml-openrail-m",), "creativeml-openrail-m"),
    (("bigscience-bloom-rail-1.0",), "bigscience-bloom-rail-1.0"),
    (("bigcode-openrail-m",), "bigcode-openrail-m"),
    (("apple-ascl",), "apple-ascl"),
    # license: other + license_name / license_link
    (("other", "qwen"), "qwen"),
    (("other", "qwen-research"), "qwen-research"),
    (("other", "Qwen RESEARCH LICENSE AGREEMENT"), "qwen-research"),
    (("other", "tongyi-qianwen"), "tongyi-qianwen"),
    (("other", "deepseek"), "deepseek"),
    (("other", "nvidia-open-model-license"), "nvidia-open-model-license"),
    (("other", "falcon-llm-license"), "falcon-llm-license"),
    (("other", "modified-mit"), "kimi-modified-mit"),
    (("other", "mrl", "https://mistral.ai/licenses/MRL-0.1.md"), "mrl"),
    (("other", None, "https://mistral.ai/licenses/MNPL-0.1.md"), "mnpl"),
    (("other", None, "https://ai.google.dev/gemma/terms"), "gemma"),
    (
        ("other", "", "https://github.com/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL"),
        "deepseek",
    ),
    ((None, "llama3.1"), "llama3.1"),
    (("other", "my-company-licence"), "LicenseRef-my-company-licence"),
    (("other", None, "LICENSE"), "LicenseRef-other"),
    (("other",), "LicenseRef-other"),
    (("OTHER", "   "), "LicenseRef-other"),
    (("unknown",), "LicenseRef-unknown"),
    # free-text names (licence titles as they appear in LICENSE files and cards)
    (("Llama 3.1 Community License",), "llama3.1"),
    (("LLAMA 3.2 COMMUNITY LICENSE AGREEMENT",), "llama3.2"),
    (("META LLAMA 3 COMMUNITY LICENSE AGREEMENT",), "llama3"),
    (
        (
            "LLAMA 4 COMMUNITY LICENSE AGREEMENT (version release date April 5, 2025 (effective date))",
        ),
        "llama4",
    ),
    (("Qwen LICENSE AGREEMENT",), "qwen"),
    (("Tongyi Qianwen RESEARCH LICENSE AGREEMENT",), "tongyi-qianwen-research"),
    (("DEEPSEEK LICENSE AGREEMENT Version 1.0",), "deepseek"),
    (("TENCENT HUNYUAN COMMUNITY LICENSE AGREEMENT",), "hunyuan"),
    (("Yi Series Models Community License Agreement v2.1",), "yi"),
    (("The ChatGLM3-6B License",), "chatglm3"),
    (("Mistral AI Research License (MRL-0.1)",), "mrl"),
    (("Gemma Terms of Use",), "gemma"),
    (("Modified MIT License",), "kimi-modified-mit"),
    (("BigScience RAIL License v1.0",), "bigscience-bloom-rail-1.0"),
    (
        (
            "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024\n...",
        ),
        "llama3.1",
    ),
    (("https://www.apache.org/licenses/LICENSE-2.0",), "Apache-2.0"),
    (("LicenseRef-scancode-llama-3.1-license-2024",), "llama3.1"),
    # expressions whose parts are free-text names (policy joins several card values this way)
    (("(Llama 3.1 Community License) AND (MIT)",), "llama3.1 AND MIT"),
    (("(apache-2.0) AND (MIT License)",), "Apache-2.0 AND MIT"),
    (("Apache License 2.0 and Llama 3.1 Community License",), "Apache-2.0 AND llama3.1"),
    (("(Gemma Terms of Use) OR (Apache License 2.0)",), "gemma OR Apache-2.0"),
    (("(MIT) OR (whatever)",), "LicenseRef-mit-or-whatever"),  # one unknown part: not guessed
    (("MIT and some words",), "LicenseRef-mit-and-some-words"),
    # a list declares several licences: all apply
    ((["llama3.1", "apache-2.0"],), "llama3.1 AND Apache-2.0"),
    ((["mit", "MIT License"],), "MIT"),
    ((["mit", None, 3.5, ["nested"]],), "MIT AND LicenseRef-3.5"),
    # decoys: absent
    ((None,), None),
    (("",), None),
    (("   ",), None),
    (([],), None),
    (([None, ""],), None),
    (("NOASSERTION",), None),
    # decoys: present but unrecognised -> stable LicenseRef ids, never an exception
    (("Proprietary",), "LicenseRef-proprietary"),
    (("garbage!!",), "LicenseRef-garbage"),
    (("Research and development only",), "LicenseRef-research-and-development-only"),
    (("LicenseRef-foo",), "LicenseRef-foo"),
    (("gpl-2.0 OR",), "LicenseRef-gpl-2.0-or"),
    (("((",), "LicenseRef-9f54817e14"),
    ((42,), "LicenseRef-42"),
    ((True,), "LicenseRef-invalid"),
    (({"license": "mit"},), "LicenseRef-invalid"),
    (
        ("apache license 2.0 with my own extra restrictions",),
        "LicenseRef-apache-license-2.0-with-my-own-extra-restrictions",
    ),
    (("llama",), "LicenseRef-llama"),  # no version: not guessed
]


@pytest.mark.parametrize(("args", "expected"), NORMALISATIONS)
def test_normalize_license(args: tuple[Any, ...], expected: str | None) -> None:
    assert normalize_license(*args) == expected


def test_huge_strings_give_bounded_stable_refs() -> None:
    huge = "x" * 5_000_000
    ref = normalize_license(huge)
    assert ref is not None and ref.startswith("LicenseRef-") and len(ref) <= 80
    assert normalize_license(huge) == ref
    assert normalize_license(huge + "y") != ref  # hashed, not just truncated
    # a whole licence text pasted into the field resolves by its title line
    text = (
        "\n\nMETA LLAMA 3 COMMUNITY LICENSE AGREEMENT\n"
        + "Meta Llama 3 Version Release Date: April 18, 2024\n" * 5000
    )
    assert normalize_license(text) == "llama3"
    assert normalize_license("(" * 5000 + "mit" + ")" * 5000).startswith("LicenseRef-")


_ID = re.compile(r"[A-Za-z0-9.+-]+( (AND|OR|WITH) \(?[A-Za-z0-9.+-]+\)?)*|.*\(.*")


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.none(), st.text(max_size=300), st.lists(st.text(max_size=30), max_size=4), st.integers()
    ),
    st.one_of(st.none(), st.text(max_size=60)),
    st.one_of(st.none(), st.text(max_size=60)),
)
def test_normalize_never_raises_and_is_idempotent(license: Any, name: Any, link: Any) -> None:
    result = normalize_license(license, name, link)
    if result is None:
        return
    assert result == result.strip() and "\n" not in result
    assert normalize_license(result) == result
    assert license_category(result) in CATEGORIES
    spdx, label = spdx_or_name(result)
    assert label and (spdx is None or is_supported_id(spdx))


# --- categories ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("license_id", "category"),
    [
        ("Apache-2.0", "permissive"),
        ("MIT", "permissive"),
        ("CC-BY-4.0", "permissive"),
        ("GPL-3.0-only", "copyleft"),
        ("CC-BY-SA-4.0", "copyleft"),
        ("CC-BY-NC-4.0", "non-commercial"),
        ("mnpl", "non-commercial"),
        ("qwen-research", "research-only"),
        ("mrl", "research-only"),
        ("llama3.1", "custom-restricted"),
        ("gemma", "custom-restricted"),
        ("deepseek", "custom-restricted"),
        ("hunyuan", "custom-restricted"),
        ("0BSD", "permissive"),  # SPDX id outside the catalogue: ScanCode's category
        ("LicenseRef-other", "unknown"),
        ("cc", "unknown"),
        (None, "unknown"),
        ("", "unknown"),
        ("MIT OR CC-BY-NC-4.0", "permissive"),  # OR: the most permissive choice
        ("MIT AND CC-BY-NC-4.0", "non-commercial"),  # AND: the most restrictive part
        ("llama3.1 AND Apache-2.0", "custom-restricted"),
        ("MIT OR LicenseRef-foo", "permissive"),
        ("MIT AND LicenseRef-foo", "unknown"),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", "copyleft"),
    ],
)
def test_license_category(license_id: str | None, category: str) -> None:
    assert license_category(license_id) == category


def test_get_license() -> None:
    info = get_license("llama3.1")
    assert isinstance(info, LicenseInfo)
    assert info.name == "Llama 3.1 Community License Agreement"
    assert info.spdx is None and info.derivatives_must_carry
    assert (
        "Licence from Meta needed above 700 million monthly active users (on the release date)"
        in info.obligations
    )
    assert any("'Built with Llama'" in o for o in info.obligations)
    assert any("'Llama' at the beginning" in o for o in info.obligations)
    assert get_license("Llama 3.1 Community License") == info  # free text is normalised first
    hunyuan = get_license("hunyuan")
    assert hunyuan is not None
    assert any(
        "European Union, the United Kingdom and South Korea" in o for o in hunyuan.obligations
    )
    kimi = get_license("kimi-modified-mit")
    assert kimi is not None and any("USD 20 million" in o for o in kimi.obligations)
    glm = get_license("glm-4")
    assert glm is not None and glm.confidence == "low"
    assert all(o.endswith("(unverified)") for o in glm.obligations)
    assert get_license(None) is None
    assert get_license("LicenseRef-other") is None
    assert get_license("MIT OR Apache-2.0") is None
    assert get_license("0BSD") is None


def test_is_compound() -> None:
    assert is_compound("MIT OR Apache-2.0")
    assert is_compound("GPL-2.0-or-later WITH Classpath-exception-2.0")
    assert not is_compound("MIT")
    assert not is_compound("llama3.1")
    assert not is_compound("LicenseRef-foo")
    assert not is_compound(None)


# --- conflicts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("child", "parent", "expected"),
    [
        ("Apache-2.0", "llama3.1", True),
        ("Apache-2.0", "qwen-research", True),
        ("MIT", "gemma", True),
        ("qwen", "qwen-research", True),  # same family, but drops the research-only limit
        ("CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", True),  # drops share-alike
        ("qwen", "llama3.1", True),  # drops Llama's terms for another vendor's
        ("GPL-3.0-only", "GPL-2.0-only", True),
        ("MIT OR llama3.1", "llama3.1", True),  # MIT is offered as a choice
        ("llama3.1", "llama3.1", False),
        ("llama3.3", "llama3.1", False),  # same licence family
        ("tongyi-qianwen", "qwen", False),
        ("MIT", "Apache-2.0", False),  # both permissive
        ("CC-BY-NC-4.0", "Apache-2.0", False),  # more restrictive, not more permissive
        ("llama3.1", "Apache-2.0", False),
        ("GPL-3.0-only", "GPL-2.0-or-later", False),
        ("llama3.1 AND Apache-2.0", "llama3.1", False),
        ("LicenseRef-other", "llama3.1", False),  # unknown: nothing to conclude
        ("Apache-2.0", "LicenseRef-other", False),
        (None, "llama3.1", False),
        ("Apache-2.0", None, False),
    ],
)
def test_is_more_permissive(child: str | None, parent: str | None, expected: bool) -> None:
    assert is_more_permissive(child, parent) is expected


def test_licence_conflict_messages() -> None:
    messages = licence_conflict("Apache-2.0", ["llama3.1", "MIT", "llama3.1", "", "qwen-research"])
    assert messages == [
        "declares Apache-2.0 (Apache License 2.0) [permissive] but ancestor licence llama3.1 "
        "(Llama 3.1 Community License Agreement) [custom-restricted] is more restrictive: "
        "a permissive licence drops custom-restricted terms",
        "declares Apache-2.0 (Apache License 2.0) [permissive] but ancestor licence qwen-research "
        "(Qwen Research License Agreement) [research-only] is more restrictive: "
        "a permissive licence drops research-only terms",
    ]
    same_rank = licence_conflict("qwen", ["gemma"])
    assert same_rank == [
        "declares qwen (Qwen License Agreement) [custom-restricted] but ancestor licence gemma "
        "(Gemma Terms of Use) [custom-restricted] is more restrictive: "
        "derivatives must carry the Gemma Terms of Use terms"
    ]
    assert licence_conflict("llama3.1", ["llama3.1", "Apache-2.0"]) == []
    assert licence_conflict(None, ["llama3.1"]) == []
    assert licence_conflict("MIT", []) == []


# --- CycloneDX mapping --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("license_id", "expected"),
    [
        ("MIT", ("MIT", "MIT License")),
        ("Apache-2.0", ("Apache-2.0", "Apache License 2.0")),
        (
            "CC-BY-NC-4.0",
            ("CC-BY-NC-4.0", "Creative Commons Attribution Non Commercial 4.0 International"),
        ),
        ("llama3.1", (None, "Llama 3.1 Community License Agreement")),
        ("qwen-research", (None, "Qwen Research License Agreement")),
        ("0BSD", ("0BSD", "0BSD")),
        ("LicenseRef-other", (None, "LicenseRef-other")),
        ("MIT OR Apache-2.0", (None, "MIT OR Apache-2.0")),
    ],
)
def test_spdx_or_name(license_id: str, expected: tuple[str | None, str]) -> None:
    assert spdx_or_name(license_id) == expected


# --- the bundled catalogue ----------------------------------------------------------------------

_NO_OBLIGATIONS = {"CC0-1.0", "Unlicense", "WTFPL", "PDDL-1.0"}


def test_catalogue_size_and_required_licences() -> None:
    entries = all_licenses()
    assert len(entries) >= 45
    required = {
        "Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0",
        "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0", "GPL-2.0-only", "GPL-3.0-only", "AGPL-3.0-only",
        "LGPL-2.1-only", "LGPL-3.0-only", "MPL-2.0", "CC0-1.0", "Unlicense", "openrail", "openrail++",
        "bigscience-openrail-m", "creativeml-openrail-m", "bigcode-openrail-m", "bigscience-bloom-rail-1.0",
        "llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4", "gemma", "qwen", "qwen-research",
        "tongyi-qianwen", "tongyi-qianwen-research", "deepseek", "yi", "chatglm3", "glm-4", "baichuan2",
        "hunyuan", "minimax", "kimi-modified-mit", "internlm", "falcon-llm-license",
        "nvidia-open-model-license", "microsoft-research-license", "apple-ascl", "apple-amlr", "mrl", "mnpl",
        "stabilityai-ai-community",
    }  # fmt: skip
    assert required <= set(entries)


@pytest.mark.parametrize(
    "entry", sorted(all_licenses().values(), key=lambda e: e.id), ids=lambda e: e.id
)
def test_every_entry_is_complete(entry: LicenseInfo) -> None:
    assert entry.name.strip() and entry.category in CATEGORIES
    assert entry.confidence in ("high", "medium", "low")
    if entry.id not in _NO_OBLIGATIONS:
        assert entry.obligations, "obligations missing"
    assert all(o.strip() for o in entry.obligations)
    if entry.spdx is not None:
        assert entry.id == entry.spdx and is_supported_id(entry.spdx)
    else:
        assert re.fullmatch(r"[a-z0-9][a-z0-9.+-]*", entry.id)
    assert entry.url is None or entry.url.startswith("https://")
    # every name it is known by normalises back to it
    for text in (entry.id, entry.name, *entry.hf_ids, *entry.aliases):
        assert normalize_license(text) == entry.id, text
    if entry.url:
        assert normalize_license("other", None, entry.url) == entry.id
    assert license_category(entry.id) == entry.category
    assert spdx_or_name(entry.id) == (entry.spdx, entry.name)


# --- catalogue validation -----------------------------------------------------------------------

_GOOD = """
schema: 1
licenses:
  - id: x-licence
    name: X Licence
    spdx: null
    category: custom-restricted
    obligations: [Do things]
    derivatives_must_carry: true
    url: null
    hf_ids: [x]
    aliases: []
"""


def test_load_catalogue_accepts_minimal() -> None:
    cat = load_catalogue(_GOOD)
    assert cat.entries["x-licence"].hf_ids == ("x",)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    aliases: []", "    aliases: []\n    colour: red"), "unknown keys ['colour']"),
        (("    url: null\n", ""), "missing keys ['url']"),
        (("category: custom-restricted", "category: freeish"), "category 'freeish' not one of"),
        (("spdx: null", "spdx: apache-2.0"), "is not a canonical SPDX id"),
        (("spdx: null", "spdx: MIT"), "the id of an SPDX licence must be its SPDX id"),
        (("id: x-licence", "id: X Licence!"), "a non-SPDX id must be a lowercase slug"),
        (
            ("derivatives_must_carry: true", "derivatives_must_carry: yes please"),
            "derivatives_must_carry",
        ),
        (("url: null", "url: http://example.com"), "url must be an https URL"),
        (("[Do things]", "[{text: Do things, confidence: maybe}]"), "bad obligation"),
        (("[Do things]", "[3]"), "bad obligation"),
        (("hf_ids: [x]", "hf_ids: x"), "hf_ids must be a list"),
        (("schema: 1", "schema: 2"), "schema: 1"),
    ],
)
def test_load_catalogue_rejects(change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in _GOOD
    with pytest.raises(CatalogueError, match=re.escape(message)):
        load_catalogue(_GOOD.replace(old, new))


def test_load_catalogue_rejects_duplicates() -> None:
    second = _GOOD.split("licenses:\n", 1)[1]
    with pytest.raises(CatalogueError, match="listed twice"):
        load_catalogue(_GOOD + second)
    other = second.replace("id: x-licence", "id: y-licence").replace("name: X Licence", "name: Y")
    with pytest.raises(CatalogueError, match="names both 'x-licence' and 'y-licence'"):
        load_catalogue(_GOOD + other)
    with pytest.raises(CatalogueError, match="not valid YAML"):
        load_catalogue("licenses: [")


def test_bundled_yaml_is_package_data() -> None:
    text = resources.files("aibom.licenses").joinpath("data/licenses.yaml").read_text("utf-8")
    assert load_catalogue(text).entries.keys() == all_licenses().keys()
