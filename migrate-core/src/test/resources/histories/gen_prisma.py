"""The Prisma history: a team workspace app, in prisma/migrations layout and Prisma's SQL style."""
import datetime
import os

from gen_common import Clock, reset, write


def table(name, columns, pk='"id"'):
    body = ",\n".join("    " + c for c in columns)
    return f'-- CreateTable\nCREATE TABLE "{name}" (\n{body},\n\n    CONSTRAINT "{name}_pkey" PRIMARY KEY ({pk})\n);\n'


def unique(table_name, *cols):
    name = f'{table_name}_{"_".join(cols)}_key'
    col_list = ", ".join(f'"{c}"' for c in cols)
    return f'-- CreateIndex\nCREATE UNIQUE INDEX "{name}" ON "{table_name}"({col_list});\n'


def index(table_name, *cols):
    name = f'{table_name}_{"_".join(cols)}_idx'
    col_list = ", ".join(f'"{c}"' for c in cols)
    return f'-- CreateIndex\nCREATE INDEX "{name}" ON "{table_name}"({col_list});\n'


def fk(table_name, col, ref, on_delete="RESTRICT", ref_col="id"):
    return (f'-- AddForeignKey\nALTER TABLE "{table_name}" ADD CONSTRAINT "{table_name}_{col}_fkey" FOREIGN KEY ("{col}") '
            f'REFERENCES "{ref}"("{ref_col}") ON DELETE {on_delete} ON UPDATE CASCADE;\n')


def warnings(*lines):
    items = "\n".join(f"  - {line}" for line in lines)
    return f"/*\n  Warnings:\n\n{items}\n\n*/\n"


