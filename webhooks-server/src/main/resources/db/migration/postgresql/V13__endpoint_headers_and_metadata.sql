-- Custom headers an endpoint's deliveries carry (#18). Their names are shown on every read and
-- kept in clear, comma-separated (a header name is an HTTP token: it holds no comma); the names
-- with their values are encrypted like signing secrets (AES-256-GCM, bound to the endpoint), as
-- values are often credentials. Both NULL when the endpoint has none.
ALTER TABLE endpoints ADD COLUMN custom_header_names TEXT;
ALTER TABLE endpoints ADD COLUMN custom_headers TEXT;
