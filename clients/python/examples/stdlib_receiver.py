"""A complete receiver on the standard library's http.server.

    SMARTCOMPLY_WEBHOOK_SECRET=whsec_... PORT=3000 python3 stdlib_receiver.py

SMARTCOMPLY_WEBHOOK_SECRET may list several secrets, comma-separated, while rotating. PORT=0 picks
a free port; the first line printed names it. One line per request: "verified <type> <id>" or
"rejected <status> <reason>".
"""

import json
import os
import pathlib
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:
    import smartcomply_webhooks  # noqa: F401  (installed with pip)
except ImportError:  # run from the repository: use the package next to this example
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))

from smartcomply_webhooks import SIGNATURE_HEADER, WebhookVerificationError, verify  # noqa: E402

SECRETS = os.environ.get("SMARTCOMPLY_WEBHOOK_SECRET", "").split(",")
MAX_BODY = 5 * 1024 * 1024


class Receiver(BaseHTTPRequestHandler):
    timeout = 30  # every read on the connection is bounded

    def do_POST(self):
        if self.path != "/webhooks/smartcomply":
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._answer(413, {"code": "body_too_large"})
            return
        raw = self.rfile.read(length)  # the raw bytes, before any JSON parsing
        try:
            verify(raw, self.headers.get(SIGNATURE_HEADER), SECRETS)
        except WebhookVerificationError as e:
            print("rejected %d %s" % (e.status, e.reason), flush=True)
            self._answer(e.status, {"code": e.reason, "detail": str(e)}, "application/problem+json")
            return
        event = json.loads(raw)
        # Acknowledge fast, process asynchronously, de-duplicate on event["id"].
        print("verified %s %s" % (event["type"], event["id"]), flush=True)
        self._answer(200, {"received": True})

    def _answer(self, status, document, content_type="application/json"):
        body = json.dumps(document).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # one line per delivery is printed above


if __name__ == "__main__":
    server = ThreadingHTTPServer((os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "3000"))), Receiver)
    print("python-receiver listening on %s:%d" % server.server_address[:2], flush=True)
    server.serve_forever()
