"""HTML model pickers: the ``<option>`` values of a ``<select>``/``<datalist>`` named as a model.

A settings page offers each provider's models in a select whose id, class, data attribute or
label says *model*; the provider is the one the select, its label, an ``<optgroup>`` or an
enclosing element names. Selects of other things, placeholders, prose and script text stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from recall_scan import everything, hosted, models, scan, service_places

from aibom.inventory import Diagnostic
from aibom.scanners.html import HtmlScanner, is_picker_name, provider_in_words, scan_html_text
from aibom.scanners.kernel import key_words

MakeTree = Callable[[dict[str, str | bytes]], Path]

PAGE = """<!DOCTYPE html>
<html>
<body>
<div id="openai_settings" data-source="openai">
  <form id="main_form">
    <h4 data-i18n="OpenAI Model">OpenAI Model</h4>
    <select id="model_openai_select">
      <optgroup label="GPT-4o">
        <option value="gpt-4o">gpt-4o</option>
        <option value="gpt-4o-2024-08-06">gpt-4o (2024)</option>
      </optgroup>
      <option value="">-- pick one --</option>
      <option value="custom">Custom</option>
      <option>o1-mini</option>
    </select>
  </form>
  <form data-source="claude">
    <select id="model_claude_select" class="text_pole">
      <option value="claude-3-haiku-20240307">Haiku</option>
    </select>
  </form>
  <h4>
    <span>Novel AI Model</span>
  </h4>
  <select id="model_novel_select">
    <option value="kayra-v1">Kayra</option>
  </select>
  <h4>MistralAI Model</h4>
  <select id="model_mistralai_select">
    <option value="open-mixtral-8x22b">open-mixtral-8x22b</option>
    <option value="mistral-large-2407">mistral-large-2407</option>
  </select>
</div>
<form data-source="groq">
  <select name="model"><option value="gemma2-9b-it">Gemma 2</option></select>
</form>
<select id="pick" class="llm-dropdown">
  <optgroup label="Anthropic"><option value="claude-opus-4-1">Opus</option></optgroup>
  <optgroup label="Hugging Face"><option value="Qwen/Qwen2.5-7B-Instruct">Qwen</option></optgroup>
</select>
<input list="embedders">
<datalist id="embedding_models">
  <option value="text-embedding-3-small">
</datalist>
<select id="x1"><option value="command-a-03-2025">one</option></select>
<label for="x1">Chat model</label>
</body>
</html>
"""

DECOYS = """<html><body>
<!-- <select id="model"><option value="gpt-4-turbo"></option></select> -->
<p>We recommend gpt-4.1 or claude-3-7-sonnet-20250219 for best results.</p>
<h4>Tokenizer</h4>
<select id="tokenizer">
  <option value="llama3">Llama 3</option>
  <option value="gpt-4o-mini">GPT-4o mini</option>
</select>
<select id="openrouter_sort_models">
  <option value="gpt-3.5-turbo-0125">cheapest first</option>
</select>
<select id="ui_language_select"><option value="en">English</option></select>
<select id="model_type"><option value="o3-mini">o3</option></select>
<script>
  const html = '<select id="model"><option value="gpt-4-32k"></option></select>';
