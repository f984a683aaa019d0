"""Go sources (issue 11): request structs, provider catalogs of struct literals, model
constants resolved across a package's files, base-URL constants; never comments, log or
error messages, test files, ``vendor/`` or ``testdata/``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, model_kinds, models, scan, service_places

from aibom.scanners.go import GoScanner, scan_source
from aibom.walk import SourceFile

MakeTree = Callable[[dict[str, str | bytes]], Path]

PROVIDERS_GO = """package shared

const OpenRouterBaseUrl = "https://openrouter.ai/api/v1"
const LocalProxyUrl = "http://localhost:4000/v1" // internal proxy

type ModelProvider string
type ModelName string

const (
	ProviderOpenRouter ModelProvider = "openrouter"
	ProviderOpenAI     ModelProvider = "openai"
	ProviderBedrock    ModelProvider = "aws-bedrock"
	ProviderOllama     ModelProvider = "ollama"
	ProviderPerplexity ModelProvider = "perplexity"
)
"""

CATALOG_GO = """package shared

// Providers lists where each model is served; gpt-4-vision-preview was dropped.
var Catalog = []*ModelSchema{
	{
		Tag:      "openai/gpt-4.1",
		ModelTag: "openai/gpt-4.1",
		Providers: []UsesProvider{
			{Provider: ProviderOpenAI, ModelName: "gpt-4.1"},
			{Provider: ProviderOpenRouter, ModelName: "openai/gpt-4.1"},
		},
	},
	{
		ModelTag: "anthropic/claude-sonnet-4",
		Providers: []UsesProvider{
			{Provider: ProviderBedrock, ModelName: "bedrock/anthropic.claude-sonnet-4-20250514-v1:0"},
			{Provider: ProviderOpenRouter, ModelName: ModelName("anthropic/claude-sonnet-4")},
		},
	},
	{
		ModelTag: "house/r1-70b",
		Providers: []UsesProvider{
			{Provider: ProviderOllama, ModelName: "ollama_chat/deepseek-r1:70b"},
			{Provider: ProviderPerplexity, ModelName: "r1-1776-online"},
		},
	},
}
"""


def test_a_catalog_of_provider_records_resolves_constants_across_the_package(
    make_tree: MakeTree,
) -> None:
    inv = scan(
        make_tree({"app/shared/providers.go": PROVIDERS_GO, "app/shared/catalog.go": CATALOG_GO})
    )
    found = hosted(inv)
    assert found["gpt-4.1"] == {"openai"}
    assert "openrouter" in found["openai/gpt-4.1"]
    assert found["anthropic/claude-sonnet-4"] == {"openrouter"}
    assert "aws-bedrock" in found["anthropic.claude-sonnet-4-20250514-v1:0"]
    assert found["r1-1776-online"] == {"perplexity"}
    assert model_kinds(inv)["deepseek-r1:70b"] == "ollama"
    # the entry's own tag is the catalog's id, not a name sent to a provider; comments are no code
    assert "claude-sonnet-4" not in found
    assert not {"house/r1-70b", "gpt-4-vision-preview"} & everything(inv)
    assert ("openrouter", "https://openrouter.ai/api/v1") in endpoints(inv)
    assert "app/shared/providers.go:3" in service_places(inv, "openrouter")


def test_request_structs_and_model_constants(make_tree: MakeTree) -> None:
    src = """package main

import (
	"fmt"
	"log"

	openai "github.com/sashabaranov/go-openai"
	"github.com/ollama/ollama/api"
)

const DefaultModel = "gpt-4o-mini"

const (
	embeddingModel = "text-embedding-3-small"
	maxTokens      = 4096
)

