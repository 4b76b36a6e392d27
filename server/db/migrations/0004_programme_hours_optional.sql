ALTER TABLE "programmes" ALTER COLUMN "hours" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","at");