-- Keep updatedAt current for writes that bypass Prisma (SQL consoles, scripts)
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$
BEGIN
    NEW."updatedAt" := now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Project_set_updated_at" BEFORE UPDATE ON "Project"
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
