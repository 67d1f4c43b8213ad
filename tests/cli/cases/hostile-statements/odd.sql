SET lock_timeout = '2s';
CREATE TABLE w() WITH OIDS;
ALTER TABLE a SET WITH OIDS;
select 1 with a = 2;
ALTER TABLE users DROP COLUMN after_the_odd_ones;
