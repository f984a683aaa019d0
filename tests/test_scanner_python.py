"""Python scanner detectors: exact findings per detector family, with decoys."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from aibom.inventory import (
    DatasetFinding,
    Diagnostic,
    Finding,
    Inventory,
    ModelFinding,
    ServiceFinding,
)
from aibom.scanners.base import ScanContext
from aibom.scanners.python_source import PythonScanner, scan_python_text
from aibom.walk import walk


def summarise(findings: list[Finding]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for f in findings:
        if isinstance(f, ModelFinding):
            out.append(("M", f.name, f.kind.value, f.location.line, f.revision, f.framework, f.task,
                        f.relation_hint, f.base))  # fmt: skip
        elif isinstance(f, ServiceFinding):
            out.append(("S", f.provider, f.endpoint, f.model, f.client, f.location.line))
        elif isinstance(f, DatasetFinding):
            out.append(("D", f.name, f.location.line))
        elif isinstance(f, Diagnostic):
            out.append(("!", f.code, f.line))
    return out


def run(code: str, **kw: Any) -> list[tuple[Any, ...]]:
    return summarise(scan_python_text(textwrap.dedent(code), "app/x.py", **kw))


# ---------------------------------------------------------------------------
# Hugging Face loaders


def test_transformers_from_pretrained_auto_and_concrete_classes() -> None:
    code = """\
    from transformers import AutoModelForCausalLM, AutoTokenizer, AutoProcessor, LlamaForCausalLM
    import transformers as tf
    tok = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-7B-Instruct", revision="0123456789abcdef0123456789abcdef01234567")
    m = AutoModelForCausalLM.from_pretrained(pretrained_model_name_or_path="Qwen/Qwen2.5-7B-Instruct")
    p = AutoProcessor.from_pretrained("openai/whisper-large-v3@main")
    l = LlamaForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B", revision="v1.0")
    q = tf.Qwen2ForCausalLM.from_pretrained("Qwen/Qwen2-0.5B")
    b = BertModel.from_pretrained("bert-base-uncased")
    """
    assert run(code) == [
        (
            "M",
            "Qwen/Qwen2.5-7B-Instruct",
            "hub",
            3,
            "0123456789abcdef0123456789abcdef01234567",
            "transformers",
            None,
            None,
            None,
        ),
        ("M", "Qwen/Qwen2.5-7B-Instruct", "hub", 4, None, "transformers", None, None, None),
        ("M", "openai/whisper-large-v3", "hub", 5, "main", "transformers", None, None, None),
        ("M", "meta-llama/Llama-3.1-8B", "hub", 6, "v1.0", "transformers", None, None, None),
        ("M", "Qwen/Qwen2-0.5B", "hub", 7, None, "transformers", None, None, None),
        ("M", "bert-base-uncased", "hub", 8, None, "transformers", None, None, None),
    ]


def test_pipeline_task_and_model_positions() -> None:
    code = """\
    from transformers import pipeline
    a = pipeline("text-generation", model="Qwen/Qwen2.5-1.5B-Instruct", revision="r1")
    b = pipeline("sentiment-analysis", "distilbert-base-uncased-finetuned-sst-2-english")
    c = pipeline(task="summarization", model="facebook/bart-large-cnn")
    d = pipeline("sentiment-analysis")
    """
    assert run(code) == [
        ("M", "Qwen/Qwen2.5-1.5B-Instruct", "hub", 2, "r1", "transformers", "text-generation", None, None),
        ("M", "distilbert-base-uncased-finetuned-sst-2-english", "hub", 3, None, "transformers",
         "sentiment-analysis", None, None),
        ("M", "facebook/bart-large-cnn", "hub", 4, None, "transformers", "summarization", None, None),
    ]  # fmt: skip


def test_diffusers_peft_sentence_transformers_vllm() -> None:
    code = """\
    from diffusers import StableDiffusionXLPipeline
    from peft import PeftModel, AutoPeftModelForCausalLM
    from transformers import AutoModelForCausalLM
    from sentence_transformers import SentenceTransformer, CrossEncoder
    from vllm import LLM
    sd = StableDiffusionXLPipeline.from_pretrained("stabilityai/stable-diffusion-xl-base-1.0")
    base = AutoModelForCausalLM.from_pretrained("mistralai/Mistral-7B-v0.1")
    tuned = PeftModel.from_pretrained(base, "me/mistral-lora", revision="abc")
    auto = AutoPeftModelForCausalLM.from_pretrained("ybelkada/opt-350m-lora")
    emb = SentenceTransformer("BAAI/bge-small-en-v1.5")
    ce = CrossEncoder(model_name="cross-encoder/ms-marco-MiniLM-L-6-v2")
    llm = LLM(model="Qwen/Qwen2.5-7B-Instruct", tokenizer="Qwen/Qwen2.5-7B-Instruct", revision="r2")
    """
    assert run(code) == [
        (
            "M",
            "stabilityai/stable-diffusion-xl-base-1.0",
            "hub",
            6,
            None,
            "diffusers",
            None,
            None,
            None,
        ),
        ("M", "mistralai/Mistral-7B-v0.1", "hub", 7, None, "transformers", None, None, None),
        (
            "M",
            "me/mistral-lora",
            "hub",
            8,
            "abc",
            "peft",
            None,
            "adapter",
            "mistralai/Mistral-7B-v0.1",
        ),
        ("M", "ybelkada/opt-350m-lora", "hub", 9, None, "peft", None, "adapter", None),
        ("M", "BAAI/bge-small-en-v1.5", "hub", 10, None, "sentence-transformers", None, None, None),
        (
            "M",
            "cross-encoder/ms-marco-MiniLM-L-6-v2",
            "hub",
            11,
            None,
            "sentence-transformers",
            None,
            None,
            None,
        ),
        ("M", "Qwen/Qwen2.5-7B-Instruct", "hub", 12, "r2", "vllm", None, None, None),
    ]


def test_sentence_transformers_bare_names_belong_to_their_org(tmp_path: Path) -> None:
    (tmp_path / "emb-local").mkdir()
    code = """\
    from sentence_transformers import SentenceTransformer
    from langchain_huggingface import HuggingFaceEmbeddings
    SentenceTransformer("all-MiniLM-L6-v2")
    HuggingFaceEmbeddings(model_name="all-mpnet-base-v2")
    SentenceTransformer("emb-local")
    SentenceTransformer("./weights/model.safetensors")
    """
    assert run(code, root=tmp_path) == [
        (
            "M",
            "sentence-transformers/all-MiniLM-L6-v2",
            "hub",
            3,
            None,
            "sentence-transformers",
            None,
            None,
            None,
        ),
        (
            "M",
            "sentence-transformers/all-mpnet-base-v2",
            "hub",
            4,
            None,
            "langchain",
            None,
            None,
            None,
        ),
        ("M", "emb-local", "local", 5, None, "sentence-transformers", None, None, None),
        (
            "M",
            "weights/model.safetensors",
            "local",
            6,
            None,
            "sentence-transformers",
            None,
            None,
            None,
        ),
    ]


def test_huggingface_hub_downloads_datasets_timm_openclip_torchhub_llamacpp() -> None:
    code = """\
    from huggingface_hub import hf_hub_download, snapshot_download, HfApi
    from llama_cpp import Llama
    from datasets import load_dataset
    import timm, open_clip, torch
    hf_hub_download(repo_id="TheBloke/Mistral-7B-GGUF", filename="m.gguf", revision="v1")
    snapshot_download("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B")
    snapshot_download(repo_id="HuggingFaceH4/ultrachat_200k", repo_type="dataset")
    HfApi().model_info("google/gemma-2-2b")
    api = HfApi()
    api.model_info("microsoft/phi-2")
    Llama.from_pretrained(repo_id="Qwen/Qwen2-0.5B-Instruct-GGUF", filename="*q8_0.gguf")
    Llama(model_path="./models/llama.gguf")
    Llama(model_path="/opt/models/llama.gguf")
    timm.create_model("hf_hub:timm/vit_base_patch16_224.augreg_in21k", pretrained=True)
    timm.create_model("resnet50")
    open_clip.create_model_and_transforms("hf-hub:laion/CLIP-ViT-g-14-laion2B-s12B-b42K")
    torch.hub.load("pytorch/vision:v0.10.0", "resnet18", pretrained=True)
    load_dataset("tatsu-lab/alpaca")
    load_dataset("json", data_files="x.json")
    load_dataset("squad")
    load_dataset("./local_data")
    """
    assert run(code) == [
        ("M", "TheBloke/Mistral-7B-GGUF", "hub", 5, "v1", "huggingface_hub", None, None, None),
        (
            "M",
            "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
            "hub",
            6,
            None,
            "huggingface_hub",
            None,
            None,
            None,
        ),
        ("D", "HuggingFaceH4/ultrachat_200k", 7),
        ("M", "google/gemma-2-2b", "hub", 8, None, "huggingface_hub", None, None, None),
        ("M", "microsoft/phi-2", "hub", 10, None, "huggingface_hub", None, None, None),
        ("M", "Qwen/Qwen2-0.5B-Instruct-GGUF", "hub", 11, None, "llama-cpp", None, None, None),
        ("M", "models/llama.gguf", "local", 12, None, "llama-cpp", None, None, None),
        ("!", "model-path-outside", 13),
        ("M", "timm/vit_base_patch16_224.augreg_in21k", "hub", 14, None, "timm", None, None, None),
        (
            "M",
            "laion/CLIP-ViT-g-14-laion2B-s12B-b42K",
            "hub",
            16,
            None,
            "open-clip",
            None,
            None,
            None,
        ),
        ("M", "pytorch/vision", "github", 17, "v0.10.0", "torch-hub", None, None, None),
        ("D", "tatsu-lab/alpaca", 18),
        ("D", "squad", 20),
    ]


# ---------------------------------------------------------------------------
# Ollama


def test_ollama_module_and_client() -> None:
    code = """\
    import ollama
    from ollama import Client, chat
    ollama.chat(model="llama3.1:8b", messages=[])
    ollama.generate("qwen2.5-coder:7b", "def f")
    ollama.pull("deepseek-r1:14b")
    ollama.embed(model="nomic-embed-text", input="x")
    chat(model="myorg/custom-model:q4", messages=[])
    c = Client(host="http://gpu:11434")
    c.chat(model="gemma2:9b", messages=[])
    ollama.list()
    c.list()
    """
    assert run(code) == [
        ("M", "llama3.1:8b", "ollama", 3, None, "ollama", None, None, None),
        ("M", "qwen2.5-coder:7b", "ollama", 4, None, "ollama", None, None, None),
        ("M", "deepseek-r1:14b", "ollama", 5, None, "ollama", None, None, None),
        ("M", "nomic-embed-text", "ollama", 6, None, "ollama", None, None, None),
        ("M", "myorg/custom-model:q4", "ollama", 7, None, "ollama", None, None, None),
        ("M", "gemma2:9b", "ollama", 9, None, "ollama", None, None, None),
    ]


# ---------------------------------------------------------------------------
# Hosted provider clients


def test_openai_clients_and_base_url_providers() -> None:
    code = """\
    import os
    from openai import OpenAI, AsyncOpenAI, AzureOpenAI
    oa = OpenAI()
    oa.chat.completions.create(model="gpt-4o-mini", messages=[])
    oa.responses.create(model="o3-mini", input="x")
    oa.embeddings.create(model="text-embedding-3-small", input="x")
    ds = AsyncOpenAI(base_url=os.environ.get("DS_URL", "https://api.deepseek.com"), api_key="k")
    async def f():
        await ds.chat.completions.create(model="deepseek-reasoner", messages=[])
    az = AzureOpenAI(azure_endpoint="https://myres.openai.azure.com", api_version="2024-02-01")
    az.chat.completions.create(model="my-gpt4o-deployment", messages=[])
    with OpenAI(base_url="http://localhost:11434/v1") as local:
        local.chat.completions.create(model="qwen2.5:7b", messages=[])
    u = OpenAI(base_url=os.environ["LLM_BASE"])
    u.chat.completions.create(model="moonshot-v1-8k", messages=[])
    """
    assert run(code) == [
        ("S", "openai", None, None, "openai", 3),
        ("S", "openai", None, "gpt-4o-mini", "openai", 4),
        ("S", "openai", None, "o3-mini", "openai", 5),
        ("S", "openai", None, "text-embedding-3-small", "openai", 6),
        ("S", "deepseek", "https://api.deepseek.com", None, "openai", 7),
        ("S", "deepseek", "https://api.deepseek.com", "deepseek-reasoner", "openai", 9),
        ("S", "azure-openai", "https://myres.openai.azure.com", None, "azure-openai", 10),
        (
            "S",
            "azure-openai",
            "https://myres.openai.azure.com",
            "my-gpt4o-deployment",
            "azure-openai",
            11,
        ),
        ("S", "ollama", "http://localhost:11434/v1", None, "openai", 12),
        ("S", "ollama", "http://localhost:11434/v1", "qwen2.5:7b", "openai", 13),
        ("M", "qwen2.5:7b", "ollama", 13, None, "ollama", None, None, None),
        ("!", "unresolved-endpoint", 14),
        ("S", "moonshot", None, "moonshot-v1-8k", "openai", 15),
    ]


def test_client_tracking_through_self_and_functions() -> None:
    code = """\
    import os
    from openai import OpenAI
    client = OpenAI(base_url="https://api.deepseek.com/v1")
    def ask(q):
        return client.chat.completions.create(model="deepseek-chat", messages=[q])
    class Bot:
        def __init__(self, url=os.getenv("BOT_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1")):
            self.llm = OpenAI(base_url=url)
        def run(self):
            return self.llm.chat.completions.create(model="qwen-plus", messages=[])
    def make():
        return OpenAI(base_url="https://open.bigmodel.cn/api/paas/v4")
    def use():
        c = make()
        c.chat.completions.create(model="glm-4-plus", messages=[])
    def helper(cli):
        return cli.chat.completions.create(model="claude-3-5-haiku-latest", messages=[])
    def helper2(cli, m):
        return cli.chat.completions.create(model=m, messages=[])
    """
    assert run(code) == [
        ("S", "deepseek", "https://api.deepseek.com/v1", None, "openai", 3),
        ("S", "deepseek", "https://api.deepseek.com/v1", "deepseek-chat", "openai", 5),
        (
            "S",
            "alibaba-dashscope",
            "https://dashscope.aliyuncs.com/compatible-mode/v1",
            None,
            "openai",
            8,
        ),
        (
            "S",
            "alibaba-dashscope",
            "https://dashscope.aliyuncs.com/compatible-mode/v1",
            "qwen-plus",
            "openai",
            10,
        ),
        ("S", "zhipu", "https://open.bigmodel.cn/api/paas/v4", None, "openai", 12),
        ("S", "zhipu", "https://open.bigmodel.cn/api/paas/v4", "glm-4-plus", "openai", 15),
        ("S", "anthropic", None, "claude-3-5-haiku-latest", None, 17),
        ("!", "unresolved-model", 19),
    ]


def test_other_provider_sdks() -> None:
    code = """\
    import json, boto3, cohere, dashscope, litellm, replicate
    from anthropic import Anthropic
    from mistralai import Mistral
    from groq import Groq
    import google.generativeai as genai
    from google import genai as ggenai
    from zhipuai import ZhipuAI
    from litellm import completion
    from huggingface_hub import InferenceClient
    Anthropic().messages.create(model="claude-3-5-sonnet-20241022", max_tokens=10, messages=[])
    mi = Mistral(api_key="x")
    mi.chat.complete(model="mistral-large-latest", messages=[])
    co = cohere.ClientV2()
    co.chat(model="command-r-plus", messages=[])
    Groq().chat.completions.create(model="llama-3.1-70b-versatile", messages=[])
    gm = genai.GenerativeModel("gemini-1.5-pro")
    gm.generate_content("hi")
    gc = ggenai.Client()
    gc.models.generate_content(model="gemini-2.0-flash", contents="x")
    br = boto3.client("bedrock-runtime", region_name="us-east-1")
    br.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps({}))
    s3 = boto3.client("s3")
    s3.get_object(Bucket="b", Key="k")
    dashscope.Generation.call(model="qwen-max", prompt="x")
    ZhipuAI(api_key="x").chat.completions.create(model="glm-4-flash", messages=[])
    litellm.completion(model="deepseek/deepseek-chat", messages=[])
    completion(model="ollama/llama3.1:8b", messages=[])
    completion(model="gpt-4o", messages=[])
    replicate.run("meta/meta-llama-3-70b-instruct", input={})
    InferenceClient(model="HuggingFaceH4/zephyr-7b-beta")
    InferenceClient(model="https://abc.us-east-1.aws.endpoints.huggingface.cloud")
    """
    assert run(code) == [
        ("S", "anthropic", None, None, "anthropic", 10),
        ("S", "anthropic", None, "claude-3-5-sonnet-20241022", "anthropic", 10),
        ("S", "mistral", None, None, "mistralai", 11),
        ("S", "mistral", None, "mistral-large-latest", "mistralai", 12),
        ("S", "cohere", None, None, "cohere", 13),
        ("S", "cohere", None, "command-r-plus", "cohere", 14),
        ("S", "groq", None, None, "groq", 15),
        ("S", "groq", None, "llama-3.1-70b-versatile", "groq", 15),
        ("S", "google", None, "gemini-1.5-pro", "google-generativeai", 16),
        ("S", "google", None, None, "google-genai", 18),
        ("S", "google", None, "gemini-2.0-flash", "google-genai", 19),
        ("S", "aws-bedrock", None, None, "bedrock", 20),
        ("S", "aws-bedrock", None, "anthropic.claude-3-haiku-20240307-v1:0", "bedrock", 21),
        ("S", "alibaba-dashscope", None, "qwen-max", "dashscope", 24),
        ("S", "zhipu", None, None, "zhipuai", 25),
        ("S", "zhipu", None, "glm-4-flash", "zhipuai", 25),
        ("S", "deepseek", None, "deepseek-chat", "litellm", 26),
        ("S", "ollama", None, "llama3.1:8b", "litellm", 27),
        ("M", "llama3.1:8b", "ollama", 27, None, "ollama", None, None, None),
        ("S", "openai", None, "gpt-4o", "litellm", 28),
        ("S", "replicate", None, "meta/meta-llama-3-70b-instruct", "replicate", 29),
        (
            "S",
            "huggingface",
            None,
            "HuggingFaceH4/zephyr-7b-beta",
            "huggingface-inference-client",
            30,
        ),
        (
            "S",
            "huggingface",
            "https://abc.us-east-1.aws.endpoints.huggingface.cloud",
            None,
            "huggingface-inference-client",
            31,
        ),
    ]


# ---------------------------------------------------------------------------
# LangChain / LlamaIndex


def test_langchain_constructors() -> None:
    code = """\
    from langchain_openai import ChatOpenAI, OpenAIEmbeddings
    from langchain_anthropic import ChatAnthropic
    from langchain_ollama import ChatOllama, OllamaLLM, OllamaEmbeddings
    from langchain_community.llms import Ollama
    from langchain_huggingface import HuggingFaceEmbeddings, HuggingFaceEndpoint, HuggingFacePipeline
    from langchain_deepseek import ChatDeepSeek
    from langchain_community.chat_models import ChatTongyi, ChatZhipuAI
    from langchain_mistralai import ChatMistralAI
    from langchain_google_genai import ChatGoogleGenerativeAI
    from langchain.chat_models import init_chat_model
    ChatOpenAI(model="gpt-4o", base_url="https://api.siliconflow.cn/v1")
    ChatOpenAI(model_name="gpt-4o-mini")
    OpenAIEmbeddings(model="text-embedding-3-large")
    ChatAnthropic(model="claude-3-opus-20240229")
    ChatOllama(model="qwen2.5:7b", base_url="http://localhost:11434")
    OllamaLLM(model="llama3.2")
    Ollama(model="mistral")
    OllamaEmbeddings(model="nomic-embed-text")
    HuggingFaceEmbeddings(model_name="sentence-transformers/all-MiniLM-L6-v2")
    HuggingFaceEndpoint(repo_id="mistralai/Mistral-7B-Instruct-v0.2", task="text-generation")
    HuggingFacePipeline.from_model_id(model_id="gpt2", task="text-generation")
    ChatDeepSeek(model="deepseek-chat")
    ChatTongyi(model="qwen-plus")
    ChatZhipuAI(model="glm-4-flash")
    ChatMistralAI(model="mistral-small-latest")
    ChatGoogleGenerativeAI(model="gemini-1.5-flash")
    init_chat_model("openai:gpt-4o")
    init_chat_model("claude-3-5-haiku-latest", model_provider="anthropic")
    init_chat_model("deepseek-chat")
    """
    assert run(code) == [
        ("S", "siliconflow", "https://api.siliconflow.cn/v1", "gpt-4o", "langchain-openai", 11),
        ("S", "openai", None, "gpt-4o-mini", "langchain-openai", 12),
        ("S", "openai", None, "text-embedding-3-large", "langchain-openai", 13),
        ("S", "anthropic", None, "claude-3-opus-20240229", "langchain-anthropic", 14),
        ("M", "qwen2.5:7b", "ollama", 15, None, "langchain", None, None, None),
        ("S", "ollama", "http://localhost:11434", "qwen2.5:7b", None, 15),
        ("M", "llama3.2", "ollama", 16, None, "langchain", None, None, None),
        ("S", "ollama", None, "llama3.2", None, 16),
        ("M", "mistral", "ollama", 17, None, "langchain", None, None, None),
        ("S", "ollama", None, "mistral", None, 17),
        ("M", "nomic-embed-text", "ollama", 18, None, "langchain", None, None, None),
        ("S", "ollama", None, "nomic-embed-text", None, 18),
        (
            "M",
            "sentence-transformers/all-MiniLM-L6-v2",
            "hub",
            19,
            None,
            "langchain",
            None,
            None,
            None,
        ),
        (
            "S",
            "huggingface",
            None,
            "mistralai/Mistral-7B-Instruct-v0.2",
            "langchain-huggingface",
            20,
        ),
        ("M", "gpt2", "hub", 21, None, "langchain", "text-generation", None, None),
        ("S", "deepseek", None, "deepseek-chat", "langchain-deepseek", 22),
        ("S", "alibaba-dashscope", None, "qwen-plus", "langchain-community-tongyi", 23),
        ("S", "zhipu", None, "glm-4-flash", "langchain-community-zhipuai", 24),
        ("S", "mistral", None, "mistral-small-latest", "langchain-mistralai", 25),
        ("S", "google", None, "gemini-1.5-flash", "langchain-google-genai", 26),
        ("S", "openai", None, "gpt-4o", "langchain", 27),
        ("S", "anthropic", None, "claude-3-5-haiku-latest", "langchain", 28),
        ("S", "deepseek", None, "deepseek-chat", "langchain", 29),
    ]


def test_llama_index_constructors_and_settings() -> None:
    code = """\
    from llama_index.llms.huggingface import HuggingFaceLLM
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.llms.openai_like import OpenAILike
    from llama_index.llms.openai import OpenAI
    from llama_index.llms.ollama import Ollama
    from llama_index.core import Settings, VectorStoreIndex
    HuggingFaceLLM(model_name="HuggingFaceH4/zephyr-7b-beta", tokenizer_name="HuggingFaceH4/zephyr-7b-alpha")
    Settings.embed_model = HuggingFaceEmbedding(model_name="BAAI/bge-base-en-v1.5")
    OpenAILike(model="qwen-turbo", api_base="https://dashscope.aliyuncs.com/compatible-mode/v1")
    Settings.llm = OpenAI(model="gpt-4-turbo")
    Ollama(model="llama3.1", request_timeout=60)
    Settings.embed_model = "local:BAAI/bge-small-en-v1.5"
    VectorStoreIndex([], embed_model="local:intfloat/e5-small-v2")
    """
    assert run(code) == [
        ("M", "HuggingFaceH4/zephyr-7b-beta", "hub", 7, None, "llama-index", None, None, None),
        ("M", "HuggingFaceH4/zephyr-7b-alpha", "hub", 7, None, "llama-index", None, None, None),
        ("M", "BAAI/bge-base-en-v1.5", "hub", 8, None, "llama-index", None, None, None),
        ("S", "alibaba-dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-turbo",
         "llama-index-openai-like", 9),
        ("S", "openai", None, "gpt-4-turbo", "llama-index-openai", 10),
        ("M", "llama3.1", "ollama", 11, None, "llama-index", None, None, None),
        ("S", "ollama", None, "llama3.1", None, 11),
        ("M", "BAAI/bge-small-en-v1.5", "hub", 12, None, "llama-index", None, None, None),
        ("M", "intfloat/e5-small-v2", "hub", 13, None, "llama-index", None, None, None),
    ]  # fmt: skip


# ---------------------------------------------------------------------------
# Decoys


def test_decoys_comments_docstrings_prints_and_estimators() -> None:
    code = '''\
    """Serves Qwen/Qwen2.5-72B-Instruct and gpt-4o in production."""
    import logging
    from sklearn.ensemble import RandomForestClassifier
    from transformers import pipeline, AutoModel
    # model = AutoModel.from_pretrained("Qwen/Qwen2.5-3B")
    def f():
        """Uses meta-llama/Llama-3.1-8B."""
    print("Qwen/Qwen2.5-7B")
    logging.info("loading %s", "meta-llama/Llama-3.1-8B")
    model = RandomForestClassifier(n_estimators=10)
    model.fit([[0]], [0])
    model.predict([[1]])
    clf = pipeline("text-generation", model=model)
    scores = {"Qwen/Qwen2.5-7B": 0.8, "meta-llama/Llama-3.1-8B": 0.7}
    name = "mistralai/Mistral-7B-v0.1"
    AutoModel.from_pretrained(42)
    '''
    assert run(code) == []


def test_decoys_client_lookalikes_are_not_services() -> None:
    code = """\
    import requests
    class Client:
        def chat(self, model):
            return model
    c = Client()
    c.chat(model="llama3")
    session = requests.Session()
    session.post("https://api.openai.com/v1/chat/completions", json={"model": "gpt-4o"})
    s3 = __import__("boto3").client("s3")
    """
    assert run(code) == []


def test_unbound_generic_names_need_imports() -> None:
    # A notebook cell may use names imported in an earlier cell: distinctive names are accepted,
    # generic ones (Client, EngineArgs) only through their import.
    assert run('emb = SentenceTransformer("BAAI/bge-m3")\nc = Client()\nc.chat(model="x")\n') == [
        ("M", "BAAI/bge-m3", "hub", 1, None, "sentence-transformers", None, None, None)
    ]


def test_unresolved_model_arguments_are_diagnostics() -> None:
    code = """\
    import os, sys
    from transformers import AutoModel
    from openai import OpenAI
    AutoModel.from_pretrained(os.environ["MODEL"])
    AutoModel.from_pretrained(sys.argv[1])
    AutoModel.from_pretrained(**kwargs)
    OpenAI().chat.completions.create(model=os.getenv("CHAT_MODEL"), messages=[])
    for m in sys.argv[2:]:
        AutoModel.from_pretrained(m)
    """
    found = scan_python_text(textwrap.dedent(code), "app/x.py")
    diags = [f for f in found if isinstance(f, Diagnostic)]
    assert [(d.code, d.level, d.line) for d in diags] == [
        ("unresolved-model", "info", n) for n in (4, 5, 6, 7, 9)
    ]
    assert diags[0].message == (
        "model argument of transformers.AutoModel.from_pretrained could not be resolved statically: os.environ['MODEL']"
    )
    assert diags[2].message.endswith(": **kwargs")
    assert diags[3].message == (
        "model argument of OpenAI().chat.completions.create could not be resolved statically: "
        "os.getenv('CHAT_MODEL')"
    )


def test_loops_over_literal_lists_give_every_member() -> None:
    code = """\
    from transformers import AutoModel
    from openai import OpenAI
    CANDIDATES = ["Qwen/Qwen2.5-0.5B", "HuggingFaceTB/SmolLM2-135M"]
    for name in CANDIDATES:
        AutoModel.from_pretrained(name)
    client = OpenAI()
    def bench():
        for m in ("gpt-4o", "gpt-4o-mini"):
            client.chat.completions.create(model=m, messages=[])
    """
    assert run(code) == [
        ("M", "Qwen/Qwen2.5-0.5B", "hub", 5, None, "transformers", None, None, None),
        ("M", "HuggingFaceTB/SmolLM2-135M", "hub", 5, None, "transformers", None, None, None),
        ("S", "openai", None, None, "openai", 6),
        ("S", "openai", None, "gpt-4o", "openai", 8),  # also where each name is written
        ("S", "openai", None, "gpt-4o-mini", "openai", 8),
        ("S", "openai", None, "gpt-4o", "openai", 9),
        ("S", "openai", None, "gpt-4o-mini", "openai", 9),
    ]


def test_bare_names_local_for_loaders_unrecognised_for_hub_downloads() -> None:
    # from_pretrained("my-model") loads a directory of that name (e.g. written by a training run);
    # a hub download of a name that is not a repo id is reported, not dropped.
    code = """\
    from transformers import AutoModel
    from huggingface_hub import snapshot_download
    AutoModel.from_pretrained("my-model")
    snapshot_download("notarepo")
    """
    assert run(code) == [
        ("M", "my-model", "local", 3, None, "transformers", None, None, None),
        ("!", "unrecognised-model", 4),
    ]


# ---------------------------------------------------------------------------
# Locations, notebooks, local paths, scanner plumbing


def test_cell_source_and_line_offset() -> None:
    found = scan_python_text('m = SentenceTransformer("BAAI/bge-m3")\n', "nb.ipynb", cell=3, source="notebook",
                             line_offset=10)  # fmt: skip
    assert len(found) == 1 and isinstance(found[0], ModelFinding)
    loc = found[0].location
    assert (loc.path, loc.line, loc.cell, loc.source, str(loc)) == (
        "nb.ipynb",
        11,
        3,
        "notebook",
        "nb.ipynb#cell=3:11",
    )


def test_syntax_errors_and_hostile_nesting_are_diagnostics() -> None:
    bad = scan_python_text("def f(:\n    pass\n", "bad.py")
    assert [(d.code, d.line, d.path) for d in bad if isinstance(d, Diagnostic)] == [
        ("python-syntax", 1, "bad.py")
    ]
    deep = scan_python_text("x = " + "(" * 500 + "1" + ")" * 500, "deep.py")
    assert [(d.code, d.path) for d in deep if isinstance(d, Diagnostic)] == [
        ("python-syntax", "deep.py")
    ]
    chain = "X = " + " + ".join(['"a"'] * 50000) + "\n"
    assert [d.code for d in scan_python_text(chain, "chain.py") if isinstance(d, Diagnostic)] == [
        "python-syntax"
    ]
    nul = scan_python_text("x = 1\x00\n", "nul.py")
    assert [d.code for d in nul if isinstance(d, Diagnostic)] == ["python-syntax"]


def test_local_paths_relative_to_root_or_file_directory(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    (root / "app" / "models" / "ft").mkdir(parents=True)
    (root / "output").mkdir()
    (root / "app" / "models" / "ft" / "config.json").write_text("{}")
    code = """\
    from transformers import AutoModel
    AutoModel.from_pretrained("./models/ft")
    AutoModel.from_pretrained("checkpoints/run-1")
    AutoModel.from_pretrained("output")
    AutoModel.from_pretrained("../../outside")
    AutoModel.from_pretrained("~/models/x")
    """
    found = summarise(scan_python_text(textwrap.dedent(code), "app/main.py", root=root))
    assert found == [
        ("M", "app/models/ft", "local", 2, None, "transformers", None, None, None),
        ("M", "checkpoints/run-1", "local", 3, None, "transformers", None, None, None),
        ("M", "output", "local", 4, None, "transformers", None, None, None),
        ("!", "model-path-outside", 5),
        ("!", "model-path-outside", 6),
    ]
    # Without a root the path is taken relative to the scan root.
    assert run('AutoModel.from_pretrained("./models/ft")\n')[0][1] == "models/ft"


def test_python_scanner_on_a_tree(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text(
        "from openai import OpenAI\n"
        "client = OpenAI(base_url='https://api.deepseek.com')\n"
        "client.chat.completions.create(model='deepseek-chat', messages=[])\n"
    )
    (root / "src" / "broken.py").write_text("def (\n")
    (root / "src" / "notes.txt").write_text("Qwen/Qwen2.5-7B")
    ctx = ScanContext(root=root)
    scanner = PythonScanner()
    inv = Inventory()
    files = [f for f in walk(root).files() if scanner.wants(f)]
    assert [f.rel for f in files] == ["src/app.py", "src/broken.py"]
    for f in files:
        inv.extend(scanner.scan(f, ctx))
    services = inv.sorted_services()
    assert [
        (s.provider, s.endpoint, sorted(s.models), [str(o) for o in s.occurrences])
        for s in services
    ] == [
        (
            "deepseek",
            "https://api.deepseek.com",
            ["deepseek-chat"],
            ["src/app.py:2", "src/app.py:3"],
        )
    ]
    assert [(d.path, d.line, d.code) for d in inv.sorted_diagnostics()] == [
        ("src/broken.py", 1, "python-syntax")
    ]


def test_prefilter_covers_every_detector_name() -> None:
    from aibom.scanners.python_source import CTORS, TRIGGERS

    for key in CTORS:
        name = key.rsplit(".", 1)[-1]
        assert any(t in key for t in TRIGGERS), name
    plain = 'import json\n\ndef handler(event):\n    return json.dumps({"ok": True})\n'
    assert scan_python_text(plain, "plain.py") == []
    assert [
        d.code for d in scan_python_text(plain + "def (\n", "plain.py") if isinstance(d, Diagnostic)
    ] == ["python-syntax"]


def test_client_variants_inline_async_with_class_attribute_and_v0_api() -> None:
    code = """\
    import ollama, openai
    ollama.Client(host="http://x:11434").chat(model="phi3:mini", messages=[])
    client = openai.OpenAI(base_url="https://api.groq.com/openai/v1")
    client.chat.completions.create(model="llama-3.3-70b-versatile", messages=[])
    openai.api_base = "https://api.deepseek.com"
    openai.ChatCompletion.create(model="deepseek-chat", messages=[])
    async def main():
        async with openai.AsyncOpenAI() as c:
            await c.chat.completions.create(model="gpt-4.1", messages=[])
    def factory():
        return openai.OpenAI(base_url="https://api.moonshot.cn/v1")
    class A:
        client = factory()
        def go(self):
            self.client.chat.completions.create(model="kimi-k2-0711-preview", messages=[])
    """
    assert run(code) == [
        ("M", "phi3:mini", "ollama", 2, None, "ollama", None, None, None),
        ("S", "groq", "https://api.groq.com/openai/v1", None, "openai", 3),
        ("S", "groq", "https://api.groq.com/openai/v1", "llama-3.3-70b-versatile", "openai", 4),
        ("S", "deepseek", "https://api.deepseek.com", "deepseek-chat", "openai", 6),
        ("S", "openai", None, None, "openai", 8),
        ("S", "openai", None, "gpt-4.1", "openai", 9),
        ("S", "moonshot", "https://api.moonshot.cn/v1", None, "openai", 11),
        ("S", "moonshot", "https://api.moonshot.cn/v1", "kimi-k2-0711-preview", "openai", 15),
    ]


def test_decoys_framework_lookalikes() -> None:
    code = """\
    from langchain_core.prompts import ChatPromptTemplate
    class ChatOpenAI:
        def __init__(self, model):
            self.model = model
    ChatOpenAI(model="gpt-4o")
    class Ollama:
        pass
    Ollama(model="llama3")
    ChatPromptTemplate.from_messages([("system", "You are gpt-4o, built on Qwen/Qwen2.5-7B")])
    from mylib import LLM
    LLM(model="acme/Qwen2.5-7B")
    """
    assert run(code) == []  # (a known organisation's id would be a loose literal at mylib)


def test_agent_frameworks_and_kwargs_spreads() -> None:
    code = """\
    from openai import OpenAI
    from pydantic_ai import Agent
    import dspy
    from crewai import LLM
    from agents import Agent as OAAgent
    from smolagents import HfApiModel, TransformersModel, LiteLLMModel, OpenAIServerModel, InferenceClientModel
    CONFIG = {"model": "gpt-4o-mini", "temperature": 0}
    client = OpenAI()
    client.chat.completions.create(**CONFIG, messages=[])
    client.chat.completions.create(messages=[], **dict(model="o1-mini"))
    Agent("anthropic:claude-3-5-sonnet-latest")
    Agent(model="google-gla:gemini-1.5-flash")
    dspy.LM("openai/gpt-4o-mini")
    LLM(model="deepseek/deepseek-chat")
    OAAgent(name="a", model="gpt-4.1")
    HfApiModel("Qwen/Qwen2.5-Coder-32B-Instruct")
    InferenceClientModel(model_id="meta-llama/Llama-3.3-70B-Instruct")
    TransformersModel(model_id="HuggingFaceTB/SmolLM2-1.7B-Instruct")
    LiteLLMModel(model_id="anthropic/claude-3-5-sonnet-latest")
    OpenAIServerModel(model_id="deepseek-chat", api_base="https://api.deepseek.com")
    """
    assert run(code) == [
        ("S", "openai", None, "gpt-4o-mini", "openai", 7),  # where the spread's model is written
        ("S", "openai", None, None, "openai", 8),
        ("S", "openai", None, "gpt-4o-mini", "openai", 9),
        ("S", "openai", None, "o1-mini", "openai", 10),
        ("S", "anthropic", None, "claude-3-5-sonnet-latest", "pydantic-ai", 11),
        ("S", "google", None, "gemini-1.5-flash", "pydantic-ai", 12),
        ("S", "openai", None, "gpt-4o-mini", "dspy", 13),
        ("S", "deepseek", None, "deepseek-chat", "crewai", 14),
        ("S", "openai", None, "gpt-4.1", "openai-agents", 15),
        ("S", "huggingface", None, "Qwen/Qwen2.5-Coder-32B-Instruct", "smolagents", 16),
        ("S", "huggingface", None, "meta-llama/Llama-3.3-70B-Instruct", "smolagents", 17),
        (
            "M",
            "HuggingFaceTB/SmolLM2-1.7B-Instruct",
            "hub",
            18,
            None,
            "smolagents",
            None,
            None,
            None,
        ),
        ("S", "anthropic", None, "claude-3-5-sonnet-latest", "smolagents", 19),
        ("S", "deepseek", "https://api.deepseek.com", "deepseek-chat", "smolagents", 20),
    ]
    # an Agent/LLM class of another library is not a model use
    assert (
        run(
            'from mylib import Agent, LLM\nAgent("openai:gpt-4o")\nLLM(model="deepseek/deepseek-chat")\n'
        )
        == []
    )


def test_llama_index_openai_embedding_is_the_openai_embeddings_api() -> None:
    code = """\
    from llama_index.embeddings.openai import OpenAIEmbedding
    from myproject.embed import OpenAIEmbedding as Local
    Settings_embed = OpenAIEmbedding(model="text-embedding-ada-002")
    Local(model="text-embedding-large")
    """
    found = run(code)
    assert (
        "S",
        "openai",
        None,
        "text-embedding-ada-002",
        "llama-index-embeddings-openai",
        3,
    ) in found
    # the project's own class of the same name is not llama-index's
    assert not [f for f in found if "text-embedding-large" in f]
