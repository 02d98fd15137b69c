package app.smartcomply.webhooks.web;

/** Examples of the batch publish for the API reference (see {@link ApiExamples}). */
final class BatchExamples {

    private BatchExamples() {}

    static final String PUBLISH_BATCH = """
      {
        "events": [
          {
            "account_id": "acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30",
            "type": "test.submitted",
            "idempotency_key": "submission-tst_a01717f9-1",
            "data": {"test_id": "tst_a01717f9e0e43c894f2ee5fe191c3ce1", "test_name": "ISO 27001 readiness",
                     "test_type": "readiness_assessment", "framework": "ISO 27001", "score": 82.5, "pass_mark": 75,
                     "result": "passed", "questions_total": 93, "questions_answered": 93,
                     "submitted_by": {"user_id": "usr_c625c79e5e6ef86902070f9443224346", "name": "Adaeze Okafor",
                                      "email": "adaeze.okafor@example.com"},
                     "submitted_at": "2026-05-05T13:58:41.512Z",
                     "dashboard_url": "https://app.smartcomply.app/tests/tst_a01717f9e0e43c894f2ee5fe191c3ce1/results"}
          },
          {
            "account_id": "acct_0196a1e8d4c27b3f8e6a2d9c1b5f7e30",
            "type": "test.submited",
            "data": {"test_id": "tst_b2"}
          }
        ],
        "atomic": false
      }""";

    static final String BATCH_RESULTS = """
      {
        "results": [
          {
            "index": 0,
            "status": 202,
            "replayed": false,
            "event": {"id": "evt_0196a1f4e7d25c8b3a9f6e1d4c7b2a95", "type": "test.submitted",
                      "created_at": "2026-05-05T14:00:00.000Z", "data": {"test_id": "tst_a01717f9e0e43c894f2ee5fe191c3ce1"},
                      "mode": "live"}
          },
          {
            "index": 1,
            "status": 400,
            "problem": {"type": "about:blank", "title": "Bad Request", "status": 400,
                        "detail": "Unknown event type 'test.submited'. GET /api/v1/webhooks/event-types lists them.",
                        "code": "unknown_event_type", "param": "events[1].type"}
          }
        ]
      }""";

    static final String TOO_MANY_EVENTS = """
      {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": "events holds 1001 events; a batch takes at most 1000.",
        "instance": "/api/v1/events/batch",
        "code": "too_many_events",
        "param": "events"
      }""";
}
