"""The X-SmartComply-Signature scheme: parsing, signing and constant-time verification."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import time
from datetime import datetime
from typing import Optional, Sequence, Union

SIGNATURE_HEADER = "X-SmartComply-Signature"
"""The header that carries the signature."""
EVENT_ID_HEADER = "X-SmartComply-Event-Id"
"""The event's evt_... id, stable across retries: de-duplicate on it."""
EVENT_TYPE_HEADER = "X-SmartComply-Event-Type"
"""The event type, e.g. test.submitted."""
DEFAULT_TOLERANCE_SECONDS = 300
"""The quickstart's replay window."""

_PREFIX = "whsec_"
_MIN_KEY_BYTES = 16
_MAX_TIMESTAMP = 2**63 - 1  # the Java library's long
_MAX_TIMESTAMP_DIGITS = 19
# Java's Character.isWhitespace, which the Java library strips: not str.strip()'s set.
_WS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u2028\u2029\u205f\u3000"
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})*\Z")
_DIGITS = re.compile(r"[0-9]+\Z")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*\Z")

_DESCRIPTIONS = {
    "malformed_header": "malformed or missing signature header",
    "timestamp_too_old": "timestamp outside tolerance (too old)",
    "timestamp_in_future": "timestamp outside tolerance (in the future)",
    "no_matching_signature": "no matching signature",
}

Secrets = Union[str, Sequence[str]]
RawBody = Union[bytes, bytearray, memoryview, str]


class WebhookVerificationError(Exception):
    """A delivery that must be rejected.

    ``reason`` is one of ``malformed_header``, ``timestamp_too_old``, ``timestamp_in_future``,
    ``no_matching_signature``; ``status`` is 400 for a malformed header, 401 otherwise. The message
    never contains the header, the body or a secret.
    """

    def __init__(self, reason: str) -> None:
        super().__init__("webhook signature verification failed: " + _DESCRIPTIONS[reason])
        self.reason = reason
        self.status = 400 if reason == "malformed_header" else 401


def verify(
    raw_body: RawBody,
    header: Optional[str],
    secrets: Secrets,
    *,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: Union[None, int, float, datetime] = None,
) -> None:
    """Verifies a delivery; returns None if authentic, raises WebhookVerificationError if not.

    The timestamp is checked first, then every ``v1`` against every secret, in constant time.

    :param raw_body: the exact body bytes (a str is taken as UTF-8); never re-serialized JSON
    :param header: the X-SmartComply-Signature value; None (absent) is malformed
    :param secrets: the endpoint's ``whsec_...`` secret, or several while rotating
    :param tolerance_seconds: accepted distance between the signed timestamp and now, either way
    :param now: unix seconds or an aware datetime; default: the system clock
    :raises ValueError: for a secret that is not ``whsec_`` + base64 of at least 16 bytes
    """
    body = _to_bytes(raw_body)
    keys = _to_keys(secrets)
    if isinstance(tolerance_seconds, bool) or not isinstance(tolerance_seconds, int) or tolerance_seconds < 0:
        raise ValueError("tolerance_seconds must be a non-negative int")
    current = _now_seconds(now)
    timestamp, candidates = _parse_header(header)
    # Timestamp first: a replayed or stale delivery is rejected without computing any MAC.
    age = current - timestamp
    if age > tolerance_seconds:
        raise WebhookVerificationError("timestamp_too_old")
    if age < -tolerance_seconds:
        raise WebhookVerificationError("timestamp_in_future")
    for key in keys:
        expected = _mac(key, timestamp, body)
        for candidate in candidates:
            if hmac.compare_digest(expected, candidate):
                return
    raise WebhookVerificationError("no_matching_signature")


