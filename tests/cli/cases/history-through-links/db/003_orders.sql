SET lock_timeout = '2s';
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);
