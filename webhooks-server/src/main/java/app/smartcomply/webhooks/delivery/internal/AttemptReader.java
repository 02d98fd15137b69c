package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.Attempt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads the attempts of a delivery back, oldest first. */
@Component
public final class AttemptReader {

  private final JdbcClient jdbc;
  private final HeaderCodec headers;

  AttemptReader(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.headers = new HeaderCodec(json);
  }

  public List<Attempt> forDelivery(String deliveryId) {
    return jdbc.sql("""
            SELECT id, delivery_id, attempt_number, started_at, duration_ms, request_url, request_headers,
                   response_status, response_headers, response_body, response_body_truncated, error
              FROM attempts WHERE delivery_id = ? ORDER BY id""")
        .param(deliveryId)
        .query((rs, n) -> {
          int status = rs.getInt(8);
          Integer responseStatus = rs.wasNull() ? null : status;
          byte[] body = rs.getBytes(10);
          return new Attempt(
              rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getString(6),
              headers.decode(rs.getString(7)), responseStatus, headers.decode(rs.getString(9)),
              body == null ? null : new String(body, StandardCharsets.UTF_8), rs.getInt(11) != 0, rs.getString(12));
        })
        .list();
  }
}
