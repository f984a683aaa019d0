"""JavaScript / TypeScript scanner: exact findings per detector, decoys, hostile input."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from builders.findings import Row, Shape, as_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aibom.inventory import Diagnostic, Finding, ModelFinding, ServiceFinding
from aibom.scanners.base import ScanContext
from aibom.scanners.javascript import JavaScriptScanner, scan_source
from aibom.walk import SourceFile

FIXTURES = Path(__file__).parent / "fixtures" / "javascript"


SHAPE = Shape(
    model=("kind", "name", "line", "framework", "task", "revision"),
    service=("provider", "endpoint", "model", "client", "line"),
    library=None,
    dataset=None,
    diagnostic=("code", "line"),
    ordered=True,
)


def summary(findings: list[Finding]) -> list[Row]:
    return as_rows(findings, SHAPE)


def scan(code: str, rel: str = "src/app.ts") -> list[tuple[object, ...]]:
    return summary(scan_source(code, rel))


def models_and_services(code: str, rel: str = "src/app.ts") -> list[tuple[object, ...]]:
    return [t for t in scan(code, rel) if t[0] != "diag"]


# ---------------------------------------------------------------------------
# transformers.js


def test_transformers_js_pipeline_and_from_pretrained() -> None:
    code = """\
import { pipeline, AutoTokenizer, AutoModel } from '@huggingface/transformers';
const ORG = 'Xenova';
const classifier = await pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', { revision: 'v1.0' });
const tok = await AutoTokenizer.from_pretrained(`${ORG}/bert-base-uncased`);
const model = await AutoModel.from_pretrained('Qwen/Qwen2.5-0.5B-Instruct', { revision: 'main', dtype: 'q4' });
const dflt = await pipeline('summarization');
const local = await pipeline('feature-extraction', './models/my-embedder');
"""
    assert scan(code) == [
        ("model", "hub", "Xenova/distilbert-base-uncased-finetuned-sst-2-english", 3, "transformers.js", "sentiment-analysis", "v1.0"),
        ("model", "hub", "Xenova/bert-base-uncased", 4, "transformers.js", None, None),
        ("model", "hub", "Qwen/Qwen2.5-0.5B-Instruct", 5, "transformers.js", None, "main"),
    ]  # fmt: skip


def test_xenova_require_dynamic_import_and_namespace() -> None:
    code = """\
const { pipeline } = require('@xenova/transformers');
async function embed() {
  const T = await import('@xenova/transformers');
  const e = await T.pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');
  const p = await pipeline("automatic-speech-recognition", "Xenova/whisper-tiny.en");
}
"""
    assert scan(code, "lib/embed.js") == [
        ("model", "hub", "Xenova/all-MiniLM-L6-v2", 4, "transformers.js", "feature-extraction", None),
        ("model", "hub", "Xenova/whisper-tiny.en", 5, "transformers.js", "automatic-speech-recognition", None),
    ]  # fmt: skip


def test_pipeline_from_another_library_is_not_transformers() -> None:
    code = """\
import { pipeline } from 'node:stream/promises';
import { pipeline as p2 } from './etl';
await pipeline(source, 'org/not-a-model');
await p2('step', 'facebook/opt-125m');
"""
    assert scan(code) == []


def test_unresolved_transformers_model_is_an_info_diagnostic() -> None:
    code = """\
import { pipeline } from '@huggingface/transformers';
export async function load(name) { return pipeline('text-generation', name); }
"""
    (diag,) = scan_source(code, "src/load.js")
    assert isinstance(diag, Diagnostic)
    assert (diag.code, diag.level, diag.line, diag.path) == (
        "unresolved-model",
        "info",
        2,
        "src/load.js",
    )


# ---------------------------------------------------------------------------
# openai / anthropic / ollama / Hugging Face inference clients


def test_openai_client_with_base_url_constants_and_env_defaults() -> None:
    code = """\
import OpenAI from 'openai';

const BASE = process.env.LLM_BASE_URL ?? 'https://api.deepseek.com';
const MODEL = process.env.LLM_MODEL || 'deepseek-chat';
const client = new OpenAI({ baseURL: BASE, apiKey: process.env.DEEPSEEK_API_KEY });

export async function ask(q: string) {
  const r = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: q }],
  });
  return client.responses.create({ model: `deepseek-reasoner`, input: q });
}
"""
    assert scan(code) == [
        ("service", "deepseek", "https://api.deepseek.com", None, "openai", 5),
        ("service", "deepseek", "https://api.deepseek.com", "deepseek-chat", "openai", 9),
        ("service", "deepseek", "https://api.deepseek.com", "deepseek-reasoner", "openai", 12),
    ]


def test_openai_without_base_url_azure_and_embeddings() -> None:
    code = """\
import { OpenAI, AzureOpenAI } from 'openai';
const openai = new OpenAI();
const azure = new AzureOpenAI({ endpoint: 'https://contoso.openai.azure.com', apiVersion: '2024-10-21' });
await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
await azure.chat.completions.create({ model: 'gpt-4o', messages });
"""
    assert scan(code) == [
        ("service", "openai", None, None, "openai", 2),
        ("service", "azure-openai", "https://contoso.openai.azure.com", None, "openai", 3),
        ("service", "openai", None, "text-embedding-3-small", "openai", 4),
        ("service", "azure-openai", "https://contoso.openai.azure.com", "gpt-4o", "openai", 5),
    ]


def test_client_held_in_a_class_field_and_this_assignment() -> None:
    code = """\
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