func ask(client *openai.Client) {
	req := openai.ChatCompletionRequest{Model: DefaultModel, MaxTokens: maxTokens}
	chat := &api.ChatRequest{Model: "llama3.1:8b"}
	var cfg Config
	cfg.Model = "claude-3-5-haiku-latest"
	log.Printf("falling back to %s", "gpt-3.5-turbo-0125")
	_ = fmt.Errorf("model o1-mini-2024-09-12 is not supported")
	_, _, _ = req, chat, cfg
}
"""
    inv = scan(make_tree({"cmd/ask/main.go": src}))
    found = hosted(inv)
    assert found["gpt-4o-mini"] == {"openai"}
    assert found["text-embedding-3-small"] == {"openai"}
    assert found["claude-3-5-haiku-latest"] == {"anthropic"}
    assert model_kinds(inv)["llama3.1:8b"] == "ollama"
    assert "cmd/ask/main.go:11" in service_places(inv, "openai")
    assert not {"gpt-3.5-turbo-0125", "o1-mini-2024-09-12"} & everything(inv)


def test_stray_catalogs_of_strong_literals_and_model_keyed_maps(make_tree: MakeTree) -> None:
    src = """package llm

var supported = []string{"gpt-4o-2024-08-06", "claude-3-5-sonnet-20241022", "gemini-1.5-pro", "auto"}

var LatestNames = map[string]string{
	"anthropic/claude-sonnet-4-0":        "anthropic/claude-sonnet-4-20250514",
	"anthropic/claude-3-7-sonnet-latest": "anthropic/claude-3-7-sonnet-20250219",
	"anthropic/claude-3-5-haiku-latest":  "anthropic/claude-3-5-haiku-20241022",
}

func init() {
	registry := []Entry{
		{ID: "mistral-large-2411", Weight: 1},
		{ID: "claude-3-haiku-20240307", Weight: 2},
		{ID: "qwen2.5:14b", Weight: 3},
	}
	_ = registry
}
"""
    inv = scan(make_tree({"internal/llm/models.go": src}))
    names = everything(inv)
    assert {"gpt-4o-2024-08-06", "claude-3-5-sonnet-20241022", "gemini-1.5-pro"} <= names
    assert "auto" not in names
    found = hosted(inv)
    assert found["anthropic/claude-sonnet-4-20250514"] == {"anthropic"}
    assert found["anthropic/claude-3-7-sonnet-latest"] == {"anthropic"}
    assert "mistral-large-2411" in found
    assert "qwen2.5:14b" in models(inv)


def test_lookup_tables_two_literals_and_prose_stay_out(make_tree: MakeTree) -> None:
    src = """package llm

// The default used to be gpt-4-turbo-2024-04-09.
var TokenLimits = map[string]int{
	"gpt-4o-2024-08-06":          128000,
	"claude-3-5-sonnet-20241022": 200000,
	"gemini-1.5-pro-002":         2000000,
}

var contextWindows = map[string]string{
	"gpt-4o-mini-2024-07-18": "128k",
	"o1-2024-12-17":          "200k",
	"gemini-2.0-flash-001":   "1m",
}

var pair = []string{"gpt-4.1-2025-04-14", "plain", "words", "here", "too"}

const usage = "try claude-3-opus-20240229 or o3-mini-2025-01-31"

