"""Go provider SDKs (issue 11): SDK model constants through the file's import alias, SDK
clients at their vendor's default host (or the base URL the function sets), langchaingo model
options, and model names passed loose to calls outside the package; never comparisons,
message, error or string-helper calls, the package's own functions, nor tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, model_kinds, scan, service_places

from aibom.knowledge.tables import go_sdks
from aibom.scanners.go.sdk import constants_of, normalise

MakeTree = Callable[[dict[str, str | bytes]], Path]

CLIENTS_GO = """package llm

import (
	"context"

	goopenai "github.com/sashabaranov/go-openai"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/anthropics/anthropic-sdk-go"
	"google.golang.org/genai"
)

func chat(ctx context.Context, key, asked string) {
	c := goopenai.NewClient(key)
	_, _ = c.CreateChatCompletion(ctx, goopenai.ChatCompletionRequest{Model: goopenai.GPT4o})
	_, _ = c.CreateEmbeddings(ctx, goopenai.EmbeddingRequest{Model: goopenai.AdaEmbeddingV2})
	if asked == goopenai.GPT3Dot5Turbo16K {
		return
	}
	switch asked {
	case goopenai.O1Mini:
		return
	}
}

func responses(ctx context.Context, key string) {
	oc := openai.NewClient(option.WithAPIKey(key))
	_, _ = oc.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4oMini})
}

func claude(ctx context.Context) {
	ac := anthropic.NewClient()
	_, _ = ac.Messages.New(ctx, anthropic.MessageNewParams{Model: anthropic.ModelClaude3_5SonnetLatest})
}

func vertex(ctx context.Context) {
	gc, _ := genai.NewClient(ctx, &genai.ClientConfig{Backend: genai.BackendVertexAI})
	_, _ = gc.Models.GenerateContent(ctx, "gemini-2.5-flash", nil, nil)
}
"""


def test_sdk_constants_and_clients(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"internal/llm/llm.go": CLIENTS_GO}))
    found = hosted(inv)
    assert found["gpt-4o"] == {"openai"}
    assert found["text-embedding-ada-002"] == {"openai"}
    assert found["gpt-4o-mini"] == {"openai"}
    assert found["claude-3-5-sonnet-latest"] == {"anthropic"}
    assert found["gemini-2.5-flash"] == {"google"}
    # a comparison or a case label checks what the caller asked for
    assert "gpt-3.5-turbo-16k" not in everything(inv)
    assert "o1-mini" not in everything(inv)
    eps = endpoints(inv)
    assert ("openai", "https://api.openai.com/v1") in eps
    assert ("anthropic", "https://api.anthropic.com") in eps
    assert service_places(inv, "google")  # Vertex AI: no default host
    assert ("google", "https://generativelanguage.googleapis.com") not in eps


def test_base_urls_azure_and_ollama_clients(make_tree: MakeTree) -> None:
    src = """package llm

import (
	"github.com/openai/openai-go"
	"github.com/openai/openai-go/azure"
	"github.com/openai/openai-go/option"
	goopenai "github.com/sashabaranov/go-openai"
	"github.com/ollama/ollama/api"
)

func New(baseURL, key string, useAzure bool) openai.Client {
	opts := []option.RequestOption{option.WithAPIKey(key)}
	if useAzure {
		opts = append(opts, azure.WithEndpoint(baseURL, "2024-06-01"))
	}
	return openai.NewClient(opts...)
}

func deepseek(key string) *goopenai.Client {
	cfg := goopenai.DefaultConfig(key)
	cfg.BaseURL = "https://api.deepseek.com/v1"
	return goopenai.NewClientWithConfig(cfg)
}

func proxy(key, url string) *goopenai.Client {
	cfg := goopenai.DefaultConfig(key)
	cfg.BaseURL = url
	return goopenai.NewClientWithConfig(cfg)
}

func onAzure(key string) goopenai.ClientConfig {
	return goopenai.DefaultAzureConfig(key, "https://contoso.openai.azure.com/")
}

