-- The W3C traceparent of the publish (tracing on), so that every delivery attempt — on any
-- thread or node, however much later — continues the publish's trace. NULL when not traced.
-- A nullable column without a default: added without rewriting the table.
ALTER TABLE events ADD COLUMN traceparent TEXT;
