-- A unit dissolved or merged (valid_to set) names the unit that took over
-- its work: reports can roll its history up to today's successor.
ALTER TABLE units ADD COLUMN successor_id BIGINT NOT NULL DEFAULT 0;
