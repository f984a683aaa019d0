"""go.mod: every required module a ``pkg:golang`` library, AI SDK modules tagged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import scan

from aibom.bom.contents import library_name, library_purl
from aibom.inventory import Library
from aibom.scanners.go.modules import requirements

MakeTree = Callable[[dict[str, str | bytes]], Path]

GO_MOD = """module example.com/chat

go 1.23

require github.com/sashabaranov/go-openai v1.41.2

require (
	github.com/anthropics/anthropic-sdk-go v1.26.0 // pinned
	github.com/openai/openai-go/v3 v3.26.0
	github.com/spf13/cobra v1.8.0
	// github.com/tmc/langchaingo v0.1.14 commented out
	github.com/pkoukk/tiktoken-go v0.1.7 // indirect
)

replace github.com/spf13/cobra => ../cobra

exclude github.com/ollama/ollama v0.1.0
"""


def test_require_lines_and_blocks() -> None:
    found = requirements(GO_MOD)
    assert [(p, v) for p, v, _ in found] == [
        ("github.com/sashabaranov/go-openai", "v1.41.2"),
        ("github.com/anthropics/anthropic-sdk-go", "v1.26.0"),
        ("github.com/openai/openai-go/v3", "v3.26.0"),
        ("github.com/spf13/cobra", "v1.8.0"),
        ("github.com/pkoukk/tiktoken-go", "v0.1.7"),
    ]
    assert found[0][2] == 5


def test_go_mod_libraries_in_the_inventory(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"go.mod": GO_MOD, "vendor/x/go.mod": "require a.b/c v1.0.0\n"}))
    libs = {lib.name: lib for lib in inv.libraries.values() if lib.ecosystem == "golang"}
    assert set(libs) == {
        "github.com/sashabaranov/go-openai",
        "github.com/anthropics/anthropic-sdk-go",
        "github.com/openai/openai-go/v3",
        "github.com/spf13/cobra",
        "github.com/pkoukk/tiktoken-go",
    }
    assert libs["github.com/sashabaranov/go-openai"].category == "ai-provider-sdk"
    assert libs["github.com/openai/openai-go/v3"].category == "ai-provider-sdk"
    assert libs["github.com/pkoukk/tiktoken-go"].category == "ai-framework"
    assert libs["github.com/spf13/cobra"].category is None


def test_golang_purl_and_name() -> None:
    lib = Library("github.com/openai/openai-go/v3", "golang", "v3.26.0")
    purl = library_purl(lib)
    assert purl.to_string() == "pkg:golang/github.com/openai/openai-go/v3@v3.26.0"
    assert library_name(lib, purl) == "github.com/openai/openai-go/v3"
