"""JS/TS settings form fields for the model (issue 11, round H).

A low-code node declares its inputs as records, ``{label: "Model Name", name: "modelName",
type: "string", default: "x"}``: the default is the model used unless the user picks
another. A ``placeholder`` is only a hint, and defaults of other fields are no models.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

_NODE = """\
import { GeminiEmbeddings } from '@acme/gemini-embeddings'

class GeminiEmbeddingNode {
    constructor() {
        this.label = 'Gemini Embeddings'
        this.inputs = [
            {
                label: 'Model Name',
                name: 'modelName',
                type: 'string',
                default: 'gemini-embedding-001',
            },
            {
                label: 'Custom Model',
                name: 'customModelName',
                type: 'string',
                placeholder: 'gemini-2.5-pro',
            },
            {
                label: 'Task Type',
                name: 'taskType',
                type: 'string',
                default: 'RETRIEVAL_DOCUMENT',
            },
            {
                label: 'Region',
                name: 'region',
                type: 'options',
                default: 'gpt-4o',
            },
        ]
    }
}

module.exports = { nodeClass: GeminiEmbeddingNode }
"""


def test_model_field_default_is_the_model(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"nodes/embeddings/GeminiEmbedding.ts": _NODE}))
    assert hosted(inv)["gemini-embedding-001"] == {"google"}
    assert "nodes/embeddings/GeminiEmbedding.ts:11" in service_places(inv, "google")


def test_placeholders_and_other_fields_are_no_models(make_tree: MakeTree) -> None:
    found = everything(scan(make_tree({"nodes/embeddings/GeminiEmbedding.ts": _NODE})))
    assert "gemini-2.5-pro" not in found  # a placeholder hint
    assert "gpt-4o" not in found  # the default of a field that is no model field
    assert "retrieval_document" not in found


def test_a_workers_ai_node_default_is_cloudflare(make_tree: MakeTree) -> None:
    node = (
        "import { ChatCloudflareWorkersAI } from '@langchain/cloudflare'\n"
        "class WorkersNode {\n"
        "    constructor() {\n"
        "        this.inputs = [\n"
        "            { label: 'Model Name', name: 'modelName', type: 'string',\n"
        "              default: '@cf/meta/llama-3.1-8b-instruct' },\n"
        "        ]\n"
        "    }\n"
        "    async init(nodeData) {\n"
        "        return new ChatCloudflareWorkersAI({ model: nodeData.inputs.modelName })\n"
        "    }\n"
        "}\n"
    )
    inv = scan(make_tree({"nodes/WorkersNode.ts": node}))
    assert hosted(inv)["@cf/meta/llama-3.1-8b-instruct"] == {"cloudflare"}
    assert "nodes/WorkersNode.ts:10" in service_places(inv, "cloudflare")
