"""`aibom publish --to dependency-track` against a loopback server that checks what Dependency-Track checks.

The stub implements ``PUT /api/v1/bom`` and ``GET /api/v1/event/token/{uuid}`` as documented
(BomResource / BomSubmitRequest / EventResource of Dependency-Track 4.11-4.13): the
``X-Api-Key`` header, the JSON content type, the base64 pattern of ``bom``, the project fields
and their UUID pattern, the autoCreate rules with their permissions and parent lookup, the
CycloneDX schema validation of the decoded BOM, and a 413 from a proxy body limit.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import scan_to_bom
from typer.testing import CliRunner

from aibom.cli import app
from aibom.integrations import (
    DtProject,
    PublishError,
    prepare_for_dependency_track,
    publish_to_dependency_track,
)
from aibom.integrations.dependency_track import DT_ANCESTOR, MAX_PROPERTY_VALUE

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rag-service"
KEY = "odt_s3cretKeyValue0123456789"
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
BASE64_RE = re.compile(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")


@dataclass
class DtState:
    """The server's database and knobs."""

    projects: dict[str, dict[str, Any]] = field(default_factory=dict)  # uuid -> project
    boms: dict[str, dict[str, Any]] = field(default_factory=dict)  # project uuid -> last BOM
    tokens: dict[str, int] = field(default_factory=dict)  # token -> polls left "processing"
    can_create: bool = True
    forbidden: set[str] = field(default_factory=set)  # project uuids the key may not touch
    accepted_specs: tuple[str, ...] = ("1.2", "1.3", "1.4", "1.5", "1.6")  # 4.11.4+
    max_body: int = 50_000_000
    fail_next: int = 0  # answer 503 to this many requests first
    polls_processing: int = 2
    requests: list[tuple[str, str]] = field(default_factory=list)
    has_event_endpoint: bool = True

    def add_project(self, name: str, version: str) -> str:
        project_uuid = str(uuid.UUID(int=len(self.projects) + 1))
        self.projects[project_uuid] = {"name": name, "version": version, "parent": None}
        return project_uuid

    def find(self, name: str | None, version: str | None) -> str | None:
        for project_uuid, p in self.projects.items():
            if p["name"] == name and p["version"] == version:
                return project_uuid
        return None


def _validate_cyclonedx(data: bytes) -> str | None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    doc = json.loads(data)
    version = {"1.5": SchemaVersion.V1_5, "1.6": SchemaVersion.V1_6}[doc["specVersion"]]
    error = JsonStrictValidator(version).validate_str(data.decode("utf-8"))
    return None if error is None else str(error)


