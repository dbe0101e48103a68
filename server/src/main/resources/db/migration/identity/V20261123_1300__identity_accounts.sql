-- Accounts: officials (bound to an agency and roles), agency systems, and later citizens.
create schema if not exists identity;

create table identity.account (
    username      text primary key check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name  text not null,
    kind          text not null check (kind in ('OFFICIAL', 'SYSTEM', 'CITIZEN')),
    agency_id     text,
    roles         text[] not null,
    password_hash text not null,
    enabled       boolean not null default true,
    created_at    timestamptz not null default now()
);
