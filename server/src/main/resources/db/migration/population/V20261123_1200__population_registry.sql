-- The national population registry. One row per citizen holds the current version; earlier
-- versions move to citizen_history when a record changes, so the registry can say what a record
-- said on any date.
create schema if not exists population;

create table population.citizen (
    id                  bigint primary key check (id between 1000000000 and 999999999999),
    full_name           text not null,
    name_key            text not null,              -- folded name for accent-insensitive search
    birth_year          smallint not null,
    birth_month         smallint check (birth_month between 1 and 12),
    birth_day           smallint check (birth_day between 1 and 31),
    sex                 char(1) not null check (sex in ('M', 'F')),
    ethnicity           text,
    religion            text,
    nationality         char(2) not null,
    birth_reg_commune   char(5),
    home_town           text,
    province            char(2) not null,           -- of the permanent residence, for area scoping
    perm_commune        char(5) not null,
    perm_address        text,
    temp_commune        char(5),
    temp_address        text,
    household_no        text,
    relation_to_head    text,
    id_card_issued      date,
    id_card_authority   text,
    marital_status      text not null,
    death_date          date,
    father_id           bigint,
    mother_id           bigint,
    spouse_id           bigint,
    version             int not null default 1,
    valid_from          timestamptz not null default now(),
    changed_by          text not null,
    changed_agency      text,
    change_reason       text not null,
    legal_basis         text
);
create index citizen_name_idx on population.citizen (name_key text_pattern_ops, birth_year);
create index citizen_household_idx on population.citizen (household_no) where household_no is not null;
create index citizen_commune_idx on population.citizen (perm_commune);

create table population.citizen_history (
    id              bigint not null,
    version         int not null,
    valid_from      timestamptz not null,
    valid_to        timestamptz not null,
    record          jsonb not null,
    changed_by      text not null,
    changed_agency  text,
    change_reason   text not null,
    legal_basis     text,
    primary key (id, version)
);

-- Every read of a person's data: who, which agency, why, when, through which path, which fields.
create table population.access_log (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    citizen_id  bigint not null,
    actor       text not null,
    agency      text,
    purpose     text not null,
    channel     text not null,
    fields      text[] not null
);
create index access_log_citizen_idx on population.access_log (citizen_id, at desc);
create index access_log_agency_idx on population.access_log (agency, at desc);

-- Imports: one row per file, with its outcome; rejected rows are kept for the report.
create table population.import_job (
    id          bigserial primary key,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    actor       text not null,
    agency      text,
    file_name   text not null,
    format      text not null,
    strict      boolean not null,
    status      text not null,
    accepted    bigint not null default 0,
    rejected    bigint not null default 0
);
create table population.import_rejection (
    job_id  bigint not null references population.import_job(id),
    line    bigint not null,
    field   text,
    reason  text not null
);
create index import_rejection_job_idx on population.import_rejection (job_id, line);