export class Chat {
  private claude = new Anthropic();
  constructor() {
    this.client = new OpenAI({ baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1' });
  }
  async run() {
    await this.client.chat.completions.create({ model: 'qwen-plus', messages: [] });
    await this.claude.messages.create({ model: 'claude-3-5-sonnet-20241022', max_tokens: 64, messages: [] });
  }
}
"""
    assert scan(code) == [
        ("service", "anthropic", None, None, "@anthropic-ai/sdk", 5),
        ("service", "alibaba-dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1", None, "openai", 7),
        ("service", "alibaba-dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus", "openai", 10),
        ("service", "anthropic", None, "claude-3-5-sonnet-20241022", "@anthropic-ai/sdk", 11),
    ]  # fmt: skip


def test_unknown_client_attributed_by_model_name() -> None:
    code = """\
import { openai } from '@/lib/openai';
export async function f(client) {
  await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
  await client.chat.completions.create({ model: 'deepseek-chat', messages: [] });
  await client.chat.completions.create({ model: 'my-finetune', messages: [] });
  await client.files.create({ model: 'gpt-4o' });
}
"""
    assert scan(code) == [
        ("service", "openai", None, "gpt-4o-mini", None, 3),
        ("service", "deepseek", None, "deepseek-chat", None, 4),
    ]


def test_unresolved_endpoint_falls_back_to_the_model_name() -> None:
    code = """\
import OpenAI from 'openai';
const llm = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL });
const other = new OpenAI({ baseURL: process.env.OTHER_URL });
export const go = (m) => llm.chat.completions.create({ model: 'moonshot-v1-8k', messages: [] });
export const no = (m) => llm.chat.completions.create({ model: m, messages: [] });
"""
    assert scan(code) == [
        ("diag", "unresolved-endpoint", 2),
        ("service", "unknown", None, None, "openai", 3),
        ("diag", "unresolved-endpoint", 3),
        ("service", "moonshot", None, "moonshot-v1-8k", "openai", 4),
        ("diag", "unresolved-model", 5),
    ]


def test_ollama_default_instance_and_client() -> None:
    code = """\
import ollama, { Ollama } from 'ollama';
const local = new Ollama({ host: 'http://127.0.0.1:11434' });
await ollama.chat({ model: 'qwen2.5:7b', messages: [] });
await local.generate({ model: 'deepseek-r1:14b', prompt: 'hi' });
await local.embed({ model: 'nomic-embed-text', input: 'x' });
await local.list();
"""
    assert scan(code) == [
        ("service", "ollama", "http://127.0.0.1:11434", None, "ollama", 2),  # the server itself
        ("model", "ollama", "qwen2.5:7b", 3, "ollama", None, None),
        ("model", "ollama", "deepseek-r1:14b", 4, "ollama", None, None),
        ("model", "ollama", "nomic-embed-text", 5, "ollama", None, None),
    ]


def test_openai_client_pointed_at_ollama() -> None:
    code = """\
import OpenAI from 'openai';
const c = new OpenAI({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });
await c.chat.completions.create({ model: 'llama3.1:8b', messages: [] });
"""
    assert scan(code) == [
        ("service", "ollama", "http://localhost:11434/v1", None, "openai", 2),
        ("service", "ollama", "http://localhost:11434/v1", "llama3.1:8b", "openai", 3),
        ("model", "ollama", "llama3.1:8b", 3, "ollama", None, None),
    ]


def test_self_hosted_openai_compatible_server_with_hub_model() -> None:
    code = """\
import OpenAI from 'openai';
const vllm = new OpenAI({ baseURL: 'http://localhost:8000/v1' });
await vllm.chat.completions.create({ model: 'Qwen/Qwen2.5-7B-Instruct', messages: [] });
"""
    assert scan(code) == [
        ("service", "self-hosted", "http://localhost:8000/v1", None, "openai", 2),
        (
            "service",
            "self-hosted",
            "http://localhost:8000/v1",
            "Qwen/Qwen2.5-7B-Instruct",
            "openai",
            3,
        ),
        ("model", "hub", "Qwen/Qwen2.5-7B-Instruct", 3, None, None, None),
    ]


def test_huggingface_inference_clients() -> None:
    code = """\
import { HfInference, InferenceClient, textGeneration } from '@huggingface/inference';
const hf = new HfInference(process.env.HF_TOKEN);
const ic = new InferenceClient(token);
await hf.textGeneration({ model: 'mistralai/Mistral-7B-Instruct-v0.3', inputs: 'hi' });
await ic.chatCompletion({ model: 'meta-llama/Llama-3.1-8B-Instruct', messages: [] });
await textGeneration({ model: 'gpt2', inputs: 'x', accessToken: t });
await new HfInference(token).featureExtraction({ model: 'BAAI/bge-m3', inputs: 'x' });
"""
    assert scan(code) == [
        ("service", "huggingface", None, None, "@huggingface/inference", 2),
        ("service", "huggingface", None, None, "@huggingface/inference", 3),
        ("service", "huggingface", None, "mistralai/Mistral-7B-Instruct-v0.3", "@huggingface/inference", 4),
        ("service", "huggingface", None, "meta-llama/Llama-3.1-8B-Instruct", "@huggingface/inference", 5),
        ("service", "huggingface", None, "gpt2", "@huggingface/inference", 6),
        ("service", "huggingface", None, "BAAI/bge-m3", "@huggingface/inference", 7),
        ("service", "huggingface", None, None, "@huggingface/inference", 7),
    ]  # fmt: skip


def test_google_and_bedrock_clients() -> None:
    code = """\
