-- Emails are compared case-insensitively at login
CREATE UNIQUE INDEX "User_email_lower_key" ON "User" (lower("email"));
