-- CreateTable
CREATE TABLE "Country" (
    "code" CHAR(2) NOT NULL,
    "name" TEXT NOT NULL,
    "phonePrefix" TEXT,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("code")
);

-- Seed
INSERT INTO "Country" ("code", "name", "phonePrefix") VALUES
    ('AT', 'Austria', '+43'), ('BE', 'Belgium', '+32'), ('CH', 'Switzerland', '+41'),
    ('DE', 'Germany', '+49'), ('DK', 'Denmark', '+45'), ('ES', 'Spain', '+34'),
    ('FI', 'Finland', '+358'), ('FR', 'France', '+33'), ('GB', 'United Kingdom', '+44'),
    ('IE', 'Ireland', '+353'), ('IT', 'Italy', '+39'), ('NL', 'Netherlands', '+31'),
    ('NO', 'Norway', '+47'), ('PL', 'Poland', '+48'), ('PT', 'Portugal', '+351'),
    ('SE', 'Sweden', '+46'), ('US', 'United States', '+1');
