-- The tables every publish and every attempt write to carry no foreign keys on PostgreSQL.
--
-- Each key cost a trigger per inserted row (a lookup in the parent's primary key) and a
-- FOR KEY SHARE lock on the parent row. Concurrent publishes lock the same account and endpoint
-- rows, so those locks become multixacts: shared state every concurrent transaction rewrites. Set
-- against a bulk insert of 300,000 deliveries, the two keys on deliveries doubled its time (4.8 s
-- against 2.1 s on this schema).
--
-- What the keys guarded still holds without them: a delivery is inserted in the same transaction
-- as its event, for endpoints and an account read inside that transaction; an attempt is written
-- for a delivery it has just leased; and no event, endpoint, delivery or account is ever deleted
-- (endpoints are marked deleted and keep their row). The keys on the configuration tables stay.
--
-- SQLite keeps its keys: there a check is a lookup in the same process (about 5 µs per attempt
-- row, measured), and dropping one would mean rebuilding the table.
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_account_id_fkey;
ALTER TABLE deliveries DROP CONSTRAINT IF EXISTS deliveries_event_id_fkey;
ALTER TABLE deliveries DROP CONSTRAINT IF EXISTS deliveries_endpoint_id_fkey;
ALTER TABLE attempts DROP CONSTRAINT IF EXISTS attempts_delivery_id_fkey;
