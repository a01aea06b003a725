-- migrate:up
-- The sequencer takes queued deposits (?wait=false) oldest first, a few thousand at a time
-- (`ORDER BY enqueued_at, deposit_id LIMIT n FOR UPDATE SKIP LOCKED`). Without an index in that
-- order every take read and sorted the whole queue: under bulk ?wait=false load the queue grew
-- faster than it was taken (2026-11-28: 357,000 deposits accepted in 20 s, 194,000 sealed).
CREATE INDEX sequence_queue_order_idx ON sequence_queue (enqueued_at, deposit_id);

-- migrate:down
DROP INDEX sequence_queue_order_idx;
