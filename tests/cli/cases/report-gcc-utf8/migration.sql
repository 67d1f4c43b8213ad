-- Ajoute la colonne « prénom » — 日本語のコメント
SET lock_timeout = '2s';
ALTER TABLE "café" ADD COLUMN "prénom" text NOT NULL;
/* 日本 */ CREATE INDEX "idx_é" ON "café" ("prénom");
UPDATE "café" SET "prénom" = 'é' WHERE true; ALTER TABLE "café" DROP COLUMN "日本";
