"""Names of the properties aibom writes into a BOM: the output contract, in one place.

Policies, reports and diffs read BOMs through these names, including BOMs written
by earlier aibom versions, so a name here never changes meaning. Multi-valued
facts are written as one property per value (CycloneDX allows repeated names).
"""

from __future__ import annotations

NS = "aibom:"

# --- models: identity and where they come from
MODEL_KIND = "aibom:model.kind"  # hub | local | ollama | cache | github
REVISION_PINNED = "aibom:revision.pinned"  # "true" when a hub reference names a full commit sha
FRAMEWORK = "aibom:framework"  # repeated: transformers, vllm, sentence-transformers, ...
TASK = "aibom:task"

# --- lineage (issue: lineage)
# aibom:family is the model line people name ("is this a Qwen derivative?"): a lowercase slug.
# BOMs before the family contract (issue 14) wrote the release id here ("qwen2_5"); the BOM reader
# (aibom.bom.read) maps those ids to their line with LEGACY_FAMILY_IDS below.
FAMILY = "aibom:family"  # model line of the foundation, e.g. "qwen" (also on pedigree ancestors)
FAMILY_NAME = "aibom:family.name"  # display name of the line, e.g. "Qwen"
FAMILY_RELEASE = (
    "aibom:family.release"  # knowledge-base release, e.g. "qwen2_5" (also on ancestors)
)
FAMILY_RELEASE_NAME = "aibom:family.release.name"  # display name of the release, e.g. "Qwen2.5"
FAMILIES = "aibom:lineage.family"  # repeated: every line anywhere in the lineage (R1-Distill-Qwen: deepseek, qwen)
RELEASES = "aibom:lineage.release"  # repeated: every release anywhere in the lineage (deepseek_r1, qwen2_5)
DEVELOPER = "aibom:developer"  # foundation developer organisation
ORIGIN_COUNTRY = "aibom:origin.country"  # ISO 3166-1 alpha-2 of the foundation developer
ORIGIN_COUNTRIES = (
    "aibom:lineage.country"  # repeated: every developer country anywhere in the lineage
)
LINEAGE_SOURCE = "aibom:lineage.source"  # declared | inferred | unknown
LINEAGE_CONFIDENCE = "aibom:lineage.confidence"  # high | medium | low
ANCESTOR_DEPTH = (
    "aibom:lineage.depth"  # on pedigree ancestors: 1 = direct base, 2 = base of a base, ...
)
ANCESTOR_CHILD = (
    "aibom:lineage.child"  # on pedigree ancestors: the model this ancestor is a base of
)
LINEAGE_EVIDENCE = "aibom:lineage.evidence"  # repeated, human-readable "source: fact"
LINEAGE_CONFLICT = (
    "aibom:lineage.conflict"  # repeated: declared lineage contradicted by fingerprints
)
RELATION = "aibom:lineage.relation"  # relation to the nearest base (also on each pedigree ancestor: child -> that ancestor): finetune | adapter | quantized | merge | distillation

# --- licences
LICENSE_DECLARED = (
    "aibom:license.declared"  # licence as declared by the model itself (normalised id)
)
LICENSE_INHERITED = (
    "aibom:license.inherited"  # repeated: licence imposed by an ancestor (normalised id)
)
LICENSE_CATEGORY = "aibom:license.category"  # permissive | copyleft | non-commercial | research-only | custom-restricted | unknown

# --- weight files (issue: model files)
WEIGHTS_FORMAT = (
    "aibom:weights.format"  # repeated: safetensors, gguf, onnx, pytorch, keras, numpy, pickle
)
WEIGHTS_UNSAFE = "aibom:weights.unsafe"  # "true" when any file executes code when loaded
WEIGHTS_IMPORTS = "aibom:weights.imports"  # repeated: dangerous pickle globals "module.name"
WEIGHTS_FILE = "aibom:weights.file"  # repeated: relative path of each weight file
WEIGHTS_HASHED = "aibom:weights.hashed"  # "true" when every weight file has a SHA-256

# --- services
SERVICE_PROVIDER = "aibom:service.provider"  # provider id from the provider table
SERVICE_COUNTRY = "aibom:service.country"  # ISO 3166-1 alpha-2 of the provider
SERVICE_MODEL = "aibom:service.model"  # repeated: model names used with the service
SERVICE_TEST_MODEL = "aibom:service.test-model"  # repeated: those of them used only in test code (also in aibom:service.model)
SERVICE_CLIENT = "aibom:service.client"  # repeated: client libraries used

# --- libraries
LIBRARY_CATEGORY = "aibom:library.category"  # ai-framework | ai-provider-sdk

# --- scan metadata (on metadata)
DIAGNOSTIC = "aibom:diagnostic"  # repeated on metadata: "path[:line]: message"
SCAN_ROOT = "aibom:scan.root"
FILES_SCANNED = "aibom:scan.files"

# --- official CycloneDX ai-ml taxonomy names we use
CDX_PARAMETER_COUNT = "cdx:ai-ml:model:parameter:count"
CDX_TUNE_METHOD = "cdx:ai-ml:model:parameter:tune_method"
CDX_CONTEXT_LENGTH = "cdx:ai-ml:model:hyperparameter:context_length"
CDX_HIDDEN_SIZE = "cdx:ai-ml:model:hyperparameter:hidden_size"
CDX_NUM_LAYERS = "cdx:ai-ml:model:hyperparameter:num_hidden_layers"
CDX_QUANTIZATION = "cdx:ai-ml:model:hyperparameter:quantization"
CDX_VOCAB_SIZE = "cdx:ai-ml:model:hyperparameter:vocab_size"
CDX_CHAT_TEMPLATE = "cdx:ai-ml:model:template:chat"
OCCURRENCE = "aibom:occurrence"  # repeated on services: "path:line" (services have no evidence in CycloneDX 1.6)


# --- BOMs written before the family contract (issue 14)
# The knowledge-base ids those versions could write into aibom:family / aibom:lineage.family, each
# with its model line (ids equal to their line, "gemma", "yi", "mistral", ..., need no entry). The
# set is closed: later versions write the line, so ids added to the knowledge base since never
# appear here. tests/test_lineage_family_contract.py checks it against the knowledge base.
LEGACY_FAMILY_IDS: dict[str, str] = {
    "chatglm": "glm",
    "command_r": "cohere",
    "deepseek_coder": "deepseek",
    "deepseek_llm": "deepseek",
    "deepseek_r1": "deepseek",
    "deepseek_v2": "deepseek",
    "deepseek_v3": "deepseek",
    "ernie45": "ernie",
    "gemma4": "gemma",
    "glm4": "glm",
    "glm45": "glm",
    "llama2": "llama",
    "llama3": "llama",
    "llama4": "llama",
    "qwen1": "qwen",
    "qwen1_5": "qwen",
    "qwen2": "qwen",
    "qwen2_5": "qwen",
    "qwen3": "qwen",
    "qwen_vl": "qwen",
    "qwq": "qwen",
    "seed_oss": "seed",
}