</script>
<select id="model_openai_select"></select>
<select id="model_provider"><option value="openai">OpenAI</option></select>
</body></html>
"""


def test_model_pickers_offer_their_providers_models(make_tree: MakeTree) -> None:
    root = make_tree({"public/index.html": PAGE})
    inv = scan(root)
    names = hosted(inv)
    assert names.get("gpt-4o") == {"openai"} and names.get("gpt-4o-2024-08-06") == {"openai"}
    assert names.get("o1-mini") == {"openai"}  # an option without value: its text
    # a family-named form (claude) does not pass the outer openai container on
    assert names.get("claude-3-haiku-20240307") == {"anthropic"}
    assert names.get("kayra-v1") == {"novelai"}  # "Novel AI Model": the label names NovelAI
    assert names.get("open-mixtral-8x22b") == {"mistral"}
    assert names.get("mistral-large-2407") == {"mistral"}
    assert names.get("gemma2-9b-it") == {"groq"}  # the enclosing form's provider
    assert names.get("claude-opus-4-1") == {"anthropic"}  # the optgroup's provider
    assert "qwen/qwen2.5-7b-instruct" in models(inv)
    assert names.get("text-embedding-3-small") == {"openai"}  # a datalist
    assert names.get("command-a-03-2025") == {"cohere"}  # <label for=...> after the select
    assert "custom" not in everything(inv)
    places = service_places(inv, "openai")
    assert "public/index.html:9" in places and "public/index.html:14" in places


def test_selects_of_other_things_prose_and_scripts_stay_out(make_tree: MakeTree) -> None:
    root = make_tree({"index.html": DECOYS})
    found = everything(scan(root))
    for name in (
        "gpt-4-turbo",
        "gpt-4.1",
        "claude-3-7-sonnet-20250219",
        "llama3",
        "gpt-4o-mini",
        "gpt-3.5-turbo-0125",
        "o3-mini",
        "gpt-4-32k",
        "openai",
    ):
        assert name not in found, name


def test_router_extension_keeps_its_route_ids(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "index.html": (
                "<h4>Window AI Model</h4>\n"
                '<select id="model_windowai_select">\n'
                '  <option value="">Use extension settings</option>\n'
                '  <option value="openai/gpt-4">openai/gpt-4</option>\n'
                '  <option value="anthropic/claude-v1">anthropic/claude-v1</option>\n'
                "</select>\n"
            )
        }
    )
    names = hosted(scan(root))
    assert names.get("openai/gpt-4") == {"windowai"}
    assert names.get("anthropic/claude-v1") == {"windowai"}
    assert "gpt-4" not in names and "claude-v1" not in names


def test_an_options_own_provider_attribute_decides(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "caption.html": (
                '<label for="caption_model">Model</label>\n'
                '<select id="caption_model">\n'
                '  <option data-type="openai" value="gpt-4o">gpt-4o</option>\n'
                '  <option data-type="openrouter" value="openai/gpt-4o-mini">x</option>\n'
                '  <option data-type="openrouter" value="anthropic/claude-3-haiku">y</option>\n'
                '  <option data-type="ollama" value="ollama_current">[Current]</option>\n'
                '  <option data-type="ollama" value="llava">llava</option>\n'
                "</select>\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names.get("gpt-4o") == {"openai"}
    assert names.get("openai/gpt-4o-mini") == {"openrouter"}
    assert names.get("anthropic/claude-3-haiku") == {"openrouter"}
    assert "gpt-4o-mini" not in names and "claude-3-haiku" not in names
    assert "llava" in models(inv)  # an Ollama library tag
    assert "ollama_current" not in everything(inv)  # a placeholder, not a tag


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("model_openai_select", True),
        ("llmModel", True),
        ("selected-model", True),
        ("embedding_models", True),
        ("chat model", True),
        ("Novel AI Model", True),
        ("model", True),
        ("openrouter_sort_models", False),
        ("model_type", False),
        ("model_provider", False),
        ("tokenizer", False),
        ("settings_preset_openai", False),
        ("openai", False),
        ("Model context size", False),
    ],
)
def test_picker_names(name: str, expected: bool) -> None:
    assert is_picker_name(name) is expected


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        ("Novel AI Model", "novelai"),
        ("MistralAI Model", "mistral"),
        ("model_togetherai_select", "together"),
        ("01.AI Model", "01-ai"),
        ("Claude Model", None),  # a family: the names say who serves them
        ("Qwen Model", None),
        ("Model", None),
    ],
)
def test_provider_a_label_names(text: str, provider: str | None) -> None:
    assert provider_in_words(key_words(text)) == provider


@pytest.mark.parametrize(
    "text",
    [
        '<select id="model"><option value="gpt-4o"',
        "<select id=model><optgroup label=<option value=o1-mini></select",
        "<!DOCTYPE<![CDATA[<select id='model'><option value='gpt-4o'>]]>",
        "<select id='model'>" * 3000 + "<option value='gpt-4o'>",
        "<div>" * 5000 + "<select name='model'><option value='o3-mini'></select>",
        "<![if !IE]><select id='model'><option value='gpt-4o'></select><![endif]>",
        "<!x",
        "&#xffffffff; &#99999999; <select id='model'><option value='&#0;'></select>",
    ],
)
def test_malformed_markup_never_raises(text: str) -> None:
    found = scan_html_text(text, "bad.html")
    assert all(not isinstance(f, Diagnostic) or f.code == "html-parse" for f in found)


def test_only_pages_with_a_picker_are_parsed() -> None:
    scanner = HtmlScanner()
    assert scanner.may_matter(b'<SELECT id="model"><OPTION value="gpt-4o">')
    assert scanner.may_matter(b'<datalist id="models"><option value="gpt-4o">')
    assert not scanner.may_matter(b"<p>gpt-4o is our model</p>")
    assert not scanner.may_matter(b'<select id="lang"></select>')


def test_the_prefilter_loses_nothing(make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_tree({"a/index.html": PAGE, "b/page.htm": DECOYS, "c/plain.html": "<p>hi</p>"})
    filtered = sorted(everything(scan(root)))
    monkeypatch.setenv("AIBOM_PREFILTER", "0")
    assert sorted(everything(scan(root))) == filtered


def test_a_page_past_the_parse_budget_is_scanned_in_part(monkeypatch: pytest.MonkeyPatch) -> None:
    from aibom.scanners import html

    monkeypatch.setattr(html, "_MAX_EVENTS", 50)
    page = "<select id='model'><option value='gpt-4o'></select>" + "<b>x</b>" * 100
    found = scan_html_text(page, "big.html")
    assert [f.code for f in found if isinstance(f, Diagnostic)] == ["html-too-large"]
    assert any(getattr(f, "model", None) == "gpt-4o" for f in found)  # what came before is kept


def test_build_output_pages_are_left_to_their_sources(make_tree: MakeTree) -> None:
    page = '<h4>Model</h4><select id="model"><option value="o3-mini"></option></select>\n'
    root = make_tree({"dist/index.html": page, "build/app/page.htm": page})
    assert "o3-mini" not in everything(scan(root))
    root = make_tree({"web/index.html": page}, root=root.parent / "other")
    assert hosted(scan(root)).get("o3-mini") == {"openai"}
