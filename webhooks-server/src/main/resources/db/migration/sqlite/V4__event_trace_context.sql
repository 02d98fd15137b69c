-- The W3C traceparent of the publish (tracing on), so that every delivery attempt — on any
-- thread or node, however much later — continues the publish's trace. NULL when not traced.
ALTER TABLE events ADD COLUMN traceparent TEXT;
