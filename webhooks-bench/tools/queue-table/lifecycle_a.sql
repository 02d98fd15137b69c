-- One event of design A: its row and 10 deliveries, a lease of all 10 (as a claim), then 10 attempt
-- rows and 10 outcome updates (as a recorded group). All claimed: the worst case for A.
\set t random(1, 1000000000)
BEGIN;
SELECT nextval('s') AS e \gset
INSERT INTO events VALUES (('evt_' || lpad(to_hex(:e::bigint),28,'0')), 'acc_1', 'test.submitted', repeat('x', 400)::bytea, :t, NULL, NULL);
INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count, next_attempt_at, created_at, updated_at)
  SELECT ('evt_' || lpad(to_hex(:e::bigint),28,'0')) || '_' || g, 'acc_1', ('evt_' || lpad(to_hex(:e::bigint),28,'0')), 'ep_' || g, 'test.submitted', 'pending', 0, :t, :t, :t FROM generate_series(1,10) g;
COMMIT;
UPDATE deliveries SET lease_owner = 'node', lease_expires_at = (:t::bigint + 30000), next_attempt_at = (:t::bigint + 30000)
 WHERE id IN (SELECT id FROM deliveries WHERE id IN (SELECT ('evt_' || lpad(to_hex(:e::bigint),28,'0')) || '_' || g FROM generate_series(1,10) g) AND status = 'pending' AND next_attempt_at <= (:t::bigint + 1) FOR UPDATE SKIP LOCKED);
BEGIN;
INSERT INTO attempts SELECT ('evt_' || lpad(to_hex(:e::bigint),28,'0')) || '_' || g || 'a', ('evt_' || lpad(to_hex(:e::bigint),28,'0')) || '_' || g, 1, :t, 3, 'https://x.example/hook', '{"a":"b"}', 200, '{}', ''::bytea, 0, NULL FROM generate_series(1,10) g;
UPDATE deliveries SET status = 'delivered', attempt_count = 1, next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, last_status = 200, last_error = NULL, last_attempt_at = :t, updated_at = :t
 WHERE id IN (SELECT ('evt_' || lpad(to_hex(:e::bigint),28,'0')) || '_' || g FROM generate_series(1,10) g) AND lease_owner = 'node' AND status = 'pending';
COMMIT;
