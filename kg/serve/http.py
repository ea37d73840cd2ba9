"""The HTTP side of `kg serve`: request parsing and its limits, the Host check, the server.

What a client can send is bounded before any query runs: a body of at most `max_body`
bytes (Content-Length must be a plain number; chunked bodies are read chunk by chunk under
the same cap; any other transfer coding is refused), a whole request (headers and body)
within `request_timeout` seconds, `idle_timeout` seconds of silence on a kept-alive
connection, and `max_connections` open at once (the next gets a 503 and is closed). A
request whose body was not read is answered and the connection closed, so nothing of it
is taken for the next request.

DNS rebinding: a web page whose host name is made to resolve to 127.0.0.1 could otherwise
query a local endpoint from the browser. When the server listens on a loopback address the
Host header must name that address or `localhost`; `--host` with another address opens the
endpoint on purpose and the check is off (the CLI warns).
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg import __version__
from kg.errors import ListenError
from kg.serve.endpoint import Endpoint, Response, ServeConfig, text_response
from kg.serve.page import page

_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,8}")
_LOOPBACK_NAMES = {"localhost", "localhost.", "127.0.0.1", "::1"}


class _BadRequest(Exception):
    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host part of a Host header: `[::1]:7879` -> `::1`, `localhost:80` -> `localhost`."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Handler(BaseHTTPRequestHandler):
    server: KGServer
    protocol_version = "HTTP/1.1"
    server_version = f"kg/{__version__}"

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.config.idle_timeout)  # idle connections end
        self.unread = False  # a body was left unread: close gently so the answer arrives

    def finish(self) -> None:
        super().finish()
        if self.unread:
            _linger(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    # -- reading a request --

    def handle_one_request(self) -> None:
        """The standard library's, with the request clock, the Host check and error capture."""
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline:
                self.close_connection = True
                return
            self.server.clock_in(self.connection)  # from here the whole request has a deadline
            if len(self.raw_requestline) > 65536:
                self.requestline = ""
                self.request_version = ""
                self.command = ""
                self.send_error(414)
                return
            if not self.parse_request():
                return
            method = getattr(self, "do_" + self.command, None)
            if method is None:
                self.send_error(501, f"Unsupported method ({self.command!r})")
                return
            try:
                self._check_host()
                method()
            except _BadRequest as bad:
                self.unread = self.command in ("POST", "PUT")
                self._send(bad.response)
            except Exception:  # never a traceback to the client, nor a dropped connection
                if self.server.verbose:
                    traceback.print_exc(file=sys.stderr)
                self.close_connection = True
                self._send(text_response(500, "internal error"), close=True)
            self.wfile.flush()
        except (TimeoutError, ConnectionError, OSError):
            self.close_connection = True
        finally:
            self.server.clock_out(self.connection)

    def _check_host(self) -> None:
        host = self.headers.get("Host")
        if host is None:
            if self.request_version == "HTTP/1.0":
                return
            raise _BadRequest(_closing(text_response(400, "a request needs a Host header")))
        if not self.server.host_allowed(host_name(host)):
            raise _BadRequest(
                _closing(
                    text_response(
                        421,
                        f"this endpoint answers to {self.server.host_label} only, not to "
                        f"Host {host!r} (a DNS rebinding guard); open it with kg serve --host",
                    )
                )
            )

    def _body(self) -> bytes:
        """The request body under the size cap; raises _BadRequest (and closes) otherwise."""
        limit = self.server.config.max_body
        coding = self.headers.get("Transfer-Encoding")
        lengths = self.headers.get_all("Content-Length") or []
        if coding is not None:
            if lengths:
                raise _BadRequest(
                    _closing(text_response(400, "both Transfer-Encoding and Content-Length"))
                )
            if coding.strip().lower() != "chunked":
                raise _BadRequest(
                    _closing(text_response(501, f"unsupported Transfer-Encoding {coding!r}"))
                )
            return self._chunked(limit)
        if len({v.strip() for v in lengths}) > 1:
            raise _BadRequest(_closing(text_response(400, "conflicting Content-Length headers")))
        raw = lengths[0].strip() if lengths else "0"
        if not (raw.isascii() and raw.isdigit()):
            raise _BadRequest(
                _closing(text_response(400, f"Content-Length {raw[:40]!r} is not a byte count"))
            )
        length = int(raw)
        if length > limit:
            raise _BadRequest(_closing(text_response(413, f"request body over {limit} bytes")))
        data = self.rfile.read(length) if length else b""
        if len(data) < length:
            raise ConnectionError("the client closed the connection mid-body")
        return data

    def _chunked(self, limit: int) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1026)
            if not line.endswith(b"\n"):
                raise _BadRequest(_closing(text_response(400, "malformed chunked body")))
            size = line.split(b";", 1)[0].strip()
            if not _CHUNK_SIZE.fullmatch(size):
                raise _BadRequest(_closing(text_response(400, "malformed chunk size")))
            n = int(size, 16)
            if n == 0:
                for _ in range(100):  # trailer fields, then the blank line
                    trailer = self.rfile.readline(8192)
                    if trailer in (b"\r\n", b"\n", b""):
                        return b"".join(parts)
                raise _BadRequest(_closing(text_response(400, "too many trailer fields")))
            total += n
            if total > limit:
                raise _BadRequest(_closing(text_response(413, f"request body over {limit} bytes")))
            chunk = self.rfile.read(n)
            if len(chunk) < n:
                raise ConnectionError("the client closed the connection mid-body")
            if self.rfile.readline(3).strip():
                raise _BadRequest(_closing(text_response(400, "malformed chunked body")))
            parts.append(chunk)

    # -- answering --

    def _send(self, resp: Response, close: bool = False) -> None:
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        for key, value in resp.headers.items():
            self.send_header(key, value)
        if close and "Connection" not in resp.headers:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp.body)

    def _args(self, query: str) -> dict[str, list[str]]:
        return parse_qs(query, keep_blank_values=True)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        args = self._args(url.query)
        self.server.clock_out(self.connection)  # all of the request is in
        self._send(self._dispatch(url.path, args, None))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        args = self._args(url.query)
        raw = self._body()
        self.server.clock_out(self.connection)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._send(text_response(400, "the request body is not UTF-8"))
            return
        if ctype == "application/x-www-form-urlencoded":
            for key, values in self._args(text).items():
                args.setdefault(key, []).extend(values)
            body_query = None
        elif ctype in ("application/sparql-query", "application/sparql-update"):
            body_query = (ctype, text)
        else:
            self._send(
                text_response(
                    415,
                    "POST a form (application/x-www-form-urlencoded), "
                    "application/sparql-query or application/sparql-update",
                )
            )
            return
        self._send(self._dispatch(url.path, args, body_query))

    def _dispatch(
        self, path: str, args: dict[str, list[str]], body: tuple[str, str] | None
    ) -> Response:
        endpoint = self.server.endpoint
        accept = self.headers.get("Accept")
        one = {k: v[0] for k, v in args.items()}
        fmt = one.pop("format", None) or None
        if path == "/":
            return page(endpoint, one)
        if path in ("/sparql", "/query", "/update"):
            if "default-graph-uri" in args or "named-graph-uri" in args:
                return text_response(
                    400, "default-graph-uri / named-graph-uri are not supported here"
                )
            if body and body[0] == "application/sparql-update":
                return endpoint.update(body[1], self.headers.get("Authorization"))
            if "update" in args and not body:
                return endpoint.update(one["update"], self.headers.get("Authorization"))
            if path == "/update":
                return text_response(
                    400, "send the update as 'update=' or application/sparql-update"
                )
            text = body[1] if body else one.get("query", "")
            if len(args.get("query", [])) > 1:
                return text_response(400, "give one query parameter")
            if not text.strip():
                return text_response(
                    400,
                    "no query: pass 'query' (GET or form POST) or POST it as "
                    "application/sparql-query",
                )
            return endpoint.query(text, accept, fmt)
        if path == "/status":
            return endpoint.status()
        if path in ("/queries", "/queries/"):
            return endpoint.saved_list()
        if path.startswith("/queries/"):
            return endpoint.saved(path.removeprefix("/queries/"), one, accept, fmt)
        return text_response(404, f"no such page: {path} (try /, /sparql or /queries)")


