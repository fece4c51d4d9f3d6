"""Pagefind's indexing service driven from this process: pages added one by one or a folder.

The `pagefind` package's own client is asynchronous and reads one answer per tenth of a second,
which is fine for one folder and far too slow for a page at a time. This speaks the same
protocol (`pagefind --service`, the binary from the `pagefind[extended]` wheel): each request
is base64-encoded JSON followed by a comma, each answer likewise, carrying the request's
`message_id`. Requests are written as they come, without waiting; a thread reads the answers
so that the binary never blocks on a full pipe.
"""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import threading
from pathlib import Path


class IndexerFailed(Exception):
    """Pagefind could not index the site; the message says why."""


class Indexer:
    """One Pagefind index, written to `output_path` by `write`; a context manager that stops
    the binary on leaving."""

    def __init__(self, config: dict[str, object]) -> None:
        from pagefind.service import get_executable

        executable = get_executable()
        if executable is None:
            raise IndexerFailed("the Pagefind binary is not installed")
        settings = dict(config)
        self._output = str(settings.pop("output_path"))
        self._process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self._last_id = 0
        self._answers: dict[int, dict] = {}
        self._errors: list[str] = []
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._index_id = self._call({"type": "NewIndex", "config": settings})["index_id"]
        self._pending: list[int] = []

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_page(self, url: str, html: str) -> None:
        """Add the page served at `url` (`/briefings/x/`) whose HTML is `html`."""
        request = {"type": "AddFile", "index_id": self._index_id, "url": url}
        self._pending.append(self._send({**request, "file_path": None, "file_contents": html}))

    def add_folder(self, folder: Path) -> int:
        """Add every HTML file under `folder`, as `pagefind --site` does; the pages read."""
        answer = self._call({"type": "AddDir", "index_id": self._index_id, "path": str(folder)})
        return int(answer["page_count"])

    def write(self) -> int:
        """Write the bundle once every page added is indexed; the pages added one by one.

        The bundle is asked for (`GetFiles`) and written here: Pagefind answers `WriteFiles`
        before its files are all on disk, and a build that read them then found one cut short.
        """
        for message_id in self._pending:
            self._answer(message_id)
        answer = self._call({"type": "GetFiles", "index_id": self._index_id})
        output = Path(self._output)
        for file in answer["files"]:
            target = output / file["path"]
            if ".." in Path(file["path"]).parts or Path(file["path"]).is_absolute():
                raise IndexerFailed(f"Pagefind named a file outside the bundle: {file['path']}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))
        return len(self._pending)

    def close(self) -> None:
        if self._process.stdin and not self._process.stdin.closed:
            with contextlib.suppress(OSError):
                self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    # -- the protocol -------------------------------------------------------------------------

    def _send(self, payload: dict) -> int:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload})
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self._process.stdin.flush()
        except OSError as exc:  # the binary exited
            raise IndexerFailed(f"Pagefind stopped ({self._why(exc)})") from None
        return self._last_id

    def _call(self, payload: dict) -> dict:
        return self._answer(self._send(payload))

    def _answer(self, message_id: int) -> dict:
        with self._arrived:
            while message_id not in self._answers:
                if not self._reader.is_alive():
                    raise IndexerFailed(f"Pagefind stopped ({self._why(None)})")
                self._arrived.wait(timeout=1)
            answer = self._answers.pop(message_id)
        if answer.get("type") == "Error":
            raise IndexerFailed(f"Pagefind: {answer.get('message', 'failed')}")
        return answer

    def _read(self) -> None:
        assert self._process.stdout is not None
        buffered = b""
        while chunk := self._process.stdout.read1(1 << 16):
            buffered += chunk
            *complete, buffered = buffered.split(b",")
            for encoded in complete:
                self._received(encoded)
        with self._arrived:
            self._arrived.notify_all()

    def _received(self, encoded: bytes) -> None:
        try:
            answer = json.loads(base64.b64decode(encoded))
        except ValueError:  # not an answer: a line the binary printed
            self._errors.append(encoded.decode("utf-8", "replace").strip())
            return
        if not isinstance(answer, dict):
            return
        message_id = answer.get("message_id")
        payload = answer.get("payload") or {}
        if message_id is None and payload.get("original_message"):
            message_id = json.loads(payload["original_message"]).get("message_id")
        if message_id is None:
            self._errors.append(str(payload.get("message", payload)))
            return
        with self._arrived:
            self._answers[int(message_id)] = payload
            self._arrived.notify_all()

    def _why(self, exc: OSError | None) -> str:
        said = "; ".join(line for line in self._errors if line)[-500:]
        code = self._process.poll()
        return said or (f"exit {code}" if code is not None else str(exc or "no answer"))
