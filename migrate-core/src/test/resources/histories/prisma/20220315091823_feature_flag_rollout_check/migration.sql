ALTER TABLE "FeatureFlag" ADD CONSTRAINT "FeatureFlag_rollout_check" CHECK ("rollout" BETWEEN 0 AND 100);
