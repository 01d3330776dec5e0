-- Read by the public site's sitemap job
CREATE VIEW "PublishedPost" AS
    SELECT p."id", p."slug", p."title", p."createdAt", u."email" AS "authorEmail"
    FROM "Post" p JOIN "User" u ON u."id" = p."authorId"
    WHERE p."published";
