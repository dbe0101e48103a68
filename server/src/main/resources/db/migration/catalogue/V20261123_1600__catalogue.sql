-- The procedure catalogue: every version of every procedure, immutable once written. A change an
-- administrator saves writes version n+1; dossiers keep the (code, version) they were submitted under.
create schema if not exists catalogue;

create table catalogue.procedure_version (
    code        text not null check (code ~ '^[0-9]\.[0-9]{6}$'),
    version     int  not null check (version >= 1),
    -- the procedure in the seed file format (docs: catalogue/procedures/*.json); objects of the form
    -- schema carry "x-order" because jsonb does not keep the order of keys, and fields are shown in order
    document    jsonb not null check (jsonb_typeof(document) = 'object'),
    -- names, field, code and description folded by SearchKey: accent-insensitive search
    search_key  text not null,
    saved_by    text not null,
    saved_at    timestamptz not null default now(),
    primary key (code, version)
);

-- The version in force: one row per procedure. Saving moves the pointer from n to n+1 with a
-- compare-and-set (where current_version = n), so a stale form finds it moved and changes nothing.
create table catalogue.procedure (
    code             text primary key,
    current_version  int not null,
    foreign key (code, current_version) references catalogue.procedure_version(code, version)
        deferrable initially deferred
);

create function catalogue.refuse_version_change() returns trigger language plpgsql as $$
begin
    raise exception 'procedure versions are immutable: % of %@% is not allowed (save a new version instead)',
        tg_op, old.code, old.version;
end $$;

create trigger procedure_version_immutable before update or delete on catalogue.procedure_version
    for each row execute function catalogue.refuse_version_change();
