package app.smartcomply.webhooks.web;

/**
 * Example requests and answers for the API reference, kept here so the controllers' annotations
 * stay short. The values are the quickstart's (same endpoint id, URL, events, description), so the
 * reference and the guide tell one story. Each is exactly what the API sends or accepts.
 */
final class ApiExamples {

    private ApiExamples() {}

    static final String CREATE_ENDPOINT = """
      {
        "url": "https://your-app.example/webhooks/smartcomply",
        "events": ["test.submitted", "notice.created"],
        "description": "Production receiver"
      }""";

    static final String CREATED_ENDPOINT = """
      {
        "id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
        "url": "https://your-app.example/webhooks/smartcomply",
        "events": ["test.submitted", "notice.created"],
        "description": "Production receiver",
        "status": "active",
        "signing_secret": "whsec_k7Lm9PqRsTuVwXyZ0a1B2c3D4e5F6g7H",
        "created_at": "2026-05-05T14:00:00.000Z",
        "mode": "live",
        "asymmetric_signing": false,
        "public_key": null,
        "jwks_url": null,
        "filter": null,
        "ordering": "none",
        "ordering_key": null,
        "rate_limit": null
      }""";

    /**
     * The endpoint after {@link #UPDATE_SIGN_AND_FILTER} and {@link #UPDATE_RATE_LIMIT}: Ed25519
     * signatures on, a filter, and a rate limit.
     */
    static final String ENDPOINT = """
      {
        "id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
        "url": "https://your-app.example/webhooks/smartcomply",
        "events": ["test.submitted", "notice.created"],
        "description": "Production receiver",
        "status": "active",
        "disabled_reason": null,
        "signing_secret": "whsec_…6g7H",
        "created_at": "2026-05-05T14:00:00.000Z",
        "updated_at": "2026-05-05T14:00:00.000Z",
        "mode": "live",
        "kind": "http",
        "headers": {},
        "metadata": {},
        "asymmetric_signing": true,
        "public_key": "whpk_rbH0Q7k0URxCWsOaftjOeKA4eRk80eONPTGaCQjkxtA=",
        "jwks_url": "https://webhooks.smartcomply.app/jwks/jwks_851abf12b5b61f50d7d364fa80ddc9cd.json",
        "filter": {"result": {"$ne": "passed"}},
        "ordering": "none",
        "ordering_key": null,
        "rate_limit": {"per_second": 10}
      }""";

    static final String ENDPOINT_LIST = """
      {
        "data": [
          {
            "id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
            "url": "https://your-app.example/webhooks/smartcomply",
            "events": ["test.submitted", "notice.created"],
            "description": "Production receiver",
            "status": "active",
            "disabled_reason": null,
            "signing_secret": "whsec_…6g7H",
            "created_at": "2026-05-05T14:00:00.000Z",
            "updated_at": "2026-05-05T14:00:00.000Z",
            "mode": "live",
            "kind": "http",
            "headers": {},
            "metadata": {},
            "asymmetric_signing": true,
            "public_key": "whpk_rbH0Q7k0URxCWsOaftjOeKA4eRk80eONPTGaCQjkxtA=",
            "jwks_url": "https://webhooks.smartcomply.app/jwks/jwks_851abf12b5b61f50d7d364fa80ddc9cd.json",
            "filter": {"result": {"$ne": "passed"}},
            "ordering": "none",
            "ordering_key": null,
            "rate_limit": {"per_second": 10}
          }
        ],
        "has_more": false
      }""";

    static final String UPDATE_EVENTS = """
      {
        "events": ["test.submitted", "notice.created", "control.failed"],
        "description": "Production receiver (all compliance alerts)"
      }""";

    /**
     * Ed25519 (v1a) signatures beside the v1 ones, and only the events a receiver acts on: every
     * notice (it has no result: {@code $ne} matches a missing field) and the tests that did not pass.
     */
    static final String UPDATE_SIGN_AND_FILTER = """
      {
        "asymmetric_signing": true,
        "filter": {"result": {"$ne": "passed"}}
      }""";

    static final String UPDATE_ORDERING = """
      {"ordering": "fifo", "ordering_key": "notice_id"}""";

    /** At most ten requests a second to the endpoint, across every node. */
    static final String UPDATE_RATE_LIMIT = """
      {"rate_limit": {"per_second": 10}}""";

    static final String UPDATE_DISABLE = """
      {"status": "disabled"}""";

    static final String UPDATE_CLEAR_DESCRIPTION = """
      {"description": null}""";

    static final String ROTATE = """
      {"grace_period_seconds": 86400}""";

