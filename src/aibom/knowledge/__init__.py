"""Knowledge layer: every table the scanners and lineage consult, as reviewed YAML data.

Owns ``knowledge/data/*.yaml`` (providers and their per-ecosystem aliases,
Ollama library names, AI packages, serving frameworks, ...), the one typed,
validated loader for them (:mod:`aibom.knowledge.tables`), provider look-ups
(:mod:`aibom.knowledge.providers`) and the one classifier that answers "what is
this string?" (:mod:`aibom.knowledge.classify`).

May import: the standard library, :mod:`aibom.yamlio` and :mod:`aibom.inventory`
(finding/model-kind types). Never scanners, lineage, bom, policy or report.
"""
