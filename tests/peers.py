"""Real peers for alert tests, on loopback: an SMTP server and Slack's webhook host.

apprise's Slack plugin always posts to https://hooks.slack.com/services/...; it has no option for
another host. So the test routes it the way a corporate network would: through an HTTPS proxy
(``HTTPS_PROXY``) that answers the CONNECT itself and terminates TLS with a certificate for
hooks.slack.com issued by a throwaway CA that the child process trusts (``REQUESTS_CA_BUNDLE``).
The plugin, its URL, its payload and certificate checking are exactly those used in production.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SLACK_HOST = "hooks.slack.com"


@contextmanager
def refused_port() -> Iterator[int]:
    """A loopback port that refuses connections while the block runs: bound, never listening,
    so no other test's server can take it meanwhile (a port only probed free can be)."""
    with socket.socket() as hold:
        hold.bind(("127.0.0.1", 0))
        yield hold.getsockname()[1]


class SMTPPeer:
    """aiosmtpd on loopback; ``messages`` are the parsed e-mails it accepted."""

    def __init__(self) -> None:
        # Held (bound, not listening) until start(): a peer not started yet refuses connections.
        self._hold: socket.socket | None = socket.socket()
        self._hold.bind(("127.0.0.1", 0))
        self.port = self._hold.getsockname()[1]
        self.messages: list[EmailMessage] = []
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's naming)
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def mailto(self, password: str | None = None) -> str:
        auth = f"user:{password}@" if password else ""
        return (
            f"mailto://{auth}127.0.0.1:{self.port}"
            "?from=monitor@example.org&to=journalist@example.org"
        )

    def start(self) -> SMTPPeer:
        if self._hold is not None:
            self._hold.close()
            self._hold = None
        self._controller = Controller(
            self,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=lambda *_: AuthResult(success=True),
            auth_require_tls=False,
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._hold is not None:
            self._hold.close()
            self._hold = None
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@dataclass(frozen=True)
class HookRequest:
    connect: str
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class SlackHooks:
    """An HTTPS proxy that plays hooks.slack.com: records each webhook POST, answers ``ok``."""

    def __init__(self, workdir: Path) -> None:
        self.requests: list[HookRequest] = []
        self.ca_file = workdir / "test-ca.pem"
        self._context = self._certificates(workdir)
        self._server: socketserver.ThreadingTCPServer | None = None

    def env(self) -> dict[str, str]:
        """What a child process needs to reach this stand-in instead of Slack."""
        assert self._server is not None
        port = self._server.server_address[1]
        return {
            "HTTPS_PROXY": f"http://127.0.0.1:{port}",
            "https_proxy": f"http://127.0.0.1:{port}",
            "REQUESTS_CA_BUNDLE": str(self.ca_file),
            "NO_PROXY": "127.0.0.1,localhost",
        }

    def start(self) -> SlackHooks:
        peer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                connect = self.rfile.readline().decode("latin-1").strip()
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                self.wfile.flush()
                with peer._context.wrap_socket(self.connection, server_side=True) as tls:
                    reader = tls.makefile("rb")
                    method, path, _ = reader.readline().decode("latin-1").split(" ", 2)
                    headers = {}
                    while (line := reader.readline()) not in (b"\r\n", b"\n", b""):
                        name, _, value = line.decode("latin-1").partition(":")
                        headers[name.strip().lower()] = value.strip()
                    body = reader.read(int(headers.get("content-length", 0)))
                    peer.requests.append(HookRequest(connect, method, path, headers, body))
                    tls.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                        b"Content-Length: 2\r\nConnection: close\r\n\r\nok"
                    )

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _certificates(self, workdir: Path) -> ssl.SSLContext:
        now = datetime.datetime.now(datetime.UTC)
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "policy-monitor test CA")])
        ca = (
            x509.CertificateBuilder()
            .subject_name(ca_name)
            .issuer_name(ca_name)
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        key = ec.generate_private_key(ec.SECP256R1())
        leaf = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SLACK_HOST)]))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(SLACK_HOST)]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                critical=False,
            )
            .sign(ca_key, hashes.SHA256())
        )
        self.ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        chain = workdir / "hooks.slack.com.pem"
        chain.write_bytes(
            leaf.public_bytes(serialization.Encoding.PEM)
            + key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain)
        return context