class _Handler(BaseHTTPRequestHandler):
    state: DtState

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: Any = None, content_type: str = "application/json") -> None:
        data = b""
        if body is not None:
            data = (json.dumps(body) if not isinstance(body, str) else body).encode()
        self.send_response(status)
        if data:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _guard(self) -> bool:
        self.state.requests.append((self.command, self.path))
        if self.state.fail_next > 0:
            self.state.fail_next -= 1
            self._send(503, "Service Unavailable", "text/plain")
            return False
        if self.headers.get("X-Api-Key") != KEY:
            self._send(401)
            return False
        return True

    def do_GET(self) -> None:
        if not self._guard():
            return
        match = re.fullmatch(r"/api/v1/(event|bom)/token/([0-9a-f-]+)", self.path)
        if not match or (match.group(1) == "event" and not self.state.has_event_endpoint):
            self._send(404, "Not Found", "text/plain")
            return
        left = self.state.tokens.get(match.group(2), 0)
        self.state.tokens[match.group(2)] = max(0, left - 1)
        self._send(200, {"processing": left > 0})

    def do_PUT(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        if length > self.state.max_body:
            self.state.requests.append((self.command, self.path))
            self._send(413, "<html>413 Request Entity Too Large</html>", "text/html")
            return
        raw = self.rfile.read(length)
        if not self._guard():
            return
        if self.path != "/api/v1/bom":
            self._send(404, "Not Found", "text/plain")
            return
        if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
            self._send(415, "Unsupported Media Type", "text/plain")
            return
        try:
            body = json.loads(raw)
        except ValueError:
            self._send(400, "Malformed JSON", "text/plain")
            return
        bom = body.get("bom")
        if not isinstance(bom, str) or not BASE64_RE.match(bom):
            self._send(400, [{"message": "The BOM must be Base64 encoded"}])
            return
        st = self.state
        if body.get("project") is not None:
            if not UUID_RE.match(body["project"]):
                self._send(400, [{"message": "The project must be a valid 36 character UUID"}])
                return
            project_uuid: str | None = body["project"] if body["project"] in st.projects else None
        else:
            name, version = body.get("projectName"), body.get("projectVersion")
            if not (name or "").strip() or not (version or "").strip():
                self._send(400, [{"message": "projectName and projectVersion must not be blank"}])
                return
            project_uuid = st.find(name, version)
            if project_uuid is None and body.get("autoCreate") is True:
                if not st.can_create:
                    self._send(
                        401,
                        "The principal does not have permission to create project.",
                        "text/plain",
                    )
                    return
                parent = None
                if body.get("parentUUID") is not None:
                    parent = body["parentUUID"] if body["parentUUID"] in st.projects else None
                    missing = parent is None
                elif body.get("parentName") is not None:
                    parent = st.find(body["parentName"], body.get("parentVersion"))
                    missing = parent is None
                else:
                    missing = False
                if missing:
                    self._send(404, "The parent component could not be found.", "text/plain")
                    return
                project_uuid = st.add_project(name, version)
                st.projects[project_uuid]["parent"] = parent
        if project_uuid is None:
            self._send(404, "The project could not be found.", "text/plain")
            return
        if project_uuid in st.forbidden:
            self._send(403, "Access to the specified project is forbidden", "text/plain")
            return
        decoded = base64.b64decode(bom)
        doc = json.loads(decoded)
        if doc.get("specVersion") not in st.accepted_specs:
            self._send(
                400,
                {
                    "status": 400,
                    "title": "The uploaded BOM is invalid",
                    "detail": "Schema validation failed",
                    "errors": [f"Unsupported CycloneDX specVersion {doc.get('specVersion')}"],
                },
                "application/problem+json",
            )
            return
        error = _validate_cyclonedx(decoded)
        if error:
            self._send(
                400,
                {"status": 400, "title": "The uploaded BOM is invalid", "errors": [error]},
                "application/problem+json",
            )
            return
        st.boms[project_uuid] = doc
        token = str(uuid.uuid4())
        st.tokens[token] = st.polls_processing
        self._send(200, {"token": token})


@pytest.fixture
def dtrack() -> Iterator[tuple[str, DtState]]:
    state = DtState()
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def bom() -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("HF_HOME", "/nonexistent-aibom-test-hf-home")
        return scan_to_bom(EXAMPLE)


def _no_sleep(_: float) -> None:
    pass


def _model(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in doc["components"] if c.get("bom-ref") == name)


def _prop_values(comp: dict[str, Any], name: str) -> list[str]:
    return [p["value"] for p in comp.get("properties", []) if p["name"] == name]


def test_upload_round_trip_creates_project_under_parent_and_waits(
    dtrack: tuple[str, DtState], bom: dict[str, Any]
) -> None:
    url, state = dtrack
    parent = state.add_project("platform", "2026")
    target = DtProject.from_options("rag-service", "main", "platform@2026", True, bom)
    result = publish_to_dependency_track(bom, url, KEY, target, sleep=_no_sleep)

    assert result.processed
    created = state.find("rag-service", "main")
    assert created and state.projects[created]["parent"] == parent
    uploaded = state.boms[created]
    assert uploaded["specVersion"] == "1.6"
    # the lineage survives as properties Dependency-Track keeps
    lora = _model(uploaded, "model:local:models/support-bot-lora")
    assert _prop_values(lora, DT_ANCESTOR) == [
        "depth 1 adapter of Qwen/Qwen2.5-7B-Instruct (Apache-2.0, declared)",
        "depth 2 finetune of Qwen/Qwen2.5-7B (Apache-2.0, inferred)",
    ]
    assert _prop_values(lora, "aibom:origin.country") == ["CN"]
    deepseek = next(s for s in uploaded["services"] if s["name"].startswith("DeepSeek"))
    assert deepseek["description"] == (
        "hosted model API; provider country CN; models deepseek-chat; clients openai"
    )
    # two polls answered "processing", the third "done"
    polls = [p for m, p in state.requests if m == "GET"]
    assert len(polls) == 3 and all(p.startswith("/api/v1/event/token/") for p in polls)


def test_upload_to_existing_project_by_uuid(
    dtrack: tuple[str, DtState], bom: dict[str, Any]
) -> None:
    url, state = dtrack
    project_uuid = state.add_project("rag-service", "1.0")
    target = DtProject.from_options(project_uuid, None, None, False, bom)
    result = publish_to_dependency_track(bom, url, KEY, target, wait=False, sleep=_no_sleep)
    assert not result.processed and UUID_RE.match(result.token)
    assert state.boms[project_uuid]["serialNumber"] == bom["serialNumber"]
    assert not [r for r in state.requests if r[0] == "GET"]


def test_manufacturer_becomes_publisher_and_values_fit_the_column(bom: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(bom))
    qwen = _model(doc, "model:hub:Qwen/Qwen2.5-7B-Instruct")
    qwen.setdefault("properties", []).append(
        {"name": "cdx:ai-ml:model:template:chat", "value": "{% for m in messages %}\n" * 200}
    )
    out = prepare_for_dependency_track(doc)
    qwen_out = _model(out, "model:hub:Qwen/Qwen2.5-7B-Instruct")
    assert qwen_out["publisher"] == qwen["manufacturer"]["name"] == "Alibaba Cloud (Qwen team)"
    for comp in out["components"]:
        for prop in comp.get("properties", []):
            assert len(prop["value"]) <= MAX_PROPERTY_VALUE
            assert not re.search(r"[\x00-\x1f]", prop["value"])
    template = _prop_values(qwen_out, "cdx:ai-ml:model:template:chat")[0]
    assert template.endswith("[truncated]")
    # the file on disk is not changed by the upload copy
    assert "publisher" not in qwen and DT_ANCESTOR not in json.dumps(doc)


def test_wrong_key_is_explained_and_never_printed(
    dtrack: tuple[str, DtState], bom: dict[str, Any]
) -> None:
    url, state = dtrack
    state.add_project("rag-service", "main")
    target = DtProject.from_options("rag-service", "main", None, False, bom)
    with pytest.raises(PublishError) as err:
        publish_to_dependency_track(bom, url, "wrong-key-123", target, sleep=_no_sleep)
    assert "401" in str(err.value) and "AIBOM_DT_API_KEY" in str(err.value)
    assert "wrong-key-123" not in str(err.value)


@pytest.mark.parametrize(
    ("setup", "options", "expected"),
    [
        ("none", ("rag-service", "main", None, False), "--auto-create"),
        ("no-create-permission", ("rag-service", "main", None, True), "PROJECT_CREATION_UPLOAD"),
        ("none", ("rag-service", "main", "nope@1", True), "--parent"),
        ("forbidden", ("rag-service", "main", None, False), "403"),
        ("tiny-proxy", ("rag-service", "main", None, True), "client_max_body_size"),
        (
            "old-server",
            ("rag-service", "main", None, True),
            "Unsupported CycloneDX specVersion 1.6",
        ),
    ],
)
def test_refusals_name_the_fix(
    dtrack: tuple[str, DtState],
    bom: dict[str, Any],
    setup: str,
    options: tuple[Any, ...],
    expected: str,
) -> None:
    url, state = dtrack
    if setup == "no-create-permission":
        state.can_create = False
    elif setup == "forbidden":
        state.forbidden.add(state.add_project("rag-service", "main"))
    elif setup == "tiny-proxy":
        state.max_body = 10_000
    elif setup == "old-server":
        state.accepted_specs = ("1.2", "1.3", "1.4", "1.5")  # 4.11.0-4.11.3
    target = DtProject.from_options(*options, bom)
    with pytest.raises(PublishError, match=re.escape(expected)):
        publish_to_dependency_track(bom, url, KEY, target, sleep=_no_sleep)
    assert not state.boms


def test_wrong_url_says_api_server(dtrack: tuple[str, DtState], bom: dict[str, Any]) -> None:
    url, _ = dtrack
    target = DtProject.from_options("rag-service", "main", None, True, bom)
    with pytest.raises(PublishError, match="API server"):
        publish_to_dependency_track(bom, url + "/frontend", KEY, target, sleep=_no_sleep)


def test_transient_failures_are_retried_with_backoff_then_succeed(
    dtrack: tuple[str, DtState], bom: dict[str, Any]
) -> None:
    url, state = dtrack
    state.fail_next = 2
    sleeps: list[float] = []
    target = DtProject.from_options("rag-service", "main", None, True, bom)
    result = publish_to_dependency_track(
        bom, url, KEY, target, wait=False, sleep=sleeps.append, retries=3
    )
    assert result.token and state.find("rag-service", "main")
    assert sleeps == [1.0, 2.0]
    assert [m for m, _ in state.requests] == ["PUT", "PUT", "PUT"]


def test_retries_are_bounded(dtrack: tuple[str, DtState], bom: dict[str, Any]) -> None:
    url, state = dtrack
    state.fail_next = 100
    target = DtProject.from_options("rag-service", "main", None, True, bom)
    with pytest.raises(PublishError, match="503"):
        publish_to_dependency_track(bom, url, KEY, target, sleep=_no_sleep, retries=2)
    assert len(state.requests) == 3


def test_network_failure_names_the_url() -> None:
    import socket

    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {}}
    target = DtProject.from_options("p", "1", None, False, bom)
    with pytest.raises(
        PublishError, match=f"cannot reach Dependency-Track at http://127.0.0.1:{port}"
    ):
        publish_to_dependency_track(
            bom, f"http://127.0.0.1:{port}", KEY, target, sleep=_no_sleep, retries=1
        )


