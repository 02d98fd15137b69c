package app.smartcomply.webhooks.bench.load;

/** A valid {@code test.submitted} data object (the catalog's schema), about 500 bytes. */
public final class EventData {

    private EventData() {}

    public static String testSubmitted(long n) {
        return """
        {"test_id":"tst_%032x","test_name":"ISO 27001 readiness","test_type":"readiness_assessment",\
        "framework":"ISO 27001","score":82.5,"pass_mark":75,"result":"passed","questions_total":93,\
        "questions_answered":93,"submitted_by":{"user_id":"usr_c625c79e5e6ef86902070f9443224346",\
        "name":"Adaeze Okafor","email":"adaeze.okafor@example.com"},"submitted_at":"2026-05-05T13:58:41.512Z",\
        "dashboard_url":"https://app.smartcomply.app/tests/x/results"}""".formatted(n);
    }
}
