CREATE OR REPLACE VIEW paid_signups AS
    SELECT id, plan, created_at FROM signups WHERE plan <> 'free';
