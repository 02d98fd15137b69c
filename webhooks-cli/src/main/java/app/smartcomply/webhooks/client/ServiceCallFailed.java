package app.smartcomply.webhooks.client;

/** The service refused or failed a call: its problem's detail and code, printed as is; exit code 1. */
final class ServiceCallFailed extends RuntimeException {

    private final int status;
    private final String code;

    ServiceCallFailed(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
