-- CreateTable
CREATE TABLE "FeatureFlag" (
    "key" TEXT NOT NULL,
    "description" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "rollout" INTEGER NOT NULL DEFAULT 0,
    "organizations" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "FeatureFlag_pkey" PRIMARY KEY ("key")
);

INSERT INTO "FeatureFlag" ("key", "description", "enabled", "rollout") VALUES
    ('new-editor', 'Block editor for posts', false, 0),
    ('kanban', 'Kanban board for tasks', true, 100),
    ('ai-summaries', 'Summaries of long comment threads', false, 5);