    static final String ROTATED = """
      {
        "id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
        "signing_secret": "whsec_Qm3xT8vN1pL6rK2wY9zB4cH7dF0gJ5sA",
        "previous_secret_expires_at": "2026-05-06T14:00:00.000Z"
      }""";

    static final String RECOVER = """
      {"since": "2026-05-05T00:00:00.000Z"}""";

    static final String RECOVERED = """
      {"recovered": 3}""";

    static final String TEST_EVENT = """
      {
        "id": "evt_0196a1f3c2b87d4e9a5f1c3e7b2d8a64",
        "type": "webhook.test",
        "created_at": "2026-05-05T14:02:00.000Z",
        "data": {
          "message": "This is a test event from SmartComply Webhooks. If you can read it, your endpoint works.",
          "endpoint_id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"
        },
        "mode": "live"
      }""";

    private static final String TEST_SUBMITTED_DATA = """
      {
          "test_id": "tst_a01717f9e0e43c894f2ee5fe191c3ce1",
          "test_name": "ISO 27001:2022 Annex A readiness assessment",
          "test_type": "readiness_assessment",
          "framework": "ISO 27001",
          "score": 82.5,
          "pass_mark": 75,
          "result": "passed",
          "questions_total": 93,
          "questions_answered": 93,
          "submitted_by": {
            "user_id": "usr_c625c79e5e6ef86902070f9443224346",
            "name": "Adaeze Okafor",
            "email": "adaeze.okafor@example.com"
          },
          "submitted_at": "2026-05-05T13:58:41.512Z",
          "dashboard_url": "https://app.smartcomply.app/tests/tst_a01717f9e0e43c894f2ee5fe191c3ce1/results"
        }""";

    static final String PUBLISH = """
      {
        "account_id": "acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30",
        "type": "test.submitted",
        "data": """ + TEST_SUBMITTED_DATA + """
            }""";

    static final String EVENT = """
      {
        "id": "evt_0196a1f4e7d25c8b3a9f6e1d4c7b2a95",
        "type": "test.submitted",
        "created_at": "2026-05-05T14:00:00.000Z",
        "data": """ + TEST_SUBMITTED_DATA + """
      ,
        "mode": "live"
            }""";

    static final String EVENT_LIST = """
      {
        "data": [""" + EVENT + """
      ],
        "has_more": false
      }""";

    static final String DELIVERY = """
      {
        "id": "whd_0196a1f4e7d37a1c5b8e2f6d9a3c4b17",
        "event_id": "evt_0196a1f4e7d25c8b3a9f6e1d4c7b2a95",
        "endpoint_id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
        "event_type": "test.submitted",
        "status": "pending",
        "attempt_count": 1,
        "next_attempt_at": "2026-05-05T14:00:05.000Z",
        "last_response_status": 503,
        "last_error": null,
        "last_attempt_at": "2026-05-05T14:00:00.214Z",
        "created_at": "2026-05-05T14:00:00.000Z",
        "updated_at": "2026-05-05T14:00:00.214Z",
        "mode": "live"
      }""";

    static final String DELIVERY_LIST = """
      {
        "data": [""" + DELIVERY + """
      ],
        "has_more": false
      }""";

