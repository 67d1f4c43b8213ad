CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  code varchar(50),
  score integer,
  nickname text
);
