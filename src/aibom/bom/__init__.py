"""The CycloneDX AI-BOM: building it, writing it, and reading any BOM back.

Owns: ``build`` (inventory + lineage -> cyclonedx model), ``serialize`` (JSON/XML, schema
validation), ``properties`` (every ``aibom:`` property name: the output contract) and
``read`` (one typed view of any CycloneDX JSON BOM, for policy, report, diff and lineage).

May import: ``inventory``, ``lineage`` (types), ``licenses``. ``read`` imports only
``properties``, so every consumer of BOMs can depend on it without pulling in the builder.
"""
