-- The sitemap wants publishedAt and the author's display name
CREATE OR REPLACE VIEW "PublishedPost" AS
    SELECT p."id", p."slug", p."title", p."createdAt", u."email" AS "authorEmail",
           p."publishedAt", u."displayName" AS "authorName"
    FROM "Post" p JOIN "User" u ON u."id" = p."authorId"
    WHERE p."published";
