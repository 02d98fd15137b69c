"""Verify SmartComply webhook deliveries.

``X-SmartComply-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]``: each ``v1`` is HMAC-SHA256
keyed with the UTF-8 bytes of the whole secret (``whsec_`` prefix included) over ``"<t>."``
followed by the raw body. Same contract as the Java library ``webhooks-signature`` and the shared
vectors in ``testdata/signature-vectors.json``. Standard library only.
"""

from ._signature import (
    DEFAULT_TOLERANCE_SECONDS,
    EVENT_ID_HEADER,
    EVENT_TYPE_HEADER,
    SIGNATURE_HEADER,
    WebhookVerificationError,
    sign,
    verify,
)

__all__ = [
    "DEFAULT_TOLERANCE_SECONDS",
    "EVENT_ID_HEADER",
    "EVENT_TYPE_HEADER",
    "SIGNATURE_HEADER",
    "WebhookVerificationError",
    "sign",
    "verify",
]
