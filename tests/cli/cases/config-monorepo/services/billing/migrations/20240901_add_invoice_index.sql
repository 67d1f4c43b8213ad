-- +goose Up
CREATE INDEX idx_invoices_customer ON invoices (customer_id);
-- zerodown-ignore: compat-drop-column
ALTER TABLE invoices DROP COLUMN legacy_ref;
