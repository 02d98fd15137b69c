package app.smartcomply.webhooks.error;

/**
 * No such resource — or one that belongs to another account, which the caller must not be able to
 * tell apart. Becomes a 404 problem with code {@code resource_missing}.
 */
public class NotFoundException extends RuntimeException {

  private final String param;

  public NotFoundException(String kind, String id, String param) {
    super("No " + kind + " with id '" + abbreviate(id) + "'.", null, false, false);
    this.param = param;
  }

  public String param() {
    return param;
  }

  private static String abbreviate(String id) {
    return id == null || id.length() <= 80 ? id : id.substring(0, 80) + "…";
  }
}