var Status = struct{ Name string }{Name: "ready"}
"""
    names = everything(scan(make_tree({"internal/llm/limits.go": src})))
    assert not names & {
        "gpt-4-turbo-2024-04-09",
        "gpt-4o-2024-08-06",
        "claude-3-5-sonnet-20241022",
        "gemini-1.5-pro-002",
        "gpt-4o-mini-2024-07-18",
        "o1-2024-12-17",
        "gemini-2.0-flash-001",
        "gpt-4.1-2025-04-14",
        "claude-3-opus-20240229",
        "o3-mini-2025-01-31",
    }


def test_tests_vendor_and_testdata_are_not_read(make_tree: MakeTree) -> None:
    src = 'package x\n\nconst DefaultModel = "gpt-4o-mini"\n'
    inv = scan(
        make_tree(
            {
                "pkg/x/x_test.go": src,
                "vendor/github.com/a/b/b.go": src,
                "pkg/x/testdata/fixture.go": src,
            }
        )
    )
    assert "gpt-4o-mini" not in everything(inv)
    scanner = GoScanner()
    for rel, wanted in (
        ("pkg/x/x.go", True),
        ("pkg/x/x_test.go", False),
        ("vendor/a/b.go", False),
        ("pkg/testdata/t.go", False),
        ("pkg/x/x.go.txt", False),
    ):
        assert scanner.wants(SourceFile(rel=rel, path=Path(rel), size=10)) is wanted


def test_scan_source_without_a_package_and_on_broken_code() -> None:
    assert scan_source("package x\n\nfunc main() {}\n", "main.go") == []
    found = scan_source('package x\nconst ChatModel = "gpt-4o-mini"\nfunc {{{\n', "main.go")
    assert any(getattr(f, "model", None) == "gpt-4o-mini" for f in found)


def test_a_set_of_repository_names_is_no_catalog(make_tree: MakeTree) -> None:
    src = """package hub

func trusted(name string) bool {
	allowed := map[string]bool{
		"openai/skills":     true,
		"anthropics/skills": true,
		"microsoft/skills":  true,
		"google/skills":     true,
	}
	return allowed[name]
}

var Catalog = map[string]ModelInfo{
	"gpt-4o-2024-08-06":          {Context: 128000},
	"claude-3-5-sonnet-20241022": {Context: 200000},
	"gemini-1.5-pro-002":         {Context: 2000000},
}
"""
    names = everything(scan(make_tree({"internal/hub/trust.go": src})))
    assert not names & {"openai/skills", "microsoft/skills", "google/skills"}
    assert {"gpt-4o-2024-08-06", "claude-3-5-sonnet-20241022", "gemini-1.5-pro-002"} <= names


def test_base_urls_and_a_catalog_filled_in_init(make_tree: MakeTree) -> None:
    src = """package llm

func newClient(key string) *openai.Client {
	cfg := openai.DefaultConfig(key)
	cfg.BaseURL = "https://api.deepseek.com/v1"
	return openai.NewClientWithConfig(cfg)
}

var providers = []ProviderConfig{
	{Name: "groq", BaseURL: "https://api.groq.com/openai/v1", DefaultModel: "llama-3.3-70b-versatile"},
	{Name: "local", BaseURL: "http://localhost:11434/v1", DefaultModel: "qwen2.5:7b"},
}

var models map[string]Info

func init() {
	models = map[string]Info{
		"gpt-4o-mini":              {Context: 128000},
		"o3-mini":                  {Context: 200000},
		"claude-3-7-sonnet-latest": {Context: 200000},
	}
}
"""
    inv = scan(make_tree({"internal/llm/providers.go": src}))
    assert ("deepseek", "https://api.deepseek.com/v1") in endpoints(inv)
    found = hosted(inv)
    assert found["llama-3.3-70b-versatile"] == {"groq"}
    assert model_kinds(inv)["qwen2.5:7b"] == "ollama"
    assert found["gpt-4o-mini"] == {"openai"}
    assert found["claude-3-7-sonnet-latest"] == {"anthropic"}
    assert "internal/llm/providers.go:18" in service_places(inv, "openai")


def test_a_go_file_over_the_size_limit_is_skipped_with_an_info_diagnostic(tmp_path: Path) -> None:
    from aibom.inventory import Diagnostic
    from aibom.scanners.base import ScanContext

    path = tmp_path / "models_gen.go"
    path.write_text('package m\n\nvar DefaultModel = "gpt-4o"\n', encoding="utf-8")
    f = SourceFile(rel="models_gen.go", path=path, size=3 * 1024 * 1024)
    (diag,) = list(GoScanner().scan(f, ScanContext(root=tmp_path)))
    assert isinstance(diag, Diagnostic)
    assert (diag.path, diag.code, diag.level) == ("models_gen.go", "go-too-large", "info")
    assert "larger than 2 MiB" in diag.message
