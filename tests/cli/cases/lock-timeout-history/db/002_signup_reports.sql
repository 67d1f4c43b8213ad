CREATE UNIQUE INDEX daily_signups_day_key ON daily_signups (day);
CREATE OR REPLACE VIEW signups_by_plan AS
    SELECT plan, count(*) AS signups FROM signups GROUP BY plan;
