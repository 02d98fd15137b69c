"""A Flask receiver (example only: Flask is not a dependency of smartcomply-webhooks).

    pip install flask smartcomply-webhooks
    SMARTCOMPLY_WEBHOOK_SECRET=whsec_... flask --app flask_receiver run --port 3000
"""

import os

from flask import Flask, jsonify, request

from smartcomply_webhooks import SIGNATURE_HEADER, WebhookVerificationError, verify

app = Flask(__name__)
# Several secrets while rotating: SMARTCOMPLY_WEBHOOK_SECRET="whsec_old,whsec_new"
SECRETS = os.environ["SMARTCOMPLY_WEBHOOK_SECRET"].split(",")


@app.post("/webhooks/smartcomply")
def receive():
    raw = request.get_data()  # the raw bytes, before any JSON parsing
    try:
        verify(raw, request.headers.get(SIGNATURE_HEADER), SECRETS)
    except WebhookVerificationError as e:
        return jsonify(code=e.reason, detail=str(e)), e.status
    event = request.get_json()
    # Acknowledge fast, process asynchronously, de-duplicate on event["id"].
    print("Received %s (id: %s)" % (event["type"], event["id"]))
    return jsonify(received=True)