def _linger(conn: socket.socket, seconds: float = 2.0, limit: int = 8 << 20) -> None:
    """Close after an answer sent before the request's body was read: stop sending, then
    read and drop what the client still sends (for a while). Closing with unread data would
    make the kernel reset the connection, and the client could lose the answer."""
    with contextlib.suppress(OSError):
        conn.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + seconds
        drained = 0
        while drained < limit:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            conn.settimeout(remaining)
            chunk = conn.recv(65536)
            if not chunk:
                break
            drained += len(chunk)


def _closing(resp: Response) -> Response:
    return Response(
        resp.status, resp.content_type, resp.body, {**resp.headers, "Connection": "close"}
    )


BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: 34\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
    b"too many open connections; retry\r\n"
)


class KGServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, endpoint: Endpoint, *, verbose: bool = False) -> None:
        self.endpoint = endpoint
        self.config = endpoint.config
        self.verbose = verbose
        self._open = 0
        self._lock = threading.Lock()
        self._reading: dict[socket.socket, float] = {}
        self._stop = threading.Event()
        super().__init__((self.config.host, self.config.port), Handler)
        bound = str(self.server_address[0])
        self.check_host = is_loopback(self.config.host)
        self.allowed_hosts = {*_LOOPBACK_NAMES, bound.lower(), self.config.host.lower()}
        self.host_label = f"{bound} and localhost"
        self._reaper = threading.Thread(target=self._reap, name="kg-http-reaper", daemon=True)
        self._reaper.start()

    def host_allowed(self, name: str) -> bool:
        return not self.check_host or name in self.allowed_hosts

    # -- a deadline for reading each request (slow senders) --

    def clock_in(self, conn: socket.socket) -> None:
        with self._lock:
            self._reading[conn] = time.monotonic()

    def clock_out(self, conn: socket.socket) -> None:
        with self._lock:
            self._reading.pop(conn, None)

    def _reap(self) -> None:
        while not self._stop.wait(0.5):
            now = time.monotonic()
            with self._lock:
                late = [
                    c for c, t in self._reading.items() if now - t > self.config.request_timeout
                ]
                for conn in late:
                    del self._reading[conn]
            for conn in late:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)  # the handler's read returns; it closes

    # -- a cap on open connections --

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            full = self._open >= self.config.max_connections
            if not full:
                self._open += 1
        if full:
            try:
                request.settimeout(1.0)
                request.sendall(BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            with self._lock:
                self._open -= 1
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._open -= 1

    def server_close(self) -> None:
        self._stop.set()
        super().server_close()
        self.endpoint.close()


def make_server(config: ServeConfig, *, verbose: bool = False) -> KGServer:
    """A bound (not yet serving) server; ``port=0`` picks a free port (see server_address)."""
    endpoint = Endpoint(config, quiet=not verbose)
    try:
        return KGServer(endpoint, verbose=verbose)
    except OSError as exc:
        endpoint.close()
        raise ListenError(
            f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}"
        ) from None
