CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');
CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL, contact email_address);
