"""Upload a CycloneDX BOM to OWASP Dependency-Track through its documented REST API.

``PUT /api/v1/bom`` takes a JSON body with the project (``project`` UUID, or ``projectName`` +
``projectVersion``, optionally ``autoCreate`` with ``parentUUID`` or ``parentName`` +
``parentVersion``) and the BOM as base64 in ``bom``; it answers ``{"token": uuid}``. Processing
is asynchronous: ``GET /api/v1/event/token/{uuid}`` answers ``{"processing": bool}`` (servers
before 4.11 only have the older ``GET /api/v1/bom/token/{uuid}``). Authentication is the
``X-Api-Key`` header. CycloneDX 1.6 is accepted from Dependency-Track 4.11.4 on.

What Dependency-Track keeps of a component (4.11-4.13 ``ModelConverter``): name, version, purl,
type (``MACHINE_LEARNING_MODEL``, ``DATA``), publisher, supplier, licences, hashes, external
references, nested components and *properties* (split at the first ``:`` into group ``aibom``
and name, values of at most 1024 characters without control characters). It drops a
component's ``manufacturer``, ``pedigree`` (the lineage), ``modelCard`` and ``evidence``, and
the properties of services (and the provider's address). :func:`prepare_for_dependency_track` therefore copies the facts
that would be lost into what it keeps, without changing the BOM file on disk.
"""

from __future__ import annotations

import base64
import copy
import functools
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from aibom.bom import properties as P

# Dependency-Track's documented limit for the base64 ``bom`` value of ``PUT /api/v1/bom``.
MAX_BASE64_CHARS = 20_000_000
# Dependency-Track's column size for a component property value.
MAX_PROPERTY_VALUE = 1024
DT_ANCESTOR = "aibom:lineage.ancestor"  # upload copy only: one per pedigree ancestor

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})


class PublishError(Exception):
    """An upload that did not succeed; the message says what to change. Never holds the key."""


def is_uuid(value: str) -> bool:
    """True for a lowercase 36-character UUID, the form Dependency-Track accepts."""
    return bool(_UUID.match(value))


@dataclass(frozen=True)
class DtProject:
    """Which Dependency-Track project receives the BOM."""

    uuid: str | None = None
    name: str | None = None
    version: str | None = None
    auto_create: bool = False
    parent_uuid: str | None = None
    parent_name: str | None = None
    parent_version: str | None = None

    @classmethod
    def from_options(
        cls,
        project: str | None,
        version: str | None,
        parent: str | None,
        auto_create: bool,
        bom: dict[str, Any],
    ) -> DtProject:
        """Build the target from CLI options; name and version default to the BOM's project."""
        meta = bom.get("metadata", {}).get("component", {}) if isinstance(bom, dict) else {}
        parent_uuid = parent_name = parent_version = None
        if parent:
            if is_uuid(parent.lower()):
                parent_uuid = parent.lower()
            elif "@" in parent.strip("@"):
                parent_name, parent_version = parent.rsplit("@", 1)
            else:
                parent_name = parent
        if project and is_uuid(project.lower()):
            if auto_create or parent:
                raise PublishError(
                    "--auto-create and --parent need a project name and --version, not a UUID "
                    "(an existing project's UUID already says where the BOM goes)"
                )
            return cls(uuid=project.lower())
        name = project or meta.get("name")
        version = version or meta.get("version")
        if not name:
            raise PublishError("name the project: --project NAME (or a project UUID)")
        if not version:
            raise PublishError(
                f"project {name!r} needs a version: pass --version (e.g. --version main or "
                "--version $GITHUB_SHA), or a project UUID with --project"
            )
        if parent and not auto_create:
            raise PublishError(
                "--parent only applies when the project is created: add --auto-create"
            )
        return cls(
            name=name,
            version=version,
            auto_create=auto_create,
            parent_uuid=parent_uuid,
            parent_name=parent_name,
            parent_version=parent_version,
        )

    def describe(self) -> str:
        """How the project is named in messages."""
        return f"project {self.uuid}" if self.uuid else f"project {self.name!r} {self.version!r}"

    def request_fields(self) -> dict[str, Any]:
        """The project fields of the ``PUT /api/v1/bom`` body."""
        if self.uuid:
            return {"project": self.uuid}
        fields: dict[str, Any] = {
            "projectName": self.name,
            "projectVersion": self.version,
            "autoCreate": self.auto_create,
        }
        if self.parent_uuid:
            fields["parentUUID"] = self.parent_uuid
        elif self.parent_name:
            fields["parentName"] = self.parent_name
            if self.parent_version:
                fields["parentVersion"] = self.parent_version
        return fields


