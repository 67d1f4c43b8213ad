ALTER TABLE users DROP COLUMN name;
SET lock_timeout = '2s';
ALTER TABLE "café" DROP COLUMN "prénom";
