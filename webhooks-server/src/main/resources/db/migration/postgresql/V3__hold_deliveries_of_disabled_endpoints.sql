-- A disabled endpoint's pending deliveries wait outside the queue, with no due time, until it is
-- enabled again (HoldDeliveriesOfDisabledEndpoint does it when an endpoint is switched off). This
-- holds those of endpoints that were already disabled before that. Deliveries leased to a node are
-- left to their attempt, as the listener leaves them.
UPDATE deliveries SET next_attempt_at = NULL, lease_expires_at = NULL
 WHERE status = 'pending' AND lease_owner IS NULL
   AND endpoint_id IN (SELECT id FROM endpoints WHERE status = 'disabled' AND deleted_at IS NULL);