@dataclass(frozen=True)
class PublishResult:
    """What the server answered."""

    token: str
    processed: bool  # False when not waited for, or still processing at the deadline
    url: str


# --- the upload copy of the BOM ------------------------------------------------------------


def _walk_components(components: Any) -> Iterator[dict[str, Any]]:
    for comp in components if isinstance(components, list) else []:
        if isinstance(comp, dict):
            yield comp
            yield from _walk_components(comp.get("components"))


def _prop_values(comp: dict[str, Any], name: str) -> list[str]:
    return [
        str(p.get("value", ""))
        for p in comp.get("properties", [])
        if isinstance(p, dict) and p.get("name") == name
    ]


def _license_text(entry: dict[str, Any]) -> str:
    for lic in entry.get("licenses", []) if isinstance(entry.get("licenses"), list) else []:
        if not isinstance(lic, dict):
            continue
        if "expression" in lic:
            return str(lic["expression"])
        inner = lic.get("license", {})
        if isinstance(inner, dict) and (inner.get("id") or inner.get("name")):
            return str(inner.get("id") or inner.get("name"))
    return ""


def _ancestor_line(ancestor: dict[str, Any]) -> str:
    """``depth 1 adapter of Qwen/Qwen2.5-7B-Instruct (Apache-2.0, declared)``."""
    depth = (_prop_values(ancestor, P.ANCESTOR_DEPTH) or ["?"])[0]
    relation = (_prop_values(ancestor, P.RELATION) or ["base"])[0]
    source = (_prop_values(ancestor, P.LINEAGE_SOURCE) or [""])[0]
    detail = ", ".join(x for x in (_license_text(ancestor), source) if x)
    line = f"depth {depth} {relation} of {ancestor.get('name', '?')}"
    return f"{line} ({detail})" if detail else line


def _clean_value(value: Any) -> str:
    text = _CONTROL.sub(" ", str(value)).strip()
    if len(text) > MAX_PROPERTY_VALUE:
        text = text[: MAX_PROPERTY_VALUE - 15].rstrip() + " [truncated]"
    return text


