CREATE TABLE measurements (ts timestamptz NOT NULL, reading int) PARTITION BY RANGE (ts);
CREATE TABLE measurements_2024 (ts timestamptz NOT NULL, reading int);
CREATE TABLE measurements_2025 (ts timestamptz, reading int);
CREATE TABLE orders (region text, total int) PARTITION BY LIST (region);
CREATE TABLE orders_europe (region text, total int);
CREATE TABLE orders_asia (region text, total int);
CREATE TABLE accounts (id bigint NOT NULL, email text);
CREATE TABLE members (project_id bigint, user_id bigint);
