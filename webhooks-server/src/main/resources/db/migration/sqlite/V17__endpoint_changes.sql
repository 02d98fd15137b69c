-- A token that changes with every change to what a publish reads of endpoints. The service keeps
-- each account's list of endpoints in memory and uses it only while the token is the one it read
-- before querying the list (AccountEndpointLists, decision 028). The token is random, not counted:
-- a rolled-back change restores the previous token, and a count would then hand out the rolled-back
-- value a second time, for other contents.
CREATE TABLE endpoint_changes (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  token INTEGER NOT NULL
);
INSERT INTO endpoint_changes (id, token) VALUES (1, random());

CREATE TRIGGER endpoint_inserted AFTER INSERT ON endpoints
BEGIN
  UPDATE endpoint_changes SET token = random() WHERE id = 1;
END;

CREATE TRIGGER endpoint_deleted AFTER DELETE ON endpoints
BEGIN
  UPDATE endpoint_changes SET token = random() WHERE id = 1;
END;

-- Every column the publish's query reads or selects by. Delivery health (failing_since,
-- last_success_at), rate limits, headers and descriptions change without touching the token.
CREATE TRIGGER endpoint_changed
AFTER UPDATE OF account_id, mode, kind, status, deleted_at, url, event_types, filter, ordering, ordering_key
ON endpoints
BEGIN
  UPDATE endpoint_changes SET token = random() WHERE id = 1;
END;
