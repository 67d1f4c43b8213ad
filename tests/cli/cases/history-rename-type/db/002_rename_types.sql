ALTER TYPE order_status RENAME TO order_state;
ALTER DOMAIN email_address RENAME TO email;
CREATE TYPE shipping_kind_draft AS ENUM ('ground', 'air');
ALTER TYPE shipping_kind_draft RENAME TO shipping_kind;