func local() (*api.Client, error) {
	return api.ClientFromEnvironment()
}
"""
    inv = scan(make_tree({"llm/client.go": src}))
    eps = endpoints(inv)
    assert ("openai", "https://api.openai.com/v1") in eps  # Azure only when asked for
    assert any(p == "azure-openai" for p, _ in eps)
    assert ("azure-openai", "https://contoso.openai.azure.com") in eps
    assert any(p == "deepseek" and e and "api.deepseek.com" in e for p, e in eps)
    assert ("ollama", "http://localhost:11434") in eps
    # proxy(): a base URL known only at run time, set unconditionally: no default host
    assert service_places(inv, "openai") == {"llm/client.go:16"}


def test_langchaingo_options(make_tree: MakeTree) -> None:
    src = """package agent

import (
	"context"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"
)

func run(ctx context.Context) {
	local, _ := ollama.New(ollama.WithModel("llama3"))
	routed, _ := openai.New(openai.WithModel("gpt-4o"), openai.WithBaseURL("https://openrouter.ai/api/v1"))
	_, _ = llms.GenerateFromSinglePrompt(ctx, local, "hi", llms.WithModel("qwen2.5:7b"))
	_ = routed
}
"""
    inv = scan(make_tree({"agent/run.go": src}))
    kinds = model_kinds(inv)
    assert kinds["llama3"] == "ollama"
    assert kinds["qwen2.5:7b"] == "ollama"
    assert hosted(inv)["gpt-4o"] == {"openrouter"}
    assert ("ollama", "http://localhost:11434") in endpoints(inv)


def test_loose_literals_outside_the_package(make_tree: MakeTree) -> None:
    src = """package server

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"strings"

	"github.com/acme/gateway"
	mw "github.com/acme/server/middleware"
)

var modelFlag = flag.String("model", "claude-3-5-haiku-20241022", "the model to call")

func flags(cmd *Command, planner bool) {
	cmd.Flags().BoolVar(&planner, "o3-planner", false, "plan with o3")
	cmd.Flags().StringP("gpt-4o-audio", "a", "", "a flag named after a model")
}

func routes(r *gateway.Router, name string) {
	r.Use(mw.DefaultModel("gpt-4.1-mini"))
	gateway.Register("deepseek-ai/DeepSeek-R1", r)
	if strings.HasPrefix(name, "gpt-4o-mini") {
		log.Printf("legacy %s", "gpt-3.5-turbo-0125")
	}
	_ = errors.New("o3-mini-2025-01-31")
	_ = fmt.Sprintf("%s", "gpt-4-turbo-2024-04-09")
	register("mistral-large-2411")
	r.Route("gemini-1.5-pro-002")
}

func register(m string) {}

func (s *Server) Route(m string) {}

type Server struct{}
"""
    inv = scan(make_tree({"server/routes.go": src}))
    found = hosted(inv)
    assert found["claude-3-5-haiku-20241022"] == {"anthropic"}
    assert found["gpt-4.1-mini"] == {"openai"}
    assert model_kinds(inv)["deepseek-ai/deepseek-r1"] == "hub"
    seen = everything(inv)
    for decoy in (
        "o3-planner",  # a flag's name
        "gpt-4o-audio",
        "gpt-4o-mini",  # a string helper's pattern
        "gpt-3.5-turbo-0125",  # a log message
        "o3-mini-2025-01-31",  # an error
        "gpt-4-turbo-2024-04-09",  # a formatted text
        "mistral-large-2411",  # the package's own function
        "gemini-1.5-pro-002",  # a method the package declares
    ):
        assert decoy not in seen


def test_tests_are_not_read(make_tree: MakeTree) -> None:
    src = CLIENTS_GO.replace("package llm", "package llm_test")
    inv = scan(make_tree({"internal/llm/llm_test.go": src}))
    assert "gpt-4o" not in everything(inv)


def test_the_sdk_table() -> None:
    sdks = go_sdks()
    assert (
        normalise("github.com/openai/openai-go/v3/option") == "github.com/openai/openai-go/option"
    )
    assert sdks["github.com/sashabaranov/go-openai"].constants["GPT3Dot5Turbo"] == "gpt-3.5-turbo"
    assert (
        sdks["github.com/anthropics/anthropic-sdk-go"].constants["ModelClaudeSonnet4_5"]
        == "claude-sonnet-4-5"
    )
    shared = constants_of("github.com/openai/openai-go/v2/shared")
    assert shared is not None and shared["ChatModelGPT4o"] == "gpt-4o"
    assert constants_of("github.com/acme/openai") is None
