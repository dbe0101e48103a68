-- The append-only, hash-chained audit trail.
create schema if not exists audit;

create table audit.entry (
    seq          bigint primary key,
    recorded_at  timestamptz not null,
    actor        text not null,
    agency       text,
    action       text not null,
    object       text not null,
    outcome      text not null check (outcome in ('SUCCESS', 'REFUSED', 'FAILURE')),
    prev_hash    char(64) not null,
    hash         char(64) not null unique
);

-- The chain's head: appends lock this row, and verification compares it with the last entry,
-- so deleting entries at the end is found too.
create table audit.chain_head (
    id    int primary key check (id = 1),
    seq   bigint not null,
    hash  char(64) not null
);
insert into audit.chain_head values (1, 0, repeat('0', 64));

-- The application can only append; changing history needs a superuser who disables this first,
-- and verification still finds what was changed.
create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % is not allowed', tg_op;
end $$;

create trigger entry_append_only before update or delete on audit.entry
    for each row execute function audit.refuse_change();
create trigger entry_no_truncate before truncate on audit.entry
    for each statement execute function audit.refuse_change();