    static final String DELIVERY_DETAIL = """
      {
        "id": "whd_0196a1f4e7d37a1c5b8e2f6d9a3c4b17",
        "event_id": "evt_0196a1f4e7d25c8b3a9f6e1d4c7b2a95",
        "endpoint_id": "whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
        "event_type": "test.submitted",
        "status": "succeeded",
        "attempt_count": 2,
        "next_attempt_at": null,
        "created_at": "2026-05-05T14:00:00.000Z",
        "updated_at": "2026-05-05T14:00:05.131Z",
        "request_body": "{\\"id\\":\\"evt_0196a1f4e7d25c8b3a9f6e1d4c7b2a95\\",\\"type\\":\\"test.submitted\\",\\"created_at\\":\\"2026-05-05T14:00:00.000Z\\",\\"data\\":{\\"test_id\\":\\"tst_a01717f9e0e43c894f2ee5fe191c3ce1\\"}}",
        "attempts": [
          {
            "id": "wha_0196a1f4e7e81b2c6d9f3a5e8c1b4d72",
            "attempt_number": 1,
            "started_at": "2026-05-05T14:00:00.012Z",
            "duration_ms": 202,
            "request": {
              "method": "POST",
              "url": "https://your-app.example/webhooks/smartcomply",
              "headers": {
                "Content-Type": "application/json",
                "User-Agent": "SmartComply-Webhooks/1.0.0",
                "X-SmartComply-Signature": "t=1778076000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
                "X-SmartComply-Event-Id": "evt_0196a1f4e7d25c8b3a9f6e1d4c7b2a95",
                "X-SmartComply-Event-Type": "test.submitted",
                "X-SmartComply-Delivery-Id": "whd_0196a1f4e7d37a1c5b8e2f6d9a3c4b17",
                "X-SmartComply-Attempt": "1",
                "webhook-id": "evt_0196a1f4e7d25c8b3a9f6e1d4c7b2a95",
                "webhook-timestamp": "1778076000",
                "webhook-signature": "v1,UleoaefrzO2jKv+mLNyj+lHK1+d6DlbwU2DOjhCNjb0="
              }
            },
            "response": {
              "status": 503,
              "headers": {"Content-Type": "text/plain"},
              "body": "Service Unavailable",
              "body_truncated": false
            },
            "error": null
          },
          {
            "id": "wha_0196a1f5093c4e7a2b8d5f1c6e9a3b04",
            "attempt_number": 2,
            "started_at": "2026-05-05T14:00:05.004Z",
            "duration_ms": 127,
            "request": {
              "method": "POST",
              "url": "https://your-app.example/webhooks/smartcomply",
              "headers": {
                "Content-Type": "application/json",
                "X-SmartComply-Signature": "t=1778076005,v1=9c1f2e0b7a4d6c8e3f5a1b9d2c7e4f6a8b0d3c5e7f9a1b2c4d6e8f0a2b4c6d8e",
                "X-SmartComply-Attempt": "2"
              }
            },
            "response": {
              "status": 200,
              "headers": {"Content-Type": "application/json"},
              "body": "{\\"received\\":true}",
              "body_truncated": false
            },
            "error": null
          }
        ],
        "mode": "live"
      }""";

    static final String CREATE_ACCOUNT = """
      {"name": "Acme Compliance Ltd", "email": "ops@acme.example"}""";

    static final String CREATED_ACCOUNT = """
      {
        "id": "acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30",
        "name": "Acme Compliance Ltd",
        "email": "ops@acme.example",
        "api_key": "sc_live_5f2c8e1a9b7d3f6e0c4a8b2d6f1e9c3a7b5d0e8f",
        "created_at": "2026-05-05T13:55:00.000Z"
      }""";

    static final String CREATED_KEY = """
      {
        "id": "key_0196a1e9a7c35d2f8b1e6c4a9d3f7b52",
        "account_id": "acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30",
        "name": "Reporting job",
        "prefix": "sc_live_9d4b",
        "scope": "read_only",
        "mode": "live",
        "created_at": "2026-05-05T15:10:00.000Z",
        "api_key": "sc_live_9d4b7f2e6a1c8d3f5b0e7a2c9f4d1b6e8a3c5f7d"
      }""";

    static final String CREATE_API_KEY = """
      {"name": "Reporting job", "scope": "read_only", "mode": "live"}""";

    static final String ROLL_API_KEY = """
      {"expires_in": 3600}""";

    static final String API_KEY_LIST = """
      {
        "data": [
          {
            "id": "key_0196a1e9a7c35d2f8b1e6c4a9d3f7b52",
            "account_id": "acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30",
            "name": "Reporting job",
            "prefix": "sc_live_9d4b",
            "last_four": "5f7d",
            "scope": "read_only",
            "mode": "live",
            "status": "active",
            "created_at": "2026-05-05T15:10:00.000Z",
            "last_used_at": "2026-05-06T08:42:00.000Z",
            "revoked_at": null,
            "expires_at": null
          }
        ],
        "has_more": false
      }""";

    static final String ADMIN_KEY_ROTATED = """
      {"admin_key": "sc_admin_3c9e1f7a5b2d8e4c6a0f9b3d7e1c5a8f2b6d4e0a"}""";

    static final String IDEMPOTENCY_KEY_REUSED = """
      {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "This Idempotency-Key was already used with a different type or data.",
        "instance": "/api/v1/events",
        "code": "idempotency_key_reused",
        "param": "Idempotency-Key"
      }""";

    static final String ENDPOINT_LIMIT_EXCEEDED = """
      {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "This account has 1000 endpoints, the most it may have (1000). Delete endpoints it no longer uses first.",
        "instance": "/api/v1/webhooks/endpoints",
        "code": "limit_exceeded",
        "param": "endpoints"
      }""";

    static final String ENDPOINT_DISABLED = """
      {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "This endpoint is disabled; enable it before sending a test event.",
        "instance": "/api/v1/webhooks/endpoints/whe_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6/test",
        "code": "endpoint_disabled",
        "param": "id"
      }""";
}