def sign(raw_body: RawBody, secrets: Secrets, timestamp: Optional[int] = None) -> str:
    """Returns the header the service would send: one ``v1`` per secret, in order. For tests."""
    body = _to_bytes(raw_body)
    keys = _to_keys(secrets)
    t = int(time.time()) if timestamp is None else timestamp
    if t < 0:
        raise ValueError("timestamp must not be negative")
    return "t=%d" % t + "".join(",v1=" + _mac(key, t, body).hex() for key in keys)


def _parse_header(header: Optional[str]):
    if header is None or not isinstance(header, str) or header.strip(_WS) == "":
        raise _malformed()
    timestamp = None
    saw_v1 = False
    candidates = []
    for element in header.split(","):
        if element.strip(_WS) == "":
            continue  # tolerate "t=1,,v1=..." and a trailing comma
        key, eq, value = element.partition("=")
        if not eq:
            raise _malformed()
        key, value = key.strip(_WS), value.strip(_WS)
        if key == "t":
            if timestamp is not None:
                raise _malformed()  # two timestamps: which one was signed is ambiguous
            timestamp = value
        elif key == "v1":
            saw_v1 = True
            if _HEX.match(value):  # not hex: simply cannot match
                candidates.append(bytes.fromhex(value))
        # Other keys (v0, v2, ...) are ignored so that new schemes can be added.
    if timestamp is None or not saw_v1:
        raise _malformed()
    return _parse_timestamp(timestamp), candidates


def _parse_timestamp(value: str) -> int:
    # ASCII digits only: int() would also take "+5", " 5", "٥" and "1_000".
    if not value or len(value) > _MAX_TIMESTAMP_DIGITS or not _DIGITS.match(value) or not value.isascii():
        raise _malformed()
    t = int(value)
    if t > _MAX_TIMESTAMP:
        raise _malformed()
    return t  # signed as its canonical decimal: "0017..." is "17..."


def _mac(key: bytes, timestamp: int, body: bytes) -> bytes:
    mac = hmac.new(key, b"%d." % timestamp, hashlib.sha256)
    mac.update(body)
    return mac.digest()


def _to_keys(secrets: Secrets):
    items = [secrets] if isinstance(secrets, str) else list(secrets)
    if not items:
        raise ValueError("at least one signing secret is required")
    for secret in items:
        _check_secret(secret)
    return [secret.encode("utf-8") for secret in items]  # the whole string, prefix included


def _check_secret(secret) -> None:
    """Same rule as the Java SigningSecret.parse: whsec_ + standard base64 of at least 16 bytes."""
    invalid = ValueError(
        "signing secret must be '%s' followed by standard base64 of at least %d bytes" % (_PREFIX, _MIN_KEY_BYTES))
    if not isinstance(secret, str) or not secret.startswith(_PREFIX):
        raise invalid
    encoded = secret[len(_PREFIX):]
    data = encoded.rstrip("=")
    if len(encoded) - len(data) > 2 or not _BASE64.match(data) or len(data) % 4 == 1:
        raise invalid
    if len(data) != len(encoded) and len(encoded) % 4 != 0:
        raise invalid
    try:
        key = base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise invalid from None
    if len(key) < _MIN_KEY_BYTES:
        raise invalid


def _to_bytes(raw_body: RawBody) -> bytes:
    if isinstance(raw_body, str):
        return raw_body.encode("utf-8")
    if isinstance(raw_body, (bytes, bytearray, memoryview)):
        return bytes(raw_body)
    raise TypeError("raw_body must be the raw request body (bytes or str), not parsed JSON")


def _now_seconds(now) -> int:
    if now is None:
        return int(time.time())
    if isinstance(now, datetime):
        if now.tzinfo is None:
            raise ValueError("now must be an aware datetime (e.g. datetime.now(timezone.utc))")
        return int(now.timestamp() // 1)
    if isinstance(now, bool) or not isinstance(now, (int, float)):
        raise TypeError("now must be unix seconds or a datetime")
    return int(now // 1)


def _malformed() -> WebhookVerificationError:
    return WebhookVerificationError("malformed_header")