def migrations():
    m = []
    add = lambda name, *parts: m.append((name, "\n".join(parts)))

    add("init",
        '-- CreateEnum\nCREATE TYPE "Role" AS ENUM (\'USER\', \'ADMIN\');\n',
        table("User", ['"id" SERIAL NOT NULL', '"email" TEXT NOT NULL', '"name" TEXT',
                       '"role" "Role" NOT NULL DEFAULT \'USER\'',
                       '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        table("Post", ['"id" SERIAL NOT NULL', '"title" VARCHAR(191) NOT NULL', '"content" TEXT',
                       '"published" BOOLEAN NOT NULL DEFAULT false', '"authorId" INTEGER NOT NULL',
                       '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        unique("User", "email"),
        fk("Post", "authorId", "User"))
    add("add_profile",
        table("Profile", ['"id" SERIAL NOT NULL', '"bio" TEXT', '"userId" INTEGER NOT NULL']),
        unique("Profile", "userId"),
        fk("Profile", "userId", "User", "CASCADE"))
    add("comments",
        table("Comment", ['"id" SERIAL NOT NULL', '"body" TEXT NOT NULL', '"postId" INTEGER NOT NULL',
                          '"authorId" INTEGER NOT NULL', '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        fk("Comment", "postId", "Post", "CASCADE"),
        fk("Comment", "authorId", "User"))
    add("tags",
        table("Tag", ['"id" SERIAL NOT NULL', '"name" TEXT NOT NULL']),
        '-- CreateTable\nCREATE TABLE "_PostToTag" (\n    "A" INTEGER NOT NULL,\n    "B" INTEGER NOT NULL\n);\n',
        unique("Tag", "name"),
        '-- CreateIndex\nCREATE UNIQUE INDEX "_PostToTag_AB_unique" ON "_PostToTag"("A", "B");\n',
        '-- CreateIndex\nCREATE INDEX "_PostToTag_B_index" ON "_PostToTag"("B");\n',
        '-- AddForeignKey\nALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;\n',
        '-- AddForeignKey\nALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;\n')
    add("post_updated_at",
        '-- AlterTable\nALTER TABLE "Post" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;\n')
    add("user_updated_at",
        '-- AlterTable\nALTER TABLE "User" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\nADD COLUMN     "image" TEXT;\n')
    add("post_author_index", index("Post", "authorId"))
    add("comment_indexes", index("Comment", "postId"), index("Comment", "authorId", "createdAt"))
    # Seed rows the app read at startup; dropped again much later (see drop_country).
    add("countries",
        table("Country", ['"code" CHAR(2) NOT NULL', '"name" TEXT NOT NULL', '"phonePrefix" TEXT'], pk='"code"'),
        "-- Seed\nINSERT INTO \"Country\" (\"code\", \"name\", \"phonePrefix\") VALUES\n"
        "    ('AT', 'Austria', '+43'), ('BE', 'Belgium', '+32'), ('CH', 'Switzerland', '+41'),\n"
        "    ('DE', 'Germany', '+49'), ('DK', 'Denmark', '+45'), ('ES', 'Spain', '+34'),\n"
        "    ('FI', 'Finland', '+358'), ('FR', 'France', '+33'), ('GB', 'United Kingdom', '+44'),\n"
        "    ('IE', 'Ireland', '+353'), ('IT', 'Italy', '+39'), ('NL', 'Netherlands', '+31'),\n"
        "    ('NO', 'Norway', '+47'), ('PL', 'Poland', '+48'), ('PT', 'Portugal', '+351'),\n"
        "    ('SE', 'Sweden', '+46'), ('US', 'United States', '+1');\n")
    add("profile_country",
        '-- AlterTable\nALTER TABLE "Profile" ADD COLUMN     "countryCode" CHAR(2);\n',
        fk("Profile", "countryCode", "Country", "SET NULL", "code"))
    add("organizations",
        '-- CreateEnum\nCREATE TYPE "Plan" AS ENUM (\'FREE\', \'PRO\');\n',
        table("Organization", ['"id" TEXT NOT NULL', '"name" TEXT NOT NULL', '"slug" TEXT NOT NULL',
                               '"plan" "Plan" NOT NULL DEFAULT \'FREE\'',
                               '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        table("Membership", ['"id" TEXT NOT NULL', '"organizationId" TEXT NOT NULL', '"userId" INTEGER NOT NULL',
                             '"role" "Role" NOT NULL DEFAULT \'USER\'']),
        unique("Organization", "slug"),
        unique("Membership", "organizationId", "userId"),
        fk("Membership", "organizationId", "Organization", "CASCADE"),
        fk("Membership", "userId", "User", "CASCADE"))
    add("seed_staff_accounts",
        "-- Staff accounts and the internal organization, needed by the admin console\n"
        "INSERT INTO \"User\" (\"email\", \"name\", \"role\") VALUES\n"
        "    ('ops@example.com', 'Olga Petrova', 'ADMIN'),\n"
        "    ('support@example.com', 'Sam Reyes', 'USER'),\n"
        "    ('billing@example.com', 'Bea Lindqvist', 'USER'),\n"
        "    ('bot@example.com', 'Release Bot', 'USER');\n\n"
        "INSERT INTO \"Organization\" (\"id\", \"name\", \"slug\", \"plan\") VALUES\n"
        "    ('org_internal', 'Example Internal', 'example-internal', 'PRO');\n\n"
        "INSERT INTO \"Membership\" (\"id\", \"organizationId\", \"userId\", \"role\")\n"
        "    SELECT 'mem_' || u.\"id\", 'org_internal', u.\"id\", u.\"role\" FROM \"User\" u;\n")
    add("empty_placeholder", "-- This is an empty migration.")
    add("add_moderator_role", '-- AlterEnum\nALTER TYPE "Role" ADD VALUE \'MODERATOR\';\n')
    add("post_slug",
        warnings("Added the required column `slug` to the `Post` table without a default value. This is not possible if the table is not empty."),
        '-- AlterTable\nALTER TABLE "Post" ADD COLUMN     "slug" TEXT NOT NULL;\n',
        unique("Post", "slug"))
    add("sessions_accounts",
        table("Account", ['"id" TEXT NOT NULL', '"userId" INTEGER NOT NULL', '"type" TEXT NOT NULL', '"provider" TEXT NOT NULL',
                          '"providerAccountId" TEXT NOT NULL', '"refresh_token" TEXT', '"access_token" TEXT',
                          '"expires_at" INTEGER', '"token_type" TEXT', '"scope" TEXT', '"id_token" TEXT', '"session_state" TEXT']),
        table("Session", ['"id" TEXT NOT NULL', '"sessionToken" TEXT NOT NULL', '"userId" INTEGER NOT NULL',
                          '"expires" TIMESTAMP(3) NOT NULL']),
        table("VerificationToken", ['"identifier" TEXT NOT NULL', '"token" TEXT NOT NULL', '"expires" TIMESTAMP(3) NOT NULL'],
              pk='"identifier", "token"'),
        unique("Account", "provider", "providerAccountId"),
        unique("Session", "sessionToken"),
        fk("Account", "userId", "User", "CASCADE"),
        fk("Session", "userId", "User", "CASCADE"))
    add("user_email_verified",
        '-- AlterTable\nALTER TABLE "User" ADD COLUMN     "emailVerified" TIMESTAMP(3);\n')
    add("projects",
        '-- CreateEnum\nCREATE TYPE "ProjectStatus" AS ENUM (\'ACTIVE\', \'ARCHIVED\');\n',
        table("Project", ['"id" TEXT NOT NULL', '"organizationId" TEXT NOT NULL', '"name" VARCHAR(100) NOT NULL',
                          '"description" TEXT', '"status" "ProjectStatus" NOT NULL DEFAULT \'ACTIVE\'',
                          '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP',
                          '"updatedAt" TIMESTAMP(3) NOT NULL']),
        index("Project", "organizationId"),
        fk("Project", "organizationId", "Organization", "CASCADE"))
    add("tasks",
        '-- CreateEnum\nCREATE TYPE "TaskPriority" AS ENUM (\'LOW\', \'MEDIUM\', \'HIGH\');\n',
        table("Task", ['"id" SERIAL NOT NULL', '"projectId" TEXT NOT NULL', '"title" TEXT NOT NULL',
                       '"done" BOOLEAN NOT NULL DEFAULT false', '"priority" "TaskPriority" NOT NULL DEFAULT \'MEDIUM\'',
                       '"assigneeId" INTEGER', '"dueAt" TIMESTAMP(3)', '"position" INTEGER NOT NULL DEFAULT 0']),
        fk("Task", "projectId", "Project", "CASCADE"),
        fk("Task", "assigneeId", "User", "SET NULL"))
    add("task_indexes", index("Task", "projectId", "position"), index("Task", "assigneeId"))
    add("add_urgent_priority", '-- AlterEnum\nALTER TYPE "TaskPriority" ADD VALUE \'URGENT\';\n')
    add("labels",
        table("Label", ['"id" SERIAL NOT NULL', '"projectId" TEXT NOT NULL', '"name" TEXT NOT NULL', '"color" CHAR(7) NOT NULL DEFAULT \'#999999\'']),
        '-- CreateTable\nCREATE TABLE "_LabelToTask" (\n    "A" INTEGER NOT NULL,\n    "B" INTEGER NOT NULL\n);\n',
        unique("Label", "projectId", "name"),
        '-- CreateIndex\nCREATE UNIQUE INDEX "_LabelToTask_AB_unique" ON "_LabelToTask"("A", "B");\n',
        '-- CreateIndex\nCREATE INDEX "_LabelToTask_B_index" ON "_LabelToTask"("B");\n',
        fk("Label", "projectId", "Project", "CASCADE"),
        '-- AddForeignKey\nALTER TABLE "_LabelToTask" ADD CONSTRAINT "_LabelToTask_A_fkey" FOREIGN KEY ("A") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;\n',
        '-- AddForeignKey\nALTER TABLE "_LabelToTask" ADD CONSTRAINT "_LabelToTask_B_fkey" FOREIGN KEY ("B") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;\n')
    add("label_color_check",
        "-- Colours are written by the picker as #rrggbb\n"
        'ALTER TABLE "Label" ADD CONSTRAINT "Label_color_check" CHECK ("color" ~ \'^#[0-9a-fA-F]{6}$\');\n')
    add("post_title_length",
        '-- AlterTable\nALTER TABLE "Post" ALTER COLUMN "title" SET DATA TYPE VARCHAR(500);\n')
    add("invitations",
        table("Invitation", ['"id" TEXT NOT NULL', '"organizationId" TEXT NOT NULL', '"email" TEXT NOT NULL',
                             '"token" TEXT NOT NULL', '"role" "Role" NOT NULL DEFAULT \'USER\'',
                             '"invitedById" INTEGER', '"expiresAt" TIMESTAMP(3) NOT NULL',
                             '"acceptedAt" TIMESTAMP(3)']),
        unique("Invitation", "token"),
        index("Invitation", "organizationId", "email"))
    add("invitation_fks",
        fk("Invitation", "organizationId", "Organization", "CASCADE"),
        fk("Invitation", "invitedById", "User", "SET NULL"))
    add("user_settings_json",
        "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"settings\" JSONB NOT NULL DEFAULT '{}';\n")
    add("empty_after_revert", "-- This is an empty migration.")
    add("audit_log",
        table("AuditLog", ['"id" UUID NOT NULL DEFAULT gen_random_uuid()', '"organizationId" TEXT NOT NULL',
                           '"actorId" INTEGER', '"action" TEXT NOT NULL', '"target" TEXT',
                           '"metadata" JSONB', '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        index("AuditLog", "organizationId", "createdAt"))
    add("audit_log_concurrent_index",
        "-- Hand-written: the audit log is large in production, build without blocking writes\n"
        'CREATE INDEX CONCURRENTLY "AuditLog_actorId_idx" ON "AuditLog"("actorId");\n')
    add("post_tags_array",
        "-- AlterTable\nALTER TABLE \"Post\" ADD COLUMN     \"keywords\" TEXT[] DEFAULT ARRAY[]::TEXT[];\n")
    add("post_keywords_gin",
        '-- CreateIndex\nCREATE INDEX "Post_keywords_idx" ON "Post" USING GIN ("keywords");\n')
    add("notifications",
        '-- CreateEnum\nCREATE TYPE "NotificationKind" AS ENUM (\'COMMENT\', \'MENTION\', \'INVITE\');\n',
        table("Notification", ['"id" BIGSERIAL NOT NULL', '"userId" INTEGER NOT NULL', '"kind" "NotificationKind" NOT NULL',
                               '"payload" JSONB NOT NULL', '"readAt" TIMESTAMP(3)',
                               '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        fk("Notification", "userId", "User", "CASCADE"))
    add("unread_notifications_partial_index",
        "-- Partial index: the bell icon only ever asks for unread notifications\n"
        'CREATE INDEX "Notification_userId_unread_idx" ON "Notification" ("userId", "createdAt" DESC) WHERE "readAt" IS NULL;\n')
    add("add_reaction_notification", '-- AlterEnum\nALTER TYPE "NotificationKind" ADD VALUE \'REACTION\' BEFORE \'INVITE\';\n')
    add("reactions",
        table("Reaction", ['"id" SERIAL NOT NULL', '"emoji" VARCHAR(16) NOT NULL', '"userId" INTEGER NOT NULL',
                           '"commentId" INTEGER NOT NULL']),
        unique("Reaction", "userId", "commentId", "emoji"),
        fk("Reaction", "userId", "User", "CASCADE"),
        fk("Reaction", "commentId", "Comment", "CASCADE"))
    add("user_email_lower_unique",
        "-- Emails are compared case-insensitively at login\n"
        'CREATE UNIQUE INDEX "User_email_lower_key" ON "User" (lower("email"));\n')
    add("updated_at_trigger",
        "-- Keep updatedAt current for writes that bypass Prisma (SQL consoles, scripts)\n"
        "CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$\n"
        "BEGIN\n"
        "    NEW.\"updatedAt\" := now();\n"
        "    RETURN NEW;\n"
        "END;\n"
        "$$ LANGUAGE plpgsql;\n\n"
        'CREATE TRIGGER "Project_set_updated_at" BEFORE UPDATE ON "Project"\n'
        "    FOR EACH ROW EXECUTE FUNCTION set_updated_at();\n")
    add("post_trigger",
        'CREATE TRIGGER "Post_set_updated_at" BEFORE UPDATE ON "Post"\n    FOR EACH ROW EXECUTE FUNCTION set_updated_at();\n')
    add("api_keys",
        table("ApiKey", ['"id" TEXT NOT NULL', '"organizationId" TEXT NOT NULL', '"name" TEXT NOT NULL',
                         '"hashedKey" TEXT NOT NULL', '"prefix" VARCHAR(8) NOT NULL', '"lastUsedAt" TIMESTAMP(3)',
                         '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP', '"revokedAt" TIMESTAMP(3)']),
        unique("ApiKey", "hashedKey"),
        fk("ApiKey", "organizationId", "Organization", "CASCADE"))
    add("webhooks",
        table("Webhook", ['"id" TEXT NOT NULL', '"organizationId" TEXT NOT NULL', '"url" TEXT NOT NULL',
                          '"secret" TEXT NOT NULL', '"events" TEXT[]', '"active" BOOLEAN NOT NULL DEFAULT true']),
        table("WebhookDelivery", ['"id" BIGSERIAL NOT NULL', '"webhookId" TEXT NOT NULL', '"event" TEXT NOT NULL',
                                  '"status" INTEGER', '"requestBody" JSONB NOT NULL', '"responseBody" TEXT',
                                  '"attempt" INTEGER NOT NULL DEFAULT 1',
                                  '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        index("WebhookDelivery", "webhookId", "createdAt"))
    add("webhook_fks",
        fk("Webhook", "organizationId", "Organization", "CASCADE"),
        fk("WebhookDelivery", "webhookId", "Webhook", "CASCADE"))
    # A temporary column: created, filled from the old column and dropped in one hand-edited migration.
    add("split_user_name",
        warnings("You are about to drop the column `name` on the `User` table. All the data in the column will be lost."),
        '-- AlterTable\nALTER TABLE "User" ADD COLUMN     "firstName" TEXT,\nADD COLUMN     "lastName" TEXT,\nADD COLUMN     "name_tmp" TEXT;\n',
        '-- Hand-edited: keep the names Prisma would drop\nUPDATE "User" SET "name_tmp" = "name";\n'
        'UPDATE "User" SET "firstName" = split_part("name_tmp", \' \', 1),\n'
        '                  "lastName" = nullif(substr("name_tmp", length(split_part("name_tmp", \' \', 1)) + 2), \'\');\n',
        '-- AlterTable\nALTER TABLE "User" DROP COLUMN "name",\nDROP COLUMN "name_tmp";\n')
    add("user_display_name_generated",
        "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"displayName\" TEXT GENERATED ALWAYS AS (coalesce(\"firstName\" || ' ' || \"lastName\", \"firstName\", \"email\")) STORED;\n")
    add("invoices",
        '-- CreateEnum\nCREATE TYPE "InvoiceStatus" AS ENUM (\'DRAFT\', \'OPEN\', \'PAID\', \'VOID\');\n',
        table("Invoice", ['"id" TEXT NOT NULL', '"organizationId" TEXT NOT NULL', '"number" INTEGER NOT NULL',
                          '"status" "InvoiceStatus" NOT NULL DEFAULT \'DRAFT\'', '"amountCents" INTEGER NOT NULL',
                          '"currency" CHAR(3) NOT NULL DEFAULT \'EUR\'', '"issuedAt" TIMESTAMP(3)',
                          '"dueAt" TIMESTAMP(3)']),
        unique("Invoice", "organizationId", "number"),
        fk("Invoice", "organizationId", "Organization", "RESTRICT"))
    add("invoice_number_sequence",
        "-- Invoice numbers are global and gapless enough for accounting\n"
        "CREATE SEQUENCE invoice_number_seq START WITH 10001 INCREMENT BY 1 NO CYCLE;\n"
        "ALTER TABLE \"Invoice\" ALTER COLUMN \"number\" SET DEFAULT nextval('invoice_number_seq');\n"
        "ALTER SEQUENCE invoice_number_seq OWNED BY \"Invoice\".\"number\";\n")
    add("invoice_amount_bigint",
        '-- AlterTable\nALTER TABLE "Invoice" ALTER COLUMN "amountCents" SET DATA TYPE BIGINT;\n')
    add("invoice_amount_check",
        'ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_amountCents_check" CHECK ("amountCents" >= 0);\n')
    add("subscriptions",
        table("Subscription", ['"id" TEXT NOT NULL', '"organizationId" TEXT NOT NULL', '"stripeCustomerId" TEXT',
                               '"stripeSubscriptionId" TEXT', '"plan" "Plan" NOT NULL', '"seats" INTEGER NOT NULL DEFAULT 1',
                               '"currentPeriodEnd" TIMESTAMP(3)', '"cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false']),
        unique("Subscription", "organizationId"),
        unique("Subscription", "stripeSubscriptionId"),
        fk("Subscription", "organizationId", "Organization", "CASCADE"))
    add("add_enterprise_plan", "-- AlterEnum\nALTER TYPE \"Plan\" ADD VALUE 'ENTERPRISE';\n")
    add("add_team_plan", "-- AlterEnum\nALTER TYPE \"Plan\" ADD VALUE IF NOT EXISTS 'TEAM' AFTER 'PRO';\n")
    add("empty_plan_followup", "-- This is an empty migration.")
    add("attachments",
        table("Attachment", ['"id" UUID NOT NULL DEFAULT gen_random_uuid()', '"taskId" INTEGER NOT NULL',
                             '"uploadedById" INTEGER', '"fileName" TEXT NOT NULL', '"mimeType" TEXT NOT NULL',
                             '"sizeBytes" INTEGER NOT NULL', '"storageKey" TEXT NOT NULL',
                             '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        unique("Attachment", "storageKey"),
        index("Attachment", "taskId"),
        fk("Attachment", "taskId", "Task", "CASCADE"),
        fk("Attachment", "uploadedById", "User", "SET NULL"))
    add("attachment_size_bigint",
        '-- AlterTable\nALTER TABLE "Attachment" ALTER COLUMN "sizeBytes" SET DATA TYPE BIGINT;\n')
    add("bookmarks",
        table("Bookmark", ['"userId" INTEGER NOT NULL', '"postId" INTEGER NOT NULL',
                           '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP'], pk='"userId","postId"'),
        fk("Bookmark", "userId", "User", "CASCADE"),
        fk("Bookmark", "postId", "Post", "CASCADE"))
    add("published_posts_view",
        "-- Read by the public site's sitemap job\n"
        'CREATE VIEW "PublishedPost" AS\n'
        '    SELECT p."id", p."slug", p."title", p."createdAt", u."email" AS "authorEmail"\n'
        '    FROM "Post" p JOIN "User" u ON u."id" = p."authorId"\n'
        '    WHERE p."published";\n')
    add("post_published_at",
        '-- AlterTable\nALTER TABLE "Post" ADD COLUMN     "publishedAt" TIMESTAMP(3);\n',
        '-- Backfill from the old flag\nUPDATE "Post" SET "publishedAt" = "updatedAt" WHERE "published";\n')
    add("published_posts_view_v2",
        "-- The sitemap wants publishedAt and the author's display name\n"
        'CREATE OR REPLACE VIEW "PublishedPost" AS\n'
        '    SELECT p."id", p."slug", p."title", p."createdAt", u."email" AS "authorEmail",\n'
        '           p."publishedAt", u."displayName" AS "authorName"\n'
        '    FROM "Post" p JOIN "User" u ON u."id" = p."authorId"\n'
        '    WHERE p."published";\n')
    add("task_search",
        "-- Full-text search on tasks\n"
        "ALTER TABLE \"Task\" ADD COLUMN \"search\" tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(\"title\", ''))) STORED;\n"
        'CREATE INDEX "Task_search_idx" ON "Task" USING GIN ("search");\n')
    add("rename_task_done",
        '-- AlterTable\nALTER TABLE "Task" RENAME COLUMN "done" TO "completed";\n')
    add("task_completed_at",
        '-- AlterTable\nALTER TABLE "Task" ADD COLUMN     "completedAt" TIMESTAMP(3);\n')
    add("pg_trgm",
        "-- CreateExtension\nCREATE EXTENSION IF NOT EXISTS \"pg_trgm\";\n")
    add("organization_name_trgm",
        'CREATE INDEX CONCURRENTLY "Organization_name_trgm_idx" ON "Organization" USING GIN ("name" gin_trgm_ops);\n')
    add("feature_flags",
        table("FeatureFlag", ['"key" TEXT NOT NULL', '"description" TEXT', '"enabled" BOOLEAN NOT NULL DEFAULT false',
                              '"rollout" INTEGER NOT NULL DEFAULT 0', '"organizations" TEXT[] DEFAULT ARRAY[]::TEXT[]'],
              pk='"key"'),
        "INSERT INTO \"FeatureFlag\" (\"key\", \"description\", \"enabled\", \"rollout\") VALUES\n"
        "    ('new-editor', 'Block editor for posts', false, 0),\n"
        "    ('kanban', 'Kanban board for tasks', true, 100),\n"
        "    ('ai-summaries', 'Summaries of long comment threads', false, 5);\n")
    add("feature_flag_rollout_check",
        'ALTER TABLE "FeatureFlag" ADD CONSTRAINT "FeatureFlag_rollout_check" CHECK ("rollout" BETWEEN 0 AND 100);\n')
    add("comment_edited",
        '-- AlterTable\nALTER TABLE "Comment" ADD COLUMN     "editedAt" TIMESTAMP(3),\nADD COLUMN     "deletedAt" TIMESTAMP(3);\n')
    add("comment_live_partial_index",
        'CREATE INDEX "Comment_postId_live_idx" ON "Comment"("postId", "createdAt") WHERE "deletedAt" IS NULL;\n')
    add("drop_comment_index",
        '-- DropIndex\nDROP INDEX "Comment_postId_idx";\n')
    add("rename_index_prisma5",
        '-- RenameIndex\nALTER INDEX "Comment_authorId_createdAt_idx" RENAME TO "Comment_author_created_idx";\n')
    add("teams",
        table("Team", ['"id" TEXT NOT NULL', '"organizationId" TEXT NOT NULL', '"name" TEXT NOT NULL',
                       '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        table("TeamMember", ['"teamId" TEXT NOT NULL', '"userId" INTEGER NOT NULL', '"lead" BOOLEAN NOT NULL DEFAULT false'],
              pk='"teamId","userId"'),
        unique("Team", "organizationId", "name"))
    add("team_fks",
        fk("Team", "organizationId", "Organization", "CASCADE"),
        fk("TeamMember", "teamId", "Team", "CASCADE"),
        fk("TeamMember", "userId", "User", "CASCADE"))
    add("project_team",
        '-- AlterTable\nALTER TABLE "Project" ADD COLUMN     "teamId" TEXT;\n',
        index("Project", "teamId"),
        fk("Project", "teamId", "Team", "SET NULL"))
    add("default_teams",
        "-- Every organisation gets a default team holding its members\n"
        "DO $$\n"
        "DECLARE\n"
        "    org RECORD;\n"
        "    team_id TEXT;\n"
        "BEGIN\n"
        "    FOR org IN SELECT \"id\" FROM \"Organization\" LOOP\n"
        "        team_id := gen_random_uuid()::text;\n"
        "        INSERT INTO \"Team\" (\"id\", \"organizationId\", \"name\") VALUES (team_id, org.\"id\", 'Everyone');\n"
        "        INSERT INTO \"TeamMember\" (\"teamId\", \"userId\")\n"
        "            SELECT team_id, m.\"userId\" FROM \"Membership\" m WHERE m.\"organizationId\" = org.\"id\";\n"
        "    END LOOP;\n"
        "END $$;\n")
    add("membership_created_at",
        '-- AlterTable\nALTER TABLE "Membership" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;\n')
    add("task_estimate",
        '-- AlterTable\nALTER TABLE "Task" ADD COLUMN     "estimate" DOUBLE PRECISION,\nADD COLUMN     "spentMinutes" INTEGER NOT NULL DEFAULT 0;\n')
    add("task_estimate_decimal",
        warnings("You are about to alter the column `estimate` on the `Task` table, which contains data. The data in that column could be lost. The data in that column will be cast from `DoublePrecision` to `Decimal(6,2)`."),
        '-- AlterTable\nALTER TABLE "Task" ALTER COLUMN "estimate" SET DATA TYPE DECIMAL(6,2);\n')
    add("empty_squash_marker", "-- This is an empty migration.")
    add("comments_on_tables",
        "COMMENT ON TABLE \"AuditLog\" IS 'Append-only; rows older than two years are archived to cold storage';\n"
        "COMMENT ON COLUMN \"ApiKey\".\"prefix\" IS 'First characters of the key, shown in the UI to tell keys apart';\n"
        "COMMENT ON COLUMN \"Invoice\".\"amountCents\" IS 'Total including tax, in the smallest unit of currency';\n")
    add("session_user_index", index("Session", "userId"))
    add("account_user_index", index("Account", "userId"))
    add("user_last_seen",
        '-- AlterTable\nALTER TABLE "User" ADD COLUMN     "lastSeenAt" TIMESTAMP(3),\nADD COLUMN     "timezone" TEXT NOT NULL DEFAULT \'UTC\';\n')
    add("user_locale",
        "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"locale\" VARCHAR(5) NOT NULL DEFAULT 'en';\n")
    add("user_locale_wider",
        "-- AlterTable\nALTER TABLE \"User\" ALTER COLUMN \"locale\" SET DATA TYPE VARCHAR(35);\n")
    add("drop_profile_country",
        '-- DropForeignKey\nALTER TABLE "Profile" DROP CONSTRAINT "Profile_countryCode_fkey";\n',
        '-- AlterTable\nALTER TABLE "Profile" ADD COLUMN     "country" TEXT;\n',
        'UPDATE "Profile" p SET "country" = c."name" FROM "Country" c WHERE c."code" = p."countryCode";\n',
        '-- AlterTable\nALTER TABLE "Profile" DROP COLUMN "countryCode";\n')
    add("drop_country",
        warnings("You are about to drop the `Country` table. If the table is not empty, all the data it contains will be lost."),
        '-- DropTable\nDROP TABLE "Country";\n')
    add("profile_fields",
        '-- AlterTable\nALTER TABLE "Profile" ADD COLUMN     "website" TEXT,\nADD COLUMN     "pronouns" VARCHAR(32),\nADD COLUMN     "links" JSONB NOT NULL DEFAULT \'[]\';\n')
    add("task_comments",
        table("TaskComment", ['"id" SERIAL NOT NULL', '"taskId" INTEGER NOT NULL', '"authorId" INTEGER NOT NULL',
                              '"body" TEXT NOT NULL', '"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP']),
        index("TaskComment", "taskId"))
    add("task_comment_fks",
        fk("TaskComment", "taskId", "Task", "CASCADE"),
        fk("TaskComment", "authorId", "User", "RESTRICT"))
    add("task_comment_id_bigint",
        "-- Hand-written: the sequence is close to 2^31 on the largest tenant\n"
        'ALTER TABLE "TaskComment" ALTER COLUMN "id" SET DATA TYPE BIGINT;\n'
        'ALTER SEQUENCE "TaskComment_id_seq" AS BIGINT;\n')
    add("project_archived_at",
        '-- AlterTable\nALTER TABLE "Project" ADD COLUMN     "archivedAt" TIMESTAMP(3);\n',
        "UPDATE \"Project\" SET \"archivedAt\" = \"updatedAt\" WHERE \"status\" = 'ARCHIVED';\n")
    add("active_projects_index",
        'CREATE INDEX CONCURRENTLY "Project_organizationId_active_idx" ON "Project"("organizationId") WHERE "archivedAt" IS NULL;\n')
    add("task_sort_key",
        "-- Tasks without a due date sort last\n"
        'ALTER TABLE "Task" ADD COLUMN "sortKey" BIGINT GENERATED ALWAYS AS IDENTITY;\n')
    add("post_views",
        '-- AlterTable\nALTER TABLE "Post" ADD COLUMN     "viewCount" INTEGER NOT NULL DEFAULT 0;\n',
        'ALTER TABLE "Post" ADD CONSTRAINT "Post_viewCount_check" CHECK ("viewCount" >= 0) NOT VALID;\n',
        'ALTER TABLE "Post" VALIDATE CONSTRAINT "Post_viewCount_check";\n')
    add("post_view_events",
        table("PostView", ['"id" BIGINT GENERATED BY DEFAULT AS IDENTITY', '"postId" INTEGER NOT NULL',
                           '"viewerId" INTEGER', '"viewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP',
                           '"referrer" TEXT']),
        fk("PostView", "postId", "Post", "CASCADE"))
    add("post_view_daily_index", 'CREATE INDEX "PostView_postId_day_idx" ON "PostView" ("postId", (("viewedAt")::date));\n')
    add("count_views_function",
        "CREATE OR REPLACE FUNCTION count_post_view() RETURNS trigger\n"
        "LANGUAGE plpgsql AS $fn$\n"
        "BEGIN\n"
        "    UPDATE \"Post\" SET \"viewCount\" = \"viewCount\" + 1 WHERE \"id\" = NEW.\"postId\";\n"
        "    RETURN NULL;\n"
        "END;\n"
        "$fn$;\n\n"
        'CREATE TRIGGER "PostView_count" AFTER INSERT ON "PostView" FOR EACH ROW EXECUTE FUNCTION count_post_view();\n')
    add("user_deleted_at",
        '-- AlterTable\nALTER TABLE "User" ADD COLUMN     "deletedAt" TIMESTAMP(3);\n')
    add("drop_user_email_key",
        "-- DropIndex\nDROP INDEX \"User_email_key\";\n",
        "-- Unique among live users only\n"
        'CREATE UNIQUE INDEX "User_email_live_key" ON "User"("email") WHERE "deletedAt" IS NULL;\n')
    add("empty_release_2_4", "-- This is an empty migration.")
    add("membership_role_enum",
        '-- CreateEnum\nCREATE TYPE "MemberRole" AS ENUM (\'OWNER\', \'ADMIN\', \'MEMBER\', \'GUEST\');\n',
        '-- AlterTable\nALTER TABLE "Membership" ADD COLUMN     "memberRole" "MemberRole" NOT NULL DEFAULT \'MEMBER\';\n',
        "UPDATE \"Membership\" SET \"memberRole\" = 'ADMIN' WHERE \"role\" = 'ADMIN';\n")
    add("drop_membership_role",
        warnings("You are about to drop the column `role` on the `Membership` table. All the data in the column will be lost."),
        '-- AlterTable\nALTER TABLE "Membership" DROP COLUMN "role";\n')
    add("rename_member_role",
        'ALTER TABLE "Membership" RENAME COLUMN "memberRole" TO "role";\n')
    add("webhook_secret_rotation",
        '-- AlterTable\nALTER TABLE "Webhook" ADD COLUMN     "previousSecret" TEXT,\nADD COLUMN     "secretRotatedAt" TIMESTAMP(3);\n')
    add("webhook_delivery_status_index",
        "CREATE INDEX \"WebhookDelivery_failed_idx\" ON \"WebhookDelivery\"(\"webhookId\") WHERE \"status\" IS NULL OR \"status\" >= 400;\n")
    add("purge_old_deliveries_function",
        "CREATE OR REPLACE FUNCTION purge_webhook_deliveries(keep interval DEFAULT '30 days')\n"
        "RETURNS bigint\n"
        "LANGUAGE sql AS $$\n"
        "    WITH gone AS (\n"
        "        DELETE FROM \"WebhookDelivery\" WHERE \"createdAt\" < now() - keep RETURNING 1\n"
        "    )\n"
        "    SELECT count(*) FROM gone;\n"
        "$$;\n")
    add("organization_settings",
        "-- AlterTable\nALTER TABLE \"Organization\" ADD COLUMN     \"settings\" JSONB NOT NULL DEFAULT '{}',\n"
        "ADD COLUMN     \"logoUrl\" TEXT,\nADD COLUMN     \"allowedDomains\" TEXT[] DEFAULT ARRAY[]::TEXT[];\n")
    add("org_settings_index",
        'CREATE INDEX "Organization_settings_idx" ON "Organization" USING GIN ("settings" jsonb_path_ops);\n')
    add("api_key_scopes",
        "-- AlterTable\nALTER TABLE \"ApiKey\" ADD COLUMN     \"scopes\" TEXT[] NOT NULL DEFAULT ARRAY['read']::TEXT[];\n")
    add("api_key_active_index",
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS "ApiKey_organizationId_active_idx" ON "ApiKey"("organizationId") WHERE "revokedAt" IS NULL;\n')
    add("invoice_lines",
        table("InvoiceLine", ['"id" SERIAL NOT NULL', '"invoiceId" TEXT NOT NULL', '"description" TEXT NOT NULL',
                              '"quantity" INTEGER NOT NULL DEFAULT 1', '"unitCents" BIGINT NOT NULL',
                              '"totalCents" BIGINT GENERATED ALWAYS AS ("quantity" * "unitCents") STORED']),
        index("InvoiceLine", "invoiceId"),
        fk("InvoiceLine", "invoiceId", "Invoice", "CASCADE"))
    add("invoice_paid_at",
        '-- AlterTable\nALTER TABLE "Invoice" ADD COLUMN     "paidAt" TIMESTAMP(3);\n')
    add("add_uncollectible_status", "-- AlterEnum\nALTER TYPE \"InvoiceStatus\" ADD VALUE 'UNCOLLECTIBLE';\n")
    add("open_invoices_view",
        "CREATE VIEW \"OpenInvoice\" AS\n"
        "    SELECT i.\"id\", i.\"organizationId\", i.\"number\", i.\"amountCents\", i.\"dueAt\"\n"
        "    FROM \"Invoice\" i WHERE i.\"status\" IN ('OPEN', 'UNCOLLECTIBLE');\n")
    add("open_invoices_view_overdue",
        "CREATE OR REPLACE VIEW \"OpenInvoice\" AS\n"
        "    SELECT i.\"id\", i.\"organizationId\", i.\"number\", i.\"amountCents\", i.\"dueAt\",\n"
        "           i.\"dueAt\" < now() AS \"overdue\"\n"
        "    FROM \"Invoice\" i WHERE i.\"status\" IN ('OPEN', 'UNCOLLECTIBLE');\n")
    add("task_title_not_empty",
        "ALTER TABLE \"Task\" ADD CONSTRAINT \"Task_title_check\" CHECK (length(btrim(\"title\")) > 0);\n")
    add("profile_bio_limit",
        '-- AlterTable\nALTER TABLE "Profile" ALTER COLUMN "bio" SET DATA TYPE VARCHAR(2000);\n')
    add("task_assignee_required_for_done",
        "-- Backfill before making the column required\n"
        "UPDATE \"Task\" SET \"dueAt\" = now() + interval '30 days' WHERE \"dueAt\" IS NULL;\n"
        'ALTER TABLE "Task" ALTER COLUMN "dueAt" SET NOT NULL;\n')
    add("post_author_not_null_check",
        "-- Content column must be set for published posts\n"
        "UPDATE \"Post\" SET \"content\" = '' WHERE \"content\" IS NULL;\n"
        "ALTER TABLE \"Post\" ALTER COLUMN \"content\" SET DEFAULT '',\nALTER COLUMN \"content\" SET NOT NULL;\n")
    add("empty_final_marker", "-- This is an empty migration.")
    add("comment_on_enums",
        "COMMENT ON TYPE \"MemberRole\" IS 'Role of a user within one organization';\n"
        "COMMENT ON VIEW \"OpenInvoice\" IS 'Invoices the dunning job looks at';\n")
    add("user_search_trgm",
        'CREATE INDEX CONCURRENTLY "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);\n')
    add("drop_tag_tables",
        warnings("You are about to drop the `_PostToTag` table. If the table is not empty, all the data it contains will be lost.",
                 "You are about to drop the `Tag` table. If the table is not empty, all the data it contains will be lost."),
        '-- DropForeignKey\nALTER TABLE "_PostToTag" DROP CONSTRAINT "_PostToTag_A_fkey";\n',
        '-- DropForeignKey\nALTER TABLE "_PostToTag" DROP CONSTRAINT "_PostToTag_B_fkey";\n',
        '-- DropTable\nDROP TABLE "_PostToTag";\n',
        '-- DropTable\nDROP TABLE "Tag";\n')
    return m


def generate(root):
    reset(root)
    clock = Clock(datetime.datetime(2021, 3, 2, 9, 14, 5), seed="prisma")
    names = []
    for name, sql in migrations():
        folder = f"{clock.next()}_{name}"
        names.append(folder)
        write(os.path.join(root, folder, "migration.sql"), sql)
    write(os.path.join(root, "migration_lock.toml"),
          '# Please do not edit this file manually\n# It should be added in your version-control system (i.e. Git)\nprovider = "postgresql"\n')
    return names
