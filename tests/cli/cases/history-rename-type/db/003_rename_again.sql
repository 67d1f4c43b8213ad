ALTER TYPE shipping_kind RENAME TO delivery_kind;
