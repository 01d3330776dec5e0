--
-- Create constraint unique_lower_email on model user
--
CREATE UNIQUE INDEX "unique_lower_email" ON "accounts_user" ((UPPER("email")));
