"""Where lineage comes from beyond the scanned tree: the local Hugging Face cache, and the hub.

* The local cache (``huggingface_hub.scan_cache_dir``) is read offline: a cached snapshot of a
  base model gives its card, config and tokenizer files exactly as a local directory would.
* The hub API is used only when ``online`` is set: ``HfApi.model_info`` and the README of each
  referenced model, through the real ``huggingface_hub`` client (``HF_ENDPOINT`` and ``HF_TOKEN``
  respected). Every answer is kept as JSON under the cache directory, so a second run makes no
  request. Any failure becomes a diagnostic (code ``online-failed``) and the offline result stands.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from aibom.cachedir import default_cache_dir
from aibom.inventory import Diagnostic, LocalModelFacts, is_hub_id
from aibom.modelfacts.directory import MAX_CARD_TEXT, parse_front_matter
from aibom.modelfacts.hf_cache import (
    CachedSnapshot,
    list_cached_models,
    read_snapshot_facts,
)

MAX_README = 256 * 1024
CACHE_VERSION = 1
_SHA = re.compile(r"^[0-9a-f]{40}$")


def default_hub_cache_dir() -> Path:
    """Where hub responses are kept: ``hub/`` in aibom's cache directory."""
    return default_cache_dir() / "hub"


def _facts_from_record(rec: dict[str, Any]) -> LocalModelFacts:
    """LocalModelFacts from a cached hub answer (card data, config subset, README body)."""
    facts = LocalModelFacts()
    card = rec.get("card_data")
    facts.card = card if isinstance(card, dict) else None
    config = rec.get("config")
    if isinstance(config, dict):
        facts.config = config
        tok = config.get("tokenizer_config")
        if isinstance(tok, dict):
            facts.tokenizer_config = tok
            tmpl = tok.get("chat_template")
            if isinstance(tmpl, str):
                facts.chat_template = tmpl
    readme = rec.get("readme")
    if isinstance(readme, str):
        front, body, _ = parse_front_matter(readme)
        facts.card_text = body[:MAX_CARD_TEXT]
        if facts.card is None and isinstance(front, dict):
            facts.card = front
    siblings = rec.get("siblings")
    if isinstance(siblings, list):
        facts.files = sorted(str(s) for s in siblings if isinstance(s, str))[:2000]
    return facts


