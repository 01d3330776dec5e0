--
-- Raw SQL operation
--
COMMENT ON TABLE "events_event" IS 'One performance; a tour is several events';
COMMENT ON COLUMN "events_event"."status" IS 'draft, published, cancelled or postponed';
COMMENT ON COLUMN "events_event"."search" IS 'Generated; title weighs more than description';
