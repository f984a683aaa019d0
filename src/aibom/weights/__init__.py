"""Weight files: read their headers (never their tensors), flag code-executing pickles, hash them.

May import: ``inventory``, ``knowledge`` (pickle globals), the bottom-layer helpers beside
``inventory`` and the standard library; never scanners, lineage, bom or anything above them.

Public API (used by the model-directory scanner)::

    WEIGHT_SUFFIXES                      # suffixes that name weight files
    is_weight_file(name) -> bool         # by name; every ".bin" counts, content decides
    read_weight_file(path, rel) -> (WeightFile | None, [Diagnostic])
    data_pickle_modules(wf) -> [str]     # the data modules of a pickle holding only data, or []
    read_safetensors_index(path, rel) -> (dict | None, [Diagnostic])
    hash_files(files, cache_dir=, jobs=, progress=) -> ({rel: sha256}, [Diagnostic])

Formats (``WeightFile.format``): ``safetensors``, ``gguf``, ``ggml`` (legacy
llama.cpp), ``onnx``, ``pytorch`` (zip and legacy checkpoints, TorchScript),
``keras`` (``.keras`` zip, or ``.h5`` holding a Keras ``model_config``),
``hdf5`` (other ``.h5``), ``numpy`` (``.npy``/``.npz``), ``pickle``
(``.pkl``/``.pickle``/``.joblib``/``.dill``, compressed or not), ``tesseract``
(Tesseract OCR models, ``.traineddata`` and tesseract.js's ``.traineddata.gz``: name and
size only; ``compression`` for the gzipped form). Nothing is ever
unpickled, imported or executed; pickles are walked opcode by opcode
(:mod:`aibom.weights.pickle_opcodes`).

``WeightFile`` fields: ``parameters`` is the element count of all tensors/storages
(packed quantized tensors count as stored); ``dtypes`` are canonical lower-case
names (``bfloat16``, ``float32``, ``int8``; GGUF quantized types keep their GGML
names such as ``Q4_K``); ``quantization`` is the GGUF file type (``Q4_K_M``; the
most common tensor type when ``general.file_type`` is absent) or a scheme visible
in safetensors names/dtypes (``gptq``, ``awq``, ``bnb-nf4``, ``bnb-fp4``,
``bnb-int8``, ``fp8``, ``fp4``); ``imports`` are all pickle globals / Keras config
objects as ``module.name`` and ``dangerous_imports`` the dangerous subset;
``unsafe`` is true when there is any dangerous import (or a Keras Lambda layer).

``WeightFile.metadata`` (JSON-serialisable, bounded) by format:

* safetensors: ``tensor_count``, ``header_bytes``, ``__metadata__`` (str -> str, values cut at 16 KiB).
* gguf: every metadata key as GGUF names it (``general.architecture``, ``general.name``,
  ``general.basename``, ``general.base_model.*``, ``tokenizer.ggml.model``,
  ``tokenizer.ggml.pre``, ``tokenizer.chat_template`` cut at 64 KiB, ...); arrays of
  more than 64 elements (``tokenizer.ggml.tokens``, ``merges``, ...) are replaced by
  their length (an int); plus ``gguf.version``, ``gguf.tensor_count``, ``gguf.endian``
  (only when big-endian).
* onnx: ``ir_version``, ``producer_name``, ``producer_version``, ``domain``,
  ``model_version``, ``doc_string``, ``opset_import`` (domain -> version, ``ai.onnx``
  for the default domain), ``metadata_props``, ``graph_name``, ``node_count``,
  ``initializer_count``, ``external_data_tensors``.
* pytorch: ``archive``, ``members`` (without ``data/<key>``), ``member_count``,
  ``data_member_count``, ``version``, ``byteorder``, ``torchscript``,
  ``pickle_members``, ``pickle_protocol``, ``storage_count``; legacy files:
  ``legacy``, ``protocol_version``.
* keras/hdf5: ``keras_version``, ``date_saved``, ``model_class``, ``layer_count``,
  ``members`` (.keras); ``keras_model_config`` (.h5).
* numpy: ``shape``, ``descr``, ``fortran_order`` (.npy); ``arrays``, ``array_count`` (.npz);
  ``needs_pickle`` for object arrays.
* pickle: ``pickle_protocol``, ``pickle_count``, ``compression``, ``joblib``, ``joblib_arrays``.
* any pickle-bearing file: ``pickle_complete`` (false when the walk stopped early)
  and ``unknown_imports`` (globals neither known safe nor dangerous).

Diagnostic codes (``Diagnostic.code``; ``path`` is always the file's ``rel``):

``weights-unreadable``
    the file (or the hash cache) cannot be opened or read (OS error).
``weights-truncated``
    the file ends before a length its header declares (header, tensor data, argument).
``weights-bad-magic``
    the content is not the format its name says (wrong magic / structure).
``weights-header-too-large``
    a header, member or count exceeds a safety limit (e.g. safetensors header over
    100 MB, more than 100k GGUF metadata entries); the file is not read further.
``weights-corrupt``
    the header is malformed (invalid JSON, bad protobuf tag, pickle stack underflow, ...).
``weights-zip-bomb`` (level ``error``)
    a zip member expands implausibly (ratio over 200 for a member over 16 MiB); not read.
``weights-incomplete``
    a scan limit was reached (opcodes, bytes, members) or joblib array data interrupts
    the pickle; what was found before is reported, the rest was not checked.
``weights-data-pickle`` (level ``info``, from the model-directory scanner)
    a pickle outside a model directory imports only data classes (``data_pickle_modules``):
    it is reported as this diagnostic, not as a model.
``weights-data-array`` (level ``info``, from the model-directory scanner)
    a lone ``.npy`` file holding one plain array (``is_data_array``: a speaker embedding, a
    filter bank) is data, not a model; an object array (a pickle) stays a model.
``weights-unsafe`` (level ``error``)
    loading the file would run code: the message names the dangerous pickle globals
    or the Keras Lambda layer / dangerous config objects.
"""

from __future__ import annotations

from aibom.weights.common import DIAGNOSTIC_CODES
from aibom.weights.detect import WEIGHT_SUFFIXES, is_weight_file, read_weight_file
from aibom.weights.hashing import hash_files, hf_blob_sha256
from aibom.weights.numpy_files import is_data_array
from aibom.weights.pickle_opcodes import classify_global, data_pickle_modules, scan_pickle
from aibom.weights.safetensors import read_safetensors_index

__all__ = [
    "DIAGNOSTIC_CODES",
    "WEIGHT_SUFFIXES",
    "classify_global",
    "data_pickle_modules",
    "hash_files",
    "hf_blob_sha256",
    "is_data_array",
    "is_weight_file",
    "read_safetensors_index",
    "read_weight_file",
    "scan_pickle",
]