class HubSource:
    """Look-ups of hub ids outside the scanned tree: the local HF cache, then (opt-in) the hub."""

    def __init__(
        self,
        *,
        online: bool = False,
        hf_cache: bool = True,
        cache_dir: Path | None = None,
        hf_cache_dir: Path | None = None,
    ) -> None:
        self.online = online
        self.use_hf_cache = hf_cache
        self.cache_dir = cache_dir or default_hub_cache_dir()
        self.hf_cache_dir = hf_cache_dir
        self.diagnostics: list[Diagnostic] = []
        self.requests = 0  # network requests made (for tests and the summary)
        self._snapshots: dict[str, list[CachedSnapshot]] | None = None
        self._facts: dict[tuple[str, str | None], tuple[LocalModelFacts, str] | None] = {}
        self._network_down = False

    # -- local Hugging Face cache ----------------------------------------------------------

    def snapshots(self) -> dict[str, list[CachedSnapshot]]:
        """Cached model snapshots by lowercased repo id."""
        if self._snapshots is None:
            self._snapshots = {}
            if self.use_hf_cache:
                snaps, diags = list_cached_models(self.hf_cache_dir)
                self.diagnostics.extend(diags)
                for s in snaps:
                    self._snapshots.setdefault(s.repo_id.lower(), []).append(s)
        return self._snapshots

    def cached_snapshot(self, hub_id: str, revision: str | None = None) -> CachedSnapshot | None:
        """The cached snapshot of ``hub_id`` at ``revision`` (commit, its prefix or a ref); else main/newest."""
        snaps = self.snapshots().get(hub_id.lower())
        if not snaps:
            return None
        if revision:
            for s in snaps:
                if s.commit.startswith(revision.lower()) or revision in s.refs:
                    return s
            return None
        return snaps[0]

    # -- facts about a hub id ------------------------------------------------------------------

    def facts_for(
        self, hub_id: str, revision: str | None = None
    ) -> tuple[LocalModelFacts, str] | None:
        """Facts about a hub model and where they came from ("hf-cache" / "hub"), or None."""
        key = (hub_id.lower(), revision)
        if key in self._facts:
            return self._facts[key]
        result: tuple[LocalModelFacts, str] | None = None
        snap = self.cached_snapshot(hub_id, revision)
        if snap is not None:
            label = f"hf-cache:{snap.repo_id}@{snap.commit[:12]}"
            try:
                facts, diags = read_snapshot_facts(snap.path, label)
                self.diagnostics.extend(diags)
                result = (facts, f"local Hugging Face cache ({snap.repo_id}@{snap.commit[:12]})")
            except (OSError, ValueError) as exc:
                self.diagnostics.append(
                    Diagnostic(label, f"cannot read cached snapshot: {exc}", code="hf-cache")
                )
        if result is None:
            rec = self.remote(hub_id, revision)
            if rec is not None and not rec.get("missing"):
                result = (_facts_from_record(rec), f"Hugging Face hub ({hub_id})")
        self._facts[key] = result
        return result

    # -- the hub API (opt-in), cached on disk ------------------------------------------------------

    def _cache_file(self, hub_id: str, revision: str | None) -> Path:
        endpoint = os.environ.get("HF_ENDPOINT") or "https://huggingface.co"
        ident = f"{endpoint.rstrip('/')}|{hub_id.lower()}|{revision or 'main'}"
        digest = hashlib.sha256(ident.encode()).hexdigest()[:16]
        safe = re.sub(r"[^A-Za-z0-9._-]+", "--", hub_id)[:120]
        return self.cache_dir / "models" / f"{safe}@{digest}.json"

    def _load_cached(self, path: Path) -> dict[str, Any] | None:
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return None
        return data

    def _store(self, path: Path, rec: dict[str, Any]) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(rec, fh, sort_keys=True, default=str)
            os.replace(tmp, path)
        except OSError as exc:
            self.diagnostics.append(
                Diagnostic(
                    str(path),
                    f"cannot write the hub cache: {exc}",
                    code="online-cache",
                    level="info",
                )
            )

    def remote(self, hub_id: str, revision: str | None = None) -> dict[str, Any] | None:
        """The hub's answer for ``hub_id`` (from the on-disk cache, or fetched when online)."""
        if not is_hub_id(hub_id):
            return None
        path = self._cache_file(hub_id, revision)
        cached = self._load_cached(path)
        if cached is not None:
            return cached
        if not self.online or self._network_down:
            return None
        if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
            self._fail(
                hub_id, "HF_HUB_OFFLINE is set; online lookups skipped", down=True, level="info"
            )
            return None
        rec = self._fetch(hub_id, revision)
        if rec is not None:
            self._store(path, rec)
        return rec

    def _fail(self, hub_id: str, message: str, *, down: bool, level: str = "warning") -> None:
        self.diagnostics.append(Diagnostic(hub_id, message, code="online-failed", level=level))
        if down:
            self._network_down = True

    def _fetch(self, hub_id: str, revision: str | None) -> dict[str, Any] | None:
        from huggingface_hub import HfApi, hf_hub_download
        from huggingface_hub.errors import (
            EntryNotFoundError,
            GatedRepoError,
            HfHubHTTPError,
            OfflineModeIsEnabled,
            RepositoryNotFoundError,
            RevisionNotFoundError,
        )

        endpoint = os.environ.get("HF_ENDPOINT") or None
        token = os.environ.get("HF_TOKEN") or None
        api = HfApi(endpoint=endpoint, token=token)
        try:
            self.requests += 1
            info = api.model_info(hub_id, revision=revision, timeout=20)
        except GatedRepoError:
            self._fail(
                hub_id,
                "online lookup: gated repository (set HF_TOKEN with access)",
                down=False,
                level="info",
            )
            return None
        except (RepositoryNotFoundError, RevisionNotFoundError) as exc:
            self._fail(
                hub_id,
                f"online lookup: not found on the hub ({type(exc).__name__})",
                down=False,
                level="info",
            )
            return {"version": CACHE_VERSION, "id": hub_id, "missing": True}
        except OfflineModeIsEnabled:
            self._fail(
                hub_id,
                "online lookup skipped: huggingface_hub is in offline mode",
                down=True,
                level="info",
            )
            return None
        except (HfHubHTTPError, OSError, ValueError) as exc:
            self._fail(
                hub_id,
                f"online lookup failed, using offline lineage: {type(exc).__name__}: {exc}",
                down=True,
            )
            return None
        except Exception as exc:  # the client may raise transport errors of its HTTP library
            self._fail(
                hub_id,
                f"online lookup failed, using offline lineage: {type(exc).__name__}: {exc}",
                down=True,
            )
            return None
        card = getattr(info, "card_data", None)
        siblings = [s.rfilename for s in (info.siblings or [])]
        rec: dict[str, Any] = {
            "version": CACHE_VERSION,
            "id": info.id or hub_id,
            "sha": info.sha,
            "card_data": card.to_dict() if card is not None else None,
            "config": info.config if isinstance(info.config, dict) else None,
            "tags": sorted(info.tags or []),
            "siblings": sorted(siblings),
            "readme": None,
        }
        if "README.md" in siblings or not siblings:
            try:
                self.requests += 1
                local = hf_hub_download(
                    hub_id,
                    "README.md",
                    revision=info.sha if info.sha and _SHA.match(info.sha) else revision,
                    endpoint=endpoint,
                    token=token,
                    cache_dir=self.cache_dir / "hf",
                    etag_timeout=20,
                )
                with open(local, "rb") as fh:
                    rec["readme"] = fh.read(MAX_README).decode("utf-8", "replace")
            except EntryNotFoundError:
                pass
            except Exception as exc:
                self._fail(
                    hub_id,
                    f"online lookup: README.md not fetched: {type(exc).__name__}: {exc}",
                    down=False,
                )
        return rec