import { GoogleGenerativeAI } from '@google/generative-ai';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
const genAI = new GoogleGenerativeAI(process.env.GEMINI_KEY);
const m = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });
const br = new BedrockRuntimeClient({ region: 'us-east-1' });
await br.send(new ConverseCommand({ modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0', messages }));
"""
    assert scan(code) == [
        ("service", "google", None, None, "@google/generative-ai", 3),
        ("service", "google", None, "gemini-1.5-flash", "@google/generative-ai", 4),
        ("service", "aws-bedrock", None, None, "@aws-sdk/client-bedrock-runtime", 5),
        ("service", "aws-bedrock", None, "anthropic.claude-3-5-sonnet-20240620-v1:0", "@aws-sdk/client-bedrock-runtime", 6),
    ]  # fmt: skip


# ---------------------------------------------------------------------------
# Vercel AI SDK


def test_vercel_ai_sdk_providers() -> None:
    code = """\
import { generateText, embed } from 'ai';
import { openai, createOpenAI } from '@ai-sdk/openai';
import { anthropic } from '@ai-sdk/anthropic';
import { deepseek } from '@ai-sdk/deepseek';
import { ollama } from 'ollama-ai-provider';

const qwen = createOpenAI({ baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1', apiKey });
await generateText({ model: openai('gpt-4o'), prompt });
await generateText({ model: anthropic('claude-3-5-haiku-latest'), prompt });
await generateText({ model: deepseek('deepseek-chat'), prompt });
await generateText({ model: qwen('qwen-max'), prompt });
await embed({ model: openai.embedding('text-embedding-3-large'), value: 'x' });
await generateText({ model: ollama('llama3.1'), prompt });
"""
    assert scan(code) == [
        ("service", "openai", None, "gpt-4o", "@ai-sdk/openai", 8),
        ("service", "anthropic", None, "claude-3-5-haiku-latest", "@ai-sdk/anthropic", 9),
        ("service", "deepseek", None, "deepseek-chat", "@ai-sdk/deepseek", 10),
        ("service", "alibaba-dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-max", "@ai-sdk/openai", 11),
        ("service", "openai", None, "text-embedding-3-large", "@ai-sdk/openai", 12),
        ("model", "ollama", "llama3.1", 13, "ollama", None, None),
    ]  # fmt: skip


# ---------------------------------------------------------------------------
# LangChain.js


def test_langchain_constructors() -> None:
    code = """\
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOllama } from '@langchain/ollama';
import { ChatDeepSeek } from '@langchain/deepseek';
import { ChatMistralAI } from '@langchain/mistralai';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { ChatAlibabaTongyi } from '@langchain/community/chat_models/alibaba_tongyi';
import { HuggingFaceInferenceEmbeddings } from '@langchain/community/embeddings/hf';

const ds = new ChatOpenAI({ model: 'deepseek-chat', configuration: { baseURL: 'https://api.deepseek.com/v1' } });
const gpt = new ChatOpenAI({ modelName: 'gpt-4o-mini', temperature: 0 });
const emb = new OpenAIEmbeddings();
const claude = new ChatAnthropic({ model: 'claude-3-7-sonnet-latest' });
const local = new ChatOllama({ model: 'qwen2.5:14b', baseUrl: 'http://localhost:11434' });
const r1 = new ChatDeepSeek({ model: 'deepseek-reasoner' });
const mistral = new ChatMistralAI({ model: 'mistral-large-latest' });
const gemini = new ChatGoogleGenerativeAI({ model: 'gemini-2.0-flash' });
const tongyi = new ChatAlibabaTongyi({ model: 'qwen-turbo' });
const hfe = new HuggingFaceInferenceEmbeddings({ model: 'BAAI/bge-m3' });
"""
    assert scan(code) == [
        ("service", "deepseek", "https://api.deepseek.com/v1", "deepseek-chat", "@langchain/openai", 10),
        ("service", "openai", None, "gpt-4o-mini", "@langchain/openai", 11),
        ("service", "openai", None, None, "@langchain/openai", 12),
        ("service", "anthropic", None, "claude-3-7-sonnet-latest", "@langchain/anthropic", 13),
        ("model", "ollama", "qwen2.5:14b", 14, "langchain", None, None),
        ("service", "deepseek", None, "deepseek-reasoner", "@langchain/deepseek", 15),
        ("service", "mistral", None, "mistral-large-latest", "@langchain/mistralai", 16),
        ("service", "google", None, "gemini-2.0-flash", "@langchain/google-genai", 17),
        ("service", "alibaba-dashscope", None, "qwen-turbo", "@langchain/community", 18),
        ("service", "huggingface", None, "BAAI/bge-m3", "@langchain/community", 19),
    ]  # fmt: skip


# ---------------------------------------------------------------------------
# Value resolution


def test_value_resolution_paths() -> None:
    code = """\
import OpenAI from 'openai';
const client = new OpenAI();
const CONFIG = { llm: { model: 'gpt-4.1' }, temperature: 0.2 };
const FAMILY = 'gpt';
const VERSION = 4;
enum Models { Fast = 'gpt-4o-mini' }
const DEFAULTS = { model: 'o3-mini', temperature: 1 };
const { MODEL_NAME = 'gpt-4o' } = process.env;
const model = 'gpt-3.5-turbo';
function inner() {
  const model = 'o1';
  return client.chat.completions.create({ model, messages: [] });
}
await client.chat.completions.create({ model: CONFIG.llm.model, messages: [] });
await client.chat.completions.create({ model: `${FAMILY}-${VERSION}o`, messages: [] });
await client.chat.completions.create({ model: Models.Fast, messages: [] });
await client.chat.completions.create({ ...DEFAULTS, messages: [] });
await client.chat.completions.create({ model: MODEL_NAME, messages: [] });
await client.chat.completions.create({ model, messages: [] });
await client.chat.completions.create({ model: (CONFIG['llm'] as any).model!, messages: [] });
"""
    assert [(t[3], t[5]) for t in models_and_services(code)] == [
        (None, 2),
        ("o1", 12),
        ("gpt-4.1", 14),
        ("gpt-4o", 15),
        ("gpt-4o-mini", 16),
        ("o3-mini", 17),
        ("gpt-4o", 18),
        ("gpt-3.5-turbo", 19),
        ("gpt-4.1", 20),
    ]


def test_reassigned_let_and_parameters_are_not_guessed() -> None:
    code = """\
import OpenAI from 'openai';
const client = new OpenAI();
let chosen = 'gpt-4o';
chosen = pick();
await client.chat.completions.create({ model: chosen, messages: [] });
export function run(model = 'gpt-4o-mini') {
  return client.chat.completions.create({ model, messages: [] });
}
export function run2(m) {
  return client.chat.completions.create({ model: m, messages: [] });
}
"""
    assert scan(code) == [
        ("service", "openai", None, None, "openai", 2),
        ("diag", "unresolved-model", 5),
        ("service", "openai", None, "gpt-4o-mini", "openai", 7),
        ("diag", "unresolved-model", 10),
    ]


def test_cycles_and_exponential_constants_terminate() -> None:
    lines = [
        "import OpenAI from 'openai';",
        "const c = new OpenAI();",
        "const a = b;",
        "const b = a;",
    ]
    lines.append("const s0 = 'x';")
    lines += [f"const s{i} = s{i - 1} + s{i - 1};" for i in range(1, 40)]
    lines.append("await c.chat.completions.create({ model: a });")
    lines.append("await c.chat.completions.create({ model: s39 });")
    start = time.monotonic()
    result = scan("\n".join(lines))
    assert time.monotonic() - start < 5
    assert result == [
        ("service", "openai", None, None, "openai", 2),
        ("diag", "unresolved-model", 45),
        ("diag", "unresolved-model", 46),
    ]


# ---------------------------------------------------------------------------
# Model catalogs


def test_catalogs_array_enum_record_objects() -> None:
    code = """\
export const MODELS = [
  'gpt-4o',
  'deepseek-chat',
  'claude-3-5-sonnet-latest',
] as const;

export enum ModelType {
  GPT4o = 'gpt-4o-mini',
  Qwen = 'qwen-max',
}

const SUPPORTED_MODELS: Record<string, { ctx: number }> = {
  'qwen-plus': { ctx: 131072 },
  'moonshot-v1-32k': { ctx: 32768 },
};

export const AVAILABLE_MODELS = [
  { id: 'gpt-4.1', provider: 'openai', label: 'GPT-4.1' },
  { id: 'Qwen/Qwen2.5-72B-Instruct', provider: 'siliconflow', label: 'Qwen' },
];

export const EMBEDDING_MODELS = ['BAAI/bge-m3', 'sentence-transformers/all-MiniLM-L6-v2'];
export const LOCAL_LLMS = ['llama3.1:8b', 'qwen2.5:7b'];
"""
    assert models_and_services(code) == [
        ("service", "openai", None, "gpt-4o", None, 2),
        ("service", "deepseek", None, "deepseek-chat", None, 3),
        ("service", "anthropic", None, "claude-3-5-sonnet-latest", None, 4),
        ("service", "openai", None, "gpt-4o-mini", None, 8),
        ("service", "alibaba-dashscope", None, "qwen-max", None, 9),
        ("service", "alibaba-dashscope", None, "qwen-plus", None, 13),
        ("service", "moonshot", None, "moonshot-v1-32k", None, 14),
        ("service", "openai", None, "gpt-4.1", None, 18),
        ("model", "hub", "Qwen/Qwen2.5-72B-Instruct", 19, None, None, None),
        ("service", "siliconflow", None, "Qwen/Qwen2.5-72B-Instruct", None, 19),
        ("model", "hub", "BAAI/bge-m3", 22, None, None, None),
        ("model", "hub", "sentence-transformers/all-MiniLM-L6-v2", 22, None, None, None),
        ("model", "ollama", "llama3.1:8b", 23, "ollama", None, None),
        ("model", "ollama", "qwen2.5:7b", 23, "ollama", None, None),
    ]


def test_catalog_nested_under_provider_keys() -> None:
    code = """\
export const PROVIDERS = {
  deepseek: { baseURL: 'https://api.deepseek.com', models: ['deepseek-chat', 'deepseek-reasoner'] },
  ollama: { models: ['qwen2.5:7b', 'gemma2:9b'] },
};
"""
    assert models_and_services(code) == [
        ("service", "deepseek", None, "deepseek-chat", None, 2),
        ("service", "deepseek", None, "deepseek-reasoner", None, 2),
        # the entry's base URL: the service, with its endpoint
        ("service", "deepseek", "https://api.deepseek.com", None, None, 2),
        ("model", "ollama", "qwen2.5:7b", 3, "ollama", None, None),
        ("model", "ollama", "gemma2:9b", 3, "ollama", None, None),
    ]


def test_lookup_tables_are_not_catalogs() -> None:
    code = """\
export const MODEL_TOKEN_LIMITS = { 'gpt-4': 8192, 'gpt-4o': 128000 };
export const modelContext = { 'gpt-4o': 128000, 'deepseek-chat': 64000 };
export const VISION_MODEL_PREFIXES = ['gpt-4o', 'claude-3', 'gemini-1.5'];
const REASONING_MODELS = ['o1', 'o3-mini', 'deepseek-reasoner'];
export const isReasoning = (m: string) => REASONING_MODELS.some((p) => m.startsWith(p));
const MODEL_FAMILIES = ['gpt-', 'claude-', 'gemini-'];
const THEMES = ['gpt-4o', 'deepseek-chat'];
const MODEL_FIELDS = ['name', 'id', 'gpt-4o'];
const MODELS_ONE = ['gpt-4o'];
const MODEL_MIX = ['gpt-4o', 'deepseek-chat', 'fast', 'slow'];
"""
    assert scan(code) == []


# ---------------------------------------------------------------------------
# Decoys


def test_decoys_comments_strings_jsx_imports() -> None:
    code = """\
import React from 'react';
import thing from 'facebook/opt-125m';
import { Select } from '@/components/ui';
import { t } from 'i18next';

/**
 * Calls openai.chat.completions.create({ model: 'gpt-4o' }) with Qwen/Qwen2.5-7B-Instruct.
 * @param model e.g. 'deepseek-chat'
 */
// const client = new OpenAI({ baseURL: 'https://api.deepseek.com' }); client.chat.completions.create({model: 'deepseek-chat'})
export function Picker() {
  console.log('using gpt-4o', 'Qwen/Qwen2.5-7B-Instruct');
  const label = t('models.gpt-4o');
  const hint = `Try claude-3-5-sonnet-latest or meta-llama/Llama-3.1-8B`;
  track({ model: 'gpt-4o', event: 'select' });
  return (
    <div className="gpt-4o deepseek-chat">
      <Select model="gpt-4o" value="Qwen/Qwen2.5-7B-Instruct" />
      <p>Powered by gpt-4o and deepseek-chat</p>
    </div>
  );
}
"""
    assert scan(code, "src/Picker.tsx") == []


def test_scanner_wants_sources_not_bundles() -> None:
    s = JavaScriptScanner()

    def sf(rel: str) -> SourceFile:
        return SourceFile(rel=rel, path=Path("/nonexistent") / rel, size=10)

    wanted = [
        "src/a.ts",
        "src/b.tsx",
        "c.js",
        "d.jsx",
        "e.mjs",
        "f.cjs",
        "g.mts",
        "h.vue",
        "i.svelte",
        "j.html",
    ]
    unwanted = ["vendor.min.js", "dist/app.js", "web/build/main.js", ".next/x.js", "types.d.ts", "a.py", "x.json", "app.bundle.js"]  # fmt: skip
    assert [r for r in wanted if s.wants(sf(r))] == wanted
    assert [r for r in unwanted if s.wants(sf(r))] == []


# ---------------------------------------------------------------------------
# Hostile input


def test_giant_minified_line_is_skipped_with_info() -> None:
    code = "import OpenAI from 'openai';\n" + "var a=" + "1+" * 20000 + "1;\nnew OpenAI();\n"
    result = scan_source(code, "public/vendor.js")
    assert [(d.code, d.level, d.line) for d in result if isinstance(d, Diagnostic)] == [
        ("js-minified", "info", 2)
    ]
    assert len(result) == 1


def test_deeply_nested_expression_does_not_crash() -> None:
    depth = 3000
    code = (
        "import OpenAI from 'openai';\nconst c = new OpenAI();\n"
        + "const x = " + "[" * depth + "'gpt-4o'" + "]" * depth + ";\n"
        + "const y = " + "(" * depth + "'gpt-4o'" + ")" * depth + ";\n"
        + "await c.chat.completions.create({ model: y });\n"
        + "const z = " + "{a:" * depth + "'gpt-4o'" + "}" * depth + ";\n"
    )  # fmt: skip
    lines = "\n".join(
        code[i : i + 5000] for i in range(0, len(code), 5000)
    )  # stay under the line cap
    start = time.monotonic()
    result = scan_source(lines, "src/deep.ts")
    assert time.monotonic() - start < 10
    assert all(isinstance(f, (Diagnostic, ServiceFinding)) for f in result)


def test_deep_nesting_within_one_short_file() -> None:
    code = (
        "import OpenAI from 'openai';\nconst c = new OpenAI();\nconst y = "
        + "(" * 800
        + "'gpt-4o'"
        + ")" * 800
        + ";\n"
    )
    code += "await c.chat.completions.create({ model: y });\n"
    result = summary(scan_source(code, "src/deep.ts"))
    # the evaluator stops at its depth budget: unresolved, never a crash
    assert result == [
        ("service", "openai", None, None, "openai", 2),
        ("diag", "unresolved-model", 4),
    ]


def test_syntax_errors_give_info_and_keep_findings() -> None:
    code = """\
import OpenAI from 'openai';
const c = new OpenAI();
await c.chat.completions.create({ model: 'gpt-4o' });
function broken( {
"""
    result = scan(code)
    assert result[:2] == [
        ("service", "openai", None, None, "openai", 2),
        ("service", "openai", None, "gpt-4o", "openai", 3),
    ]
    assert result[2][:2] == ("diag", "js-syntax")


def test_large_file_skipped_with_info(tmp_path: Path) -> None:
    path = tmp_path / "big.js"
    path.write_text("// x\n" * 10, encoding="utf-8")
    f = SourceFile(rel="big.js", path=path, size=5 * 1024 * 1024)
    (diag,) = list(JavaScriptScanner().scan(f, ScanContext(root=tmp_path)))
    assert isinstance(diag, Diagnostic)
    assert (diag.path, diag.code, diag.level) == ("big.js", "js-too-large", "info")


# ---------------------------------------------------------------------------
# Through the scanner interface, on fixture files


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        (
            "chat.ts",
            [
                ("service", "deepseek", "https://api.deepseek.com", None, "openai", 4),
                ("service", "deepseek", "https://api.deepseek.com", "deepseek-chat", "openai", 8),
            ],
        ),
        (
            "embed.mjs",
            [
                (
                    "model",
                    "hub",
                    "Xenova/all-MiniLM-L6-v2",
                    3,
                    "transformers.js",
                    "feature-extraction",
                    None,
                )
            ],
        ),
    ],
)
def test_fixture_files_through_scanner(rel: str, expected: list[tuple[object, ...]]) -> None:
    path = FIXTURES / rel
    f = SourceFile(rel=rel, path=path, size=path.stat().st_size)
    scanner = JavaScriptScanner()
    assert scanner.wants(f)
    assert summary(list(scanner.scan(f, ScanContext(root=FIXTURES)))) == expected


# ---------------------------------------------------------------------------
# Constants imported from relative modules (through the scanner's module reader)


def test_constants_imported_from_relative_modules(
    make_tree: Callable[[dict[str, str | bytes]], Path],
) -> None:
    root = make_tree(
        {
            "src/config/models.ts": (
                "export const WHISPER_MODEL = 'Xenova/whisper-base';\n"
                "export const LLM = { model: process.env.LLM_MODEL ?? 'deepseek-chat', baseURL: 'https://api.deepseek.com' };\n"
                "export default { embed: 'text-embedding-3-small' };\n"
                "import { DEEP } from './deeper';\nexport const VIA = DEEP;\n"
            ),
            "src/config/deeper.ts": "import { X } from './deepest';\nexport const DEEP = X;\n",
            "src/config/deepest.ts": "export const X = 'gpt-4o';\n",
            "src/lib/settings.js": "export const REV = 'v2';\n",
            "src/app.ts": (
                "import OpenAI from 'openai';\n"
                "import { pipeline } from '@huggingface/transformers';\n"
                "import { WHISPER_MODEL, LLM, VIA } from './config/models.js';\n"
                "import cfg from './config/models';\n"
                "import { REV } from '@/lib/settings';\n"
                "import { NOPE } from '../../outside';\n"
                "const c = new OpenAI({ baseURL: LLM.baseURL });\n"
                "await pipeline('automatic-speech-recognition', WHISPER_MODEL, { revision: REV });\n"
                "await c.chat.completions.create({ model: LLM.model });\n"
                "await c.embeddings.create({ model: cfg.embed });\n"
                "await c.chat.completions.create({ model: VIA });\n"
                "await c.chat.completions.create({ model: NOPE });\n"
            ),
        }
    )
    f = SourceFile(
        rel="src/app.ts", path=root / "src/app.ts", size=(root / "src/app.ts").stat().st_size
    )
    result = summary(list(JavaScriptScanner().scan(f, ScanContext(root=root))))
    assert result == [
        ("service", "deepseek", "https://api.deepseek.com", None, "openai", 7),
        (
            "model",
            "hub",
            "Xenova/whisper-base",
            8,
            "transformers.js",
            "automatic-speech-recognition",
            "v2",
        ),
        ("service", "deepseek", "https://api.deepseek.com", "deepseek-chat", "openai", 9),
        ("service", "deepseek", "https://api.deepseek.com", "text-embedding-3-small", "openai", 10),
        # three hops away: not followed (two at most)
        ("diag", "unresolved-model", 11),
        ("diag", "unresolved-model", 12),
    ]


def test_alias_map_catalog_reports_the_target_models() -> None:
    code = """\
const MODEL_ALIASES: Record<string, string> = {
  "claude-3-5-sonnet": "claude-sonnet-4-5",
  "gpt-4o": "gpt-4.1",
};
export const MODEL_LABELS = { GPT4o: 'gpt-4o', Sonnet: 'claude-3-5-sonnet-latest' };
"""
    assert models_and_services(code) == [
        ("service", "anthropic", None, "claude-sonnet-4-5", None, 2),
        ("service", "openai", None, "gpt-4.1", None, 3),
        ("service", "openai", None, "gpt-4o", None, 5),
        ("service", "anthropic", None, "claude-3-5-sonnet-latest", None, 5),
    ]


def test_clients_and_providers_exported_by_project_modules(
    make_tree: Callable[[dict[str, str | bytes]], Path],
) -> None:
    root = make_tree(
        {
            "lib/openai.ts": (
                "import OpenAI from 'openai';\n"
                "export const openai = new OpenAI({ baseURL: 'https://api.moonshot.cn/v1' });\n"
                "export default new OpenAI();\n"
            ),
            "lib/ai.ts": (
                "import { createOpenAI } from '@ai-sdk/openai';\n"
                "export const deepseek = createOpenAI({ baseURL: 'https://api.deepseek.com/v1' });\n"
                "export const helper = (x: string) => x;\n"
            ),
            "app/route.ts": (
                "import { openai } from '@/lib/openai';\n"
                "import client from '../lib/openai';\n"
                "import { deepseek, helper } from '../lib/ai';\n"
                "await openai.chat.completions.create({ model: 'moonshot-v1-8k', messages: [] });\n"
                "await client.responses.create({ model: 'gpt-4.1', input: 'x' });\n"
                "await generateText({ model: deepseek('deepseek-chat'), prompt: 'x' });\n"
                "await generateText({ model: deepseek.chat('deepseek-reasoner'), prompt: 'x' });\n"
                "helper('gpt-4o');\n"
            ),
        }
    )
    f = SourceFile(
        rel="app/route.ts", path=root / "app/route.ts", size=(root / "app/route.ts").stat().st_size
    )
    result = summary(list(JavaScriptScanner().scan(f, ScanContext(root=root))))
    assert result == [
        ("service", "moonshot", "https://api.moonshot.cn/v1", "moonshot-v1-8k", "openai", 4),
        ("service", "openai", None, "gpt-4.1", "openai", 5),
        (
            "service",
            "deepseek",
            "https://api.deepseek.com/v1",
            "deepseek-chat",
            "@ai-sdk/openai",
            6,
        ),
        (
            "service",
            "deepseek",
            "https://api.deepseek.com/v1",
            "deepseek-reasoner",
            "@ai-sdk/openai",
            7,
        ),
    ]


def test_raw_http_calls_to_model_apis() -> None:
    code = """\
import axios from 'axios';
const OLLAMA = process.env.OLLAMA_HOST ?? 'http://localhost:11434';
const res = await fetch('https://api.openai.com/v1/chat/completions', {
  method: 'POST',
  headers: { Authorization: `Bearer ${key}` },
  body: JSON.stringify({ model: 'gpt-4o-mini', messages }),
});
await fetch(`${OLLAMA}/api/generate`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2', prompt }) });
await axios.post('https://api.deepseek.com/chat/completions', { model: 'deepseek-chat', messages });
await fetch('http://localhost:8000/v1/chat/completions', { body: JSON.stringify({ model: 'Qwen/Qwen2.5-7B-Instruct' }) });
await fetch('https://api.anthropic.com/v1/messages', { body: payload });
"""
    assert scan(code) == [
        ("service", "openai", None, "gpt-4o-mini", "fetch", 6),
        ("service", "ollama", None, "llama3.2", "fetch", 8),
        ("model", "ollama", "llama3.2", 8, "ollama", None, None),
        ("service", "deepseek", None, "deepseek-chat", "axios", 9),
        (
            "service",
            "self-hosted",
            "http://localhost:8000/v1",
            "Qwen/Qwen2.5-7B-Instruct",
            "fetch",
            10,
        ),
        ("model", "hub", "Qwen/Qwen2.5-7B-Instruct", 10, None, None, None),
        ("service", "anthropic", None, None, "fetch", 11),
    ]


def test_http_decoys() -> None:
    code = """\
// fetch('https://api.openai.com/v1/chat/completions', { body: JSON.stringify({ model: 'gpt-4o' }) })
await fetch('http://localhost:3000/api/users', { body: JSON.stringify({ model: 'gpt-4o' }) });
await fetch('https://api.github.com/repos', { body: JSON.stringify({ model: 'gpt-4o' }) });
await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o' }) });
const docs = 'see https://api.openai.com/v1/models';
"""
    assert scan(code) == []


# ---------------------------------------------------------------------------
# <script> blocks of Vue / Svelte / HTML files; CDN imports


def test_vue_svelte_and_html_script_blocks() -> None:
    vue = """\
<template>
  <Select model="gpt-4o" :options="models" />
  <p>Uses deepseek-chat</p>
</template>

<script setup lang="ts">
import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'https://api.deepseek.com' });
await client.chat.completions.create({ model: 'deepseek-chat', messages: [] });
</script>
"""
    assert scan(vue, "src/components/Chat.vue") == [
        ("service", "deepseek", "https://api.deepseek.com", None, "openai", 8),
        ("service", "deepseek", "https://api.deepseek.com", "deepseek-chat", "openai", 9),
    ]
    html = """\
<!doctype html>
<html><head>
<script type="application/ld+json">{"model": "gpt-4o", "pipeline": "x"}</script>
<script type="text/template"><div>pipeline('x', 'Xenova/gpt2')</div></script>
</head><body><p>Try Xenova/whisper-tiny.en</p>
<script type="module">
  import { pipeline } from 'https://cdn.jsdelivr.net/npm/@huggingface/transformers@3.0.2';
  const asr = await pipeline('automatic-speech-recognition', 'Xenova/whisper-tiny.en');
</script>
</body></html>
"""
    assert scan(html, "demo/index.html") == [
        (
            "model",
            "hub",
            "Xenova/whisper-tiny.en",
            8,
            "transformers.js",
            "automatic-speech-recognition",
            None,
        ),
    ]
    svelte = "<script>\n  import ollama from 'ollama/browser';\n  ollama.chat({ model: 'gemma2:9b' });\n</script>\n<h1>{model}</h1>\n"
    assert scan(svelte, "src/App.svelte") == [
        ("model", "ollama", "gemma2:9b", 3, "ollama", None, None)
    ]
    assert (
        scan("<html><body><p>gpt-4o, pipeline('x', 'Xenova/gpt2')</p></body></html>", "docs/a.html")
        == []
    )


_TOKENS = [
    "import", "OpenAI", "from", "'openai'", "new", "(", ")", "{", "}", "[", "]", "model", ":", ",", ";",
    "'gpt-4o'", "`${", "`", "process.env.X", "??", "||", ".", "chat", "completions", "create", "const", "=",
    "client", "\n", "//", "/*", "*/", "<div>", "</div>", "pipeline", "'Xenova/x'", "enum", "MODELS", "as",
    "...", "=>", "this", "\\", "\"", "'", "export", "class", "fetch", "'http://localhost:11434/api/chat'",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_TOKENS), max_size=80),
    st.sampled_from(["a.js", "a.ts", "a.tsx", "a.vue"]),
)
def test_random_token_soup_never_raises(tokens: list[str], rel: str) -> None:
    result = scan_source(" ".join(tokens), rel)
    assert all(isinstance(f, (Diagnostic, ModelFinding, ServiceFinding)) for f in result)


def test_catalog_of_multiline_objects_uses_the_id_line() -> None:
    code = """\
export const MODELS = [
  {
    dirName: 'bge-small-zh-v1.5',
    hfRepo: 'Xenova/bge-small-zh-v1.5',
    minSize: { 'config.json': 100 },
  },
  {
    dirName: 'bge-reranker-base',
    hfRepo: 'Xenova/bge-reranker-base',
  },
];
export const dbModels = [
  { name: 'User', schema: userSchema },
  { name: 'Event', schema: eventSchema },
];
export const models = ['Atlas 14', 'Atlas 14 Pro', 'Orbit 13'];
"""
    assert models_and_services(code, "scripts/manifest.mjs") == [
        ("model", "hub", "Xenova/bge-small-zh-v1.5", 4, None, None, None),
        ("model", "hub", "Xenova/bge-reranker-base", 9, None, None, None),
    ]


def test_this_fields_belong_to_their_class() -> None:
    code = """\
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
class A {
  constructor() { this.client = new OpenAI({ baseURL: 'https://api.deepseek.com' }); }
  run() { return this.client.chat.completions.create({ model: 'deepseek-chat' }); }
}
class B {
  client = new Anthropic();
  run() { return this.client.messages.create({ model: 'claude-3-5-haiku-latest' }); }
}
"""
    assert scan(code) == [
        ("service", "deepseek", "https://api.deepseek.com", None, "openai", 4),
        ("service", "deepseek", "https://api.deepseek.com", "deepseek-chat", "openai", 5),
        ("service", "anthropic", None, None, "@anthropic-ai/sdk", 8),
        ("service", "anthropic", None, "claude-3-5-haiku-latest", "@anthropic-ai/sdk", 9),
    ]


def test_init_chat_model_gateway_strings_and_llamaindex() -> None:
    code = """\
import { initChatModel } from 'langchain/chat_models/universal';
import { generateText, streamText } from 'ai';
import { OpenAI, HuggingFaceEmbedding, Ollama } from 'llamaindex';

const a = await initChatModel('anthropic:claude-3-7-sonnet-latest');
const b = await initChatModel('gpt-4o-mini', { modelProvider: 'openai', temperature: 0 });
const c = await initChatModel('ollama:qwen2.5:7b');
await generateText({ model: 'openai/gpt-4.1', prompt });
await streamText({ model: 'xai/grok-3', prompt });
await generateText({ model: 'Qwen/Qwen2.5-7B-Instruct', prompt });
const llm = new OpenAI({ model: 'gpt-4o', temperature: 0 });
const emb = new HuggingFaceEmbedding({ modelType: 'BAAI/bge-small-en-v1.5' });
const local = new Ollama({ model: 'llama3.1:8b' });
"""
    assert scan(code) == [
        ("service", "anthropic", None, "claude-3-7-sonnet-latest", "langchain", 5),
        ("service", "openai", None, "gpt-4o-mini", "langchain", 6),
        ("model", "ollama", "qwen2.5:7b", 7, "langchain", None, None),
        ("service", "openai", None, "gpt-4.1", "ai", 8),
        ("service", "xai", None, "grok-3", "ai", 9),
        ("service", "openai", None, "gpt-4o", "llamaindex", 11),
        ("model", "hub", "BAAI/bge-small-en-v1.5", 12, "llama-index", None, None),
        ("model", "ollama", "llama3.1:8b", 13, "llama-index", None, None),
    ]


def test_minimax_catalog_is_a_catalog_and_max_tables_are_not() -> None:
    """The not-a-catalog words are the knowledge table's: ``MINIMAX_`` is no ``max`` table."""
    code = """\
export const MINIMAX_MODELS = ['MiniMax-M1', 'MiniMax-Text-01'];
export const MAX_MODELS = ['gpt-4o', 'deepseek-chat'];
"""
    assert models_and_services(code) == [
        ("service", "minimax", None, "MiniMax-M1", None, 1),
        ("service", "minimax", None, "MiniMax-Text-01", None, 1),
    ]