def prepare_for_dependency_track(bom: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``bom`` whose lineage and origin survive Dependency-Track's import.

    * each pedigree ancestor becomes an ``aibom:lineage.ancestor`` property of its model
      (Dependency-Track drops ``pedigree``);
    * a model's ``manufacturer`` (the developer when the model is its own release) is also
      written as ``publisher``, which Dependency-Track shows (it drops ``manufacturer``);
    * a hosted API's provider country, models and clients go into its ``description``
      (Dependency-Track drops the properties of services and the provider's address);
    * property values lose control characters (chat templates) and are cut to 1024
      characters, the size of Dependency-Track's column, so one long value cannot fail the
      whole import; properties whose value becomes empty are dropped.
    """
    out = copy.deepcopy(bom)
    for comp in _walk_components(out.get("components")):
        props = [p for p in comp.get("properties", []) if isinstance(p, dict)]
        ancestors = comp.get("pedigree", {}).get("ancestors", [])
        for ancestor in ancestors if isinstance(ancestors, list) else []:
            if isinstance(ancestor, dict):
                props.append({"name": DT_ANCESTOR, "value": _ancestor_line(ancestor)})
        manufacturer = comp.get("manufacturer")
        if (
            isinstance(manufacturer, dict)
            and manufacturer.get("name")
            and not comp.get("publisher")
        ):
            comp["publisher"] = manufacturer["name"]
        cleaned = []
        for prop in props:
            value = _clean_value(prop.get("value", ""))
            if value and prop.get("name"):
                cleaned.append({"name": str(prop["name"])[:255], "value": value})
        if cleaned or "properties" in comp:
            comp["properties"] = cleaned
    for service in out.get("services", []) if isinstance(out.get("services"), list) else []:
        if isinstance(service, dict) and not service.get("description"):
            service["description"] = _service_summary(service)
    return out


def _service_summary(service: dict[str, Any]) -> str:
    """``hosted model API; provider country CN; models deepseek-chat; clients openai``."""
    parts = ["hosted model API"]
    for label, name in (
        ("provider country", P.SERVICE_COUNTRY),
        ("models", P.SERVICE_MODEL),
        ("clients", P.SERVICE_CLIENT),
    ):
        values = _prop_values(service, name)
        if values:
            parts.append(f"{label} {', '.join(values)}")
    return _clean_value("; ".join(parts))


# --- HTTP -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Answer:
    status: int
    body: bytes
    content_type: str


def _request(method: str, url: str, api_key: str, body: bytes | None, timeout: float) -> _Answer:
    headers = {"X-Api-Key": api_key, "Accept": "application/json", "User-Agent": "aibom"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return _Answer(resp.status, resp.read(), resp.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as exc:
        data = exc.read() if exc.fp is not None else b""
        return _Answer(exc.code, data, exc.headers.get("Content-Type", "") if exc.headers else "")


def _server_says(answer: _Answer) -> str:
    """The server's own explanation: RFC 9457 problem details or a short plain body."""
    text = answer.body.decode("utf-8", "replace").strip()
    if "json" in answer.content_type:
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
        if isinstance(doc, dict):
            parts = [str(doc.get(k)) for k in ("title", "detail") if doc.get(k)]
            errors = doc.get("errors")
            if isinstance(errors, list):
                parts.extend(str(e) for e in errors[:5])
            return "; ".join(parts)
    return text[:300]


def _explain(answer: _Answer, url: str, target: DtProject) -> PublishError:
    said = _server_says(answer)
    status = answer.status
    if status == 401:
        if "permission to create project" in said:
            return PublishError(
                f"Dependency-Track refused to create {target.describe()} (401): the API key's "
                "team needs the PORTFOLIO_MANAGEMENT or PROJECT_CREATION_UPLOAD permission, "
                "or create the project first and drop --auto-create"
            )
        return PublishError(
            "Dependency-Track rejected the API key (401 Unauthorized): check --api-key or "
            "AIBOM_DT_API_KEY (a key of a team with the BOM_UPLOAD permission)"
        )
    if status == 403:
        return PublishError(
            f"Dependency-Track denied access to {target.describe()} (403 Forbidden): "
            f"{said or 'no access'}. Give the API key's team access to the project "
            "(portfolio access control) or the BOM_UPLOAD permission"
        )
    if status == 404:
        if "parent" in said.lower():
            return PublishError(
                f"the parent project given with --parent was not found (404): {said}. "
                "Check its UUID, or NAME@VERSION as shown in Dependency-Track"
            )
        if "project" in said.lower():
            hint = (
                "create it in Dependency-Track or add --auto-create"
                if not target.uuid
                else "check the UUID in the project's URL in Dependency-Track"
            )
            return PublishError(f"{target.describe()} not found (404): {hint}")
        return PublishError(
            f"{url} not found (404): --url must be the API server (e.g. http://dtrack:8081 "
            "or https://dtrack.example.com), not the frontend"
        )
    if status == 413:
        return PublishError(
            "the server refused the BOM as too large (413 Payload Too Large): raise the "
            "request body limit of Dependency-Track's reverse proxy (e.g. nginx "
            "client_max_body_size), or scan with --no-hash/--exclude to shrink the BOM"
        )
    if status == 400:
        return PublishError(f"Dependency-Track rejected the BOM (400 Bad Request): {said}")
    return PublishError(f"Dependency-Track answered {status} for {url}: {said or 'no details'}")


def _with_retries(
    call: Callable[[], _Answer],
    url: str,
    retries: int,
    sleep: Callable[[float], None],
) -> _Answer:
    """Call, retrying network failures and 408/429/5xx with exponential backoff (bounded)."""
    delay = 1.0
    for attempt in range(retries + 1):
        last = attempt == retries
        try:
            answer = call()
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            if last:
                reason = getattr(exc, "reason", exc)
                raise PublishError(
                    f"cannot reach Dependency-Track at {url}: {reason}. Check --url (scheme, "
                    "host and port of the API server) and that this machine can reach it"
                ) from None
        else:
            if answer.status not in _RETRY_STATUS or last:
                return answer
        sleep(min(delay, 30.0))
        delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def publish_to_dependency_track(
    bom: dict[str, Any],
    base_url: str,
    api_key: str,
    target: DtProject,
    *,
    wait: bool = True,
    poll_interval: float = 1.0,
    poll_timeout: float = 300.0,
    timeout: float = 60.0,
    retries: int = 3,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> PublishResult:
    """Upload ``bom`` (a CycloneDX JSON dict) and, with ``wait``, poll until it is processed.

    Retrying the upload is safe: a second upload of the same BOM replaces the first.
    Raises :class:`PublishError` with the fix for every failure; the key is never in it.
    """
    if not api_key:
        raise PublishError("no API key: pass --api-key or set AIBOM_DT_API_KEY")
    if not re.match(r"^https?://", base_url):
        raise PublishError(f"--url must start with http:// or https://, not {base_url!r}")
    base = base_url.rstrip("/")
    if base.endswith("/api"):
        base = base[: -len("/api")]
    encoded = base64.b64encode(
        json.dumps(prepare_for_dependency_track(bom), ensure_ascii=False).encode("utf-8")
    ).decode("ascii")
    if len(encoded) > MAX_BASE64_CHARS:
        raise PublishError(
            f"the BOM is {len(encoded):,} base64 characters; Dependency-Track's PUT /api/v1/bom "
            f"accepts at most {MAX_BASE64_CHARS:,}: scan with --no-hash/--exclude to shrink it"
        )
    body = json.dumps({**target.request_fields(), "bom": encoded}).encode("utf-8")
    url = f"{base}/api/v1/bom"
    answer = _with_retries(
        lambda: _request("PUT", url, api_key, body, timeout), url, retries, sleep
    )
    if answer.status != 200:
        raise _explain(answer, url, target)
    try:
        token = str(json.loads(answer.body)["token"])
    except (ValueError, KeyError, TypeError):
        raise PublishError(
            f"{url} answered 200 without a processing token: is --url a Dependency-Track "
            "API server?"
        ) from None
    if not wait:
        return PublishResult(token=token, processed=False, url=base)
    return PublishResult(
        token=token,
        processed=_wait_processed(
            base, api_key, token, poll_interval, poll_timeout, timeout, retries, sleep, clock
        ),
        url=base,
    )


def _wait_processed(
    base: str,
    api_key: str,
    token: str,
    interval: float,
    deadline_s: float,
    timeout: float,
    retries: int,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> bool:
    """Poll the token until the server says it is no longer processing; False at the deadline."""
    url = f"{base}/api/v1/event/token/{token}"
    legacy = False
    deadline = clock() + deadline_s
    while True:
        poll_url = f"{base}/api/v1/bom/token/{token}" if legacy else url
        answer = _with_retries(
            functools.partial(_request, "GET", poll_url, api_key, None, timeout),
            poll_url,
            retries,
            sleep,
        )
        if answer.status == 404 and not legacy:
            legacy = True  # Dependency-Track before 4.11 only has /api/v1/bom/token/{uuid}
            continue
        if answer.status != 200:
            raise PublishError(
                f"the BOM was accepted (token {token}) but polling {poll_url} failed: "
                f"{answer.status} {_server_says(answer)}"
            )
        try:
            processing = bool(json.loads(answer.body)["processing"])
        except (ValueError, KeyError, TypeError):
            raise PublishError(f"{poll_url} answered without a 'processing' field") from None
        if not processing:
            return True
        if clock() >= deadline:
            return False
        sleep(interval)
