"""A stand-in for NCALayer: a real WebSocket server on 127.0.0.1 that speaks its protocol.

NCALayer (the NCA RK desktop program) listens on ``wss://127.0.0.1:13579``, greets each
connection with ``{"result": {"version": ...}}`` and answers requests of the module
``kz.gov.pki.knca.basics`` (named ``args``) with ``{"status", "body"}`` envelopes:

- signed: ``{"status": true, "body": {"result": ["<CMS base64>"]}}``;
- the user closed the key dialog: ``{"status": true, "body": {}}`` (no ``result``);
- an error: ``{"status": false, "code": "SIGNING_FAILURE", "message": ..., "details": ...}``.

This one does the same over plain ``ws://`` (the page is told its URL through the app's
``NCALAYER_URL``) and signs the received bytes with a test key (``tests/eds_pki.py``: anything
with ``sign_detached(content) -> DER CMS``). ``mode`` picks the answer: ``"sign"``,
``"cancel"`` or ``"error"``. Every request received is kept in ``requests`` so a test can
check what the page asked for. ``stop()`` / ``start()`` make "NCALayer is not running" real:
the port refuses connections while stopped and is bound again on start.
"""
from __future__ import annotations

import base64
import binascii
import json
import threading
from typing import Protocol

from websockets.sync.server import ServerConnection, serve

VERSION = "1.4"
MODULE = "kz.gov.pki.knca.basics"
MODES = ("sign", "cancel", "error")


class Signer(Protocol):
    def sign_detached(self, content: bytes, signing_time=None) -> bytes: ...


class NcaLayerStandIn:
    def __init__(self, signer: Signer | None = None, *, port: int = 0) -> None:
        self.signer = signer
        self.mode = "sign"
        self.port = port
        self.requests: list[dict] = []
        self.signed: list[bytes] = []
        self._server = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> NcaLayerStandIn:
        if self._server is not None:
            return self
        self._server = serve(self._handle, "127.0.0.1", self.port)
        self.port = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="ncalayer-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = self._thread = None

    def __enter__(self) -> NcaLayerStandIn:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def reset(self, mode: str = "sign", signer: Signer | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.mode = mode
        if signer is not None:
            self.signer = signer
        self.requests.clear()
        self.signed.clear()

    # -- the protocol -------------------------------------------------------------------------
    def _handle(self, ws: ServerConnection) -> None:
        ws.send(json.dumps({"result": {"version": VERSION}}))
        for message in ws:
            try:
                request = json.loads(message)
            except (TypeError, ValueError):
                continue  # NCALayer ignores what is not JSON (keep-alives)
            self.requests.append(request)
            ws.send(json.dumps(self.answer(request)))

    def answer(self, request: dict) -> dict:
        if not isinstance(request, dict) or request.get("module") != MODULE:
            return {"success": False, "errorCode": "MODULE_NOT_FOUND"}
        if request.get("method") != "sign":
            return _error("INVOCATION_ERROR", f"no such method: {request.get('method')!r}")
        args = request.get("args") or {}
        params = args.get("signingParams") or {}
        if args.get("format") != "cms" or not isinstance(args.get("data"), str):
            return _error("INVALID_SIGNING_PARAMS", "format must be cms, data a base64 string")
        if self.mode == "cancel":
            return {"status": True, "body": {}}
        if self.mode == "error":
            return _error("SIGNING_FAILURE", "The token is locked",
                          "kz.gov.pki.knca.basics: key storage is not available")
        try:
            content = (base64.b64decode(args["data"], validate=True)
                       if params.get("decode") else args["data"].encode())
        except (binascii.Error, ValueError):
            return _error("INVALID_SIGNING_PARAMS", "data is not base64")
        if params.get("encapsulate") or params.get("digested"):
            return _error("INVALID_SIGNING_PARAMS", "only detached signatures over the data")
        if self.signer is None:
            return _error("SIGNING_FAILURE", "no key in the stand-in")
        self.signed.append(content)
        cms = self.signer.sign_detached(content)
        return {"status": True, "body": {"result": [base64.b64encode(cms).decode("ascii")]}}


def _error(code: str, message: str, details: str = "") -> dict:
    return {"status": False, "code": code, "message": message, "details": details}
