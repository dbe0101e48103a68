-- Dossiers (hồ sơ) submitted online, their timeline of national status codes, attachments, drafts and ratings.
create schema if not exists dossier;

-- Files an applicant uploaded, before and after they become part of a dossier. The content lives on
-- disk, named by its SHA-256; a row here is what lets this account refer to it.
create table dossier.upload (
    account     text        not null,
    sha256      text        not null,
    name        text        not null,
    media_type  text        not null,
    size        bigint      not null,
    uploaded_at timestamptz not null default now(),
    primary key (account, sha256)
);

create table dossier.draft (
    id                uuid        primary key,
    account           text        not null,
    procedure_code    text        not null,
    procedure_version int         not null,
    form              jsonb       not null,
    -- the components' files: {"component key": [{"sha256":…,"name":…}], …}
    attachments       jsonb       not null default '{}',
    submission_key    uuid        not null,
    updated_at        timestamptz not null default now()
);
create index draft_account on dossier.draft (account, updated_at desc);

create table dossier.dossier (
    id                  uuid        primary key,
    -- <agency identifier>-<yymmdd>-<daily sequence>, see DossierCodes
    code                text        not null unique,
    -- a retried submission finds the dossier its first attempt created
    submission_key      uuid        not null unique,
    procedure_code      text        not null,
    procedure_version   int         not null,
    applicant           text        not null,
    applicant_name      text        not null,
    -- the last four digits, the second factor of the public status lookup
    applicant_id_tail   text,
    locale              text        not null,
    channel             smallint    not null default 2,
    first_agency        text        not null,
    agency              text        not null,
    second_agency       text,
    status              smallint    not null check (status between 1 and 10),
    -- the step the process waits in (reception, appraisal, approval, payment, supplement, return, …);
    -- null once the process has ended
    stage               text,
    assignee            text,
    form                jsonb       not null,
    fee                 bigint      not null default 0,
    submitted_at        timestamptz not null,
    received_at         timestamptz,
    due_at              timestamptz,
    paused_at           timestamptz,
    supplement_requested boolean    not null default false,
    apologised_until    timestamptz,
    paid_at             timestamptz,
    finished_at         timestamptz,
    returned_at         timestamptz,
    result_sha256       text,
    -- the specialist's proposal the leader decides on: result or stop
    proposal            text,
    process_instance    text,
    version             int         not null default 0
);
create index dossier_applicant on dossier.dossier (applicant, submitted_at desc);
-- the officials' queues: open dossiers of an agency at a stage, soonest due first
create index dossier_queue on dossier.dossier (agency, stage, due_at nulls last, submitted_at) where stage is not null;
create index dossier_assignee on dossier.dossier (assignee, due_at) where stage is not null and assignee is not null;

create table dossier.attachment (
    dossier_id  uuid        not null references dossier.dossier (id),
    component   text        not null,
    sha256      text        not null,
    name        text        not null,
    media_type  text        not null,
    size        bigint      not null,
    added_at    timestamptz not null,
    -- 0 with the submission, 1 with the supplement
    round       smallint    not null default 0,
    primary key (dossier_id, component, sha256)
);

create table dossier.event (
    dossier_id  uuid        not null references dossier.dossier (id),
    seq         int         not null,
    at          timestamptz not null,
    status      smallint    not null,
    action      text        not null,
    actor       text        not null,
    actor_name  text        not null,
    agency      text,
    note        text,
    primary key (dossier_id, seq)
);

create table dossier.daily_sequence (
    agency  text not null,
    day     date not null,
    last    int  not null,
    primary key (agency, day)
);

-- Decision 766's satisfaction figures come from these.
create table dossier.rating (
    dossier_id  uuid        primary key references dossier.dossier (id),
    overall     smallint    not null check (overall between 1 and 5),
    timeliness  smallint    not null check (timeliness between 1 and 5),
    attitude    smallint    not null check (attitude between 1 and 5),
    contacts    smallint    not null check (contacts between 1 and 5),
    comment     text,
    rated_at    timestamptz not null
);

-- Failed public lookups per dossier code: guessing the second factor stops after a few tries.
create table dossier.lookup_failure (
    code        text        primary key,
    failures    int         not null,
    last_at     timestamptz not null
);
