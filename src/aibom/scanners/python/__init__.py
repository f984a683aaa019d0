"""Python front-end layers below :mod:`aibom.scanners.python_source` (the recognisers).

* :mod:`~aibom.scanners.python_resolve` - binder/evaluator: bindings, scopes, constant folding.
* :mod:`~aibom.scanners.python.arguments` - which argument names the model, resolved to strings.
* :mod:`~aibom.scanners.python.emission` - findings and diagnostics for resolved values.

Recognisers (``python_source``) are driven by ``knowledge/data/sdk_python.yaml``.
May import: :mod:`aibom.scanners.python_resolve`, :mod:`aibom.knowledge`, :mod:`aibom.inventory`.
"""
