"""A FastAPI receiver (example only: FastAPI is not a dependency of smartcomply-webhooks).

    pip install fastapi uvicorn smartcomply-webhooks
    SMARTCOMPLY_WEBHOOK_SECRET=whsec_... uvicorn fastapi_receiver:app --port 3000
"""

import json
import os

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from smartcomply_webhooks import SIGNATURE_HEADER, WebhookVerificationError, verify

app = FastAPI()
SECRETS = os.environ["SMARTCOMPLY_WEBHOOK_SECRET"].split(",")


@app.post("/webhooks/smartcomply")
async def receive(request: Request):
    raw = await request.body()  # the raw bytes: do not declare a pydantic body parameter here
    try:
        verify(raw, request.headers.get(SIGNATURE_HEADER), SECRETS)
    except WebhookVerificationError as e:
        return JSONResponse({"code": e.reason, "detail": str(e)}, status_code=e.status)
    event = json.loads(raw)
    # Acknowledge fast, process asynchronously, de-duplicate on event["id"].
    print("Received %s (id: %s)" % (event["type"], event["id"]))
    return {"received": True}
