-- 500,000 older deliveries (a fifth still pending, due far ahead), so plans are those of a real table.
INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count, next_attempt_at, created_at, updated_at)
 SELECT 'old_' || g, 'acc_1', 'oev_' || (g/10), 'ep_' || (g%10), 'test.submitted', CASE WHEN g % 5 = 0 THEN 'pending' ELSE 'delivered' END, 0, CASE WHEN g % 5 = 0 THEN 2000000000000 ELSE NULL END, 1, 1 FROM generate_series(1,500000) g;
INSERT INTO dqueue SELECT 'old_' || g, 'ep_' || (g%10), 2000000000000, NULL, NULL FROM generate_series(5,500000,5) g;
ANALYZE;
