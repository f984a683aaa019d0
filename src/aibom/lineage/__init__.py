"""Lineage: what each model descends from, back to its foundation family, developer and country.

Owns: the families knowledge base and its release x size signatures, re-upload/path naming and
organisations (``data/*.yaml`` with typed loaders), fingerprint inference, the resolver
(declared and inferred lineage, licence inheritance), the opt-in hub client and lineage renderers.
May import: ``inventory``, ``knowledge``, ``licenses``, ``modelfacts``, ``weights``, ``cachedir``
and ``yamlio``; never scanners, bom, policy, report or anything above them.
"""