def test_old_servers_are_polled_on_the_legacy_token_endpoint(
    dtrack: tuple[str, DtState], bom: dict[str, Any]
) -> None:
    url, state = dtrack
    state.has_event_endpoint = False
    state.polls_processing = 0
    target = DtProject.from_options("rag-service", "main", None, True, bom)
    assert publish_to_dependency_track(bom, url, KEY, target, sleep=_no_sleep).processed
    assert [p.split("/token/")[0] for m, p in state.requests if m == "GET"] == [
        "/api/v1/event",
        "/api/v1/bom",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("38640b33-4ba9-4733-bdab-cbfc40c6f8aa", None, None, True), "not a UUID"),
        (("svc", None, None, False), "--version"),
        (("svc", "1", "parent@1", False), "--auto-create"),
    ],
)
def test_option_mistakes_are_caught_before_any_request(
    options: tuple[Any, ...], message: str
) -> None:
    with pytest.raises(PublishError, match=re.escape(message)):
        DtProject.from_options(*options, {"metadata": {"component": {"name": "svc"}}})


def test_cli_publish_reads_the_key_from_the_environment_and_never_shows_it(
    dtrack: tuple[str, DtState], bom: dict[str, Any], tmp_path: Path
) -> None:
    url, state = dtrack
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(bom), encoding="utf-8")
    runner = CliRunner()
    env = {"AIBOM_DT_API_KEY": KEY}
    ok = runner.invoke(
        app,
        ["publish", str(path), "--url", url, "--project", "svc", "--version", "7", "--auto-create"],
        env=env,
    )
    assert ok.exit_code == 0, ok.output
    assert "processed" in ok.output and state.find("svc", "7")
    help_text = runner.invoke(app, ["publish", "--help"], env=env).output
    refused = runner.invoke(
        app, ["publish", str(path), "--url", url, "--project", "other", "--version", "1"], env=env
    )
    assert refused.exit_code == 1 and "--auto-create" in refused.output
    wrong = runner.invoke(
        app,
        ["publish", str(path), "--url", url, "--api-key", "typed-key-999", "--version", "1"],
    )
    assert wrong.exit_code == 1 and "401" in wrong.output
    for out in (ok.output, help_text, refused.output, wrong.output):
        assert KEY not in out and "typed-key-999" not in out
    missing = runner.invoke(app, ["publish", str(path), "--url", url], env={"AIBOM_DT_API_KEY": ""})
    assert missing.exit_code == 2 and "AIBOM_DT_API_KEY" in missing.output
