CREATE TABLE "position_aliases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "position_aliases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"position_id" integer NOT NULL,
	"alias" text NOT NULL,
	"alias_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_aliases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subject_aliases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"subject_id" integer NOT NULL,
	"alias" text NOT NULL,
	"alias_key" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "warnings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "decisions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "department_name" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "inn" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "signatory_title" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "signatory_name" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "position_aliases" ADD CONSTRAINT "position_aliases_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_aliases" ADD CONSTRAINT "position_aliases_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_aliases" ADD CONSTRAINT "subject_aliases_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_aliases" ADD CONSTRAINT "subject_aliases_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "position_aliases_key_uq" ON "position_aliases" USING btree ("municipality_id","alias_key");--> statement-breakpoint
CREATE UNIQUE INDEX "subject_aliases_key_uq" ON "subject_aliases" USING btree ("municipality_id","alias_key");