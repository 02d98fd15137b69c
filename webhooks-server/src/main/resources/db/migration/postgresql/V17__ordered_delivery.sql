-- Ordered delivery. An endpoint with ordering 'fifo' sends its deliveries one line at a time: a
-- line is the endpoint's deliveries with the same value at ordering_key in the event's data (or
-- all of them without a key, or those whose data lacks the key: the keyless line). Only a line's
-- head is claimable; the deliveries behind it are 'queued': pending, no due time, no lease. The
-- recording of the head's end (succeeded, or failed: the dead letter) makes the next one due in
-- the same transaction. Unordered endpoints store nothing new (line stays NULL).
ALTER TABLE endpoints ADD COLUMN ordering TEXT NOT NULL DEFAULT 'none';
ALTER TABLE endpoints ADD CONSTRAINT endpoints_ordering_known CHECK (ordering IN ('none', 'fifo'));
-- A dotted path into the event's data, or NULL: one line for the whole endpoint.
ALTER TABLE endpoints ADD COLUMN ordering_key TEXT;

-- line: '' for the keyless line, else the key's value as JSON text (or '#' and its SHA-256 when
-- long); NULL for an unordered delivery. line_seq: its place in the line, from delivery_lines.
ALTER TABLE deliveries ADD COLUMN line TEXT;
ALTER TABLE deliveries ADD COLUMN line_seq BIGINT;

-- The state CHECKs of V10 with 'queued' added (deliveries_status_of_state already makes it pending). NOT VALID: every existing row satisfies the
-- stricter constraints they replace, and validating would scan the whole table under this
-- migration's lock.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_state_known;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_state_known
  CHECK (state IN ('waiting', 'leased', 'parked', 'held', 'queued', 'succeeded', 'failed', 'cancelled')) NOT VALID;
ALTER TABLE deliveries DROP CONSTRAINT deliveries_due_unless_held_or_ended;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_due_unless_held_or_ended
  CHECK ((next_attempt_at IS NULL) = (state IN ('held', 'queued', 'succeeded', 'failed', 'cancelled'))) NOT VALID;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_line_whole
  CHECK ((line IS NULL) = (line_seq IS NULL)) NOT VALID;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_queued_in_line
  CHECK (state <> 'queued' OR line IS NOT NULL) NOT VALID;

-- The pending deliveries of each line in line order: whether a line has a head, and which queued
-- delivery comes next. Unordered and ended deliveries are not in it, so they cost it nothing.
CREATE INDEX deliveries_in_line ON deliveries (endpoint_id, line, line_seq)
  WHERE status = 'pending' AND line IS NOT NULL;

-- One row per line with pending deliveries: the last place given out. Its row lock orders a
-- line's publishes, hand retries and promotions on every node (each takes it before reading the
-- line), so two deliveries of one line never both find the line empty. Deleted when the line
-- empties. No foreign key: the endpoint purge deletes these rows with the endpoint.
CREATE TABLE delivery_lines (
  endpoint_id TEXT NOT NULL,
  line        TEXT NOT NULL,
  last_seq    BIGINT NOT NULL,
  PRIMARY KEY (endpoint_id, line)
);
