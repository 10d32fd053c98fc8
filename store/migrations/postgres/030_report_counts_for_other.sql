-- The receiving view of Biểu II.06a (issue 17) shows, for each receiving
-- unit, the dossiers it received for another authority (dossiers.for_other).
-- The counters gain that count; they are emptied here and rebuilt from the
-- dossiers on the first start after this migration (store/report_counts.go
-- fillReportCounts), so that dossiers received for others before it count.
ALTER TABLE report_counts ADD COLUMN for_other INTEGER NOT NULL DEFAULT 0;
DELETE FROM report_counts;
