--
-- Alter field attendee_name on ticket
--
ALTER TABLE "tickets_ticket" ALTER COLUMN "attendee_name" TYPE varchar(200);
