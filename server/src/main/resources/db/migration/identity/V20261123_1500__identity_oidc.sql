-- Accounts of citizens, officials and agency administrators; the OpenID Connect provider's state;
-- the sign-in history, throttling, e-mail confirmation and password reset; web sessions.

alter table identity.account
    add column id                 uuid not null default gen_random_uuid() unique,
    add column id_number          text unique check (id_number ~ '^[0-9]{12}$'),
    add column email              text,
    add column email_confirmed_at timestamptz,
    add column phone              text,
    add column totp_secret        text,
    add column totp_enabled_at    timestamptz,
    add column totp_last_step     bigint not null default 0,
    add column recovery_codes     text[] not null default '{}',
    add column failed_signins     integer not null default 0,
    add column locked_until       timestamptz,
    add column disabled_at        timestamptz,
    add column disabled_by        text,
    add column birth_date         text,
    add column password_changed_at timestamptz not null default now();

create unique index account_email on identity.account (lower(email)) where email is not null;

-- Agency systems are OAuth2 clients; this says which agency a client acts for and with which roles.
create table identity.system_client (
    client_id   text primary key,
    agency_id   text not null,
    roles       text[] not null,
    created_by  text not null,
    created_at  timestamptz not null default now()
);

-- A citizen's registration waits here until the e-mail code is confirmed.
create table identity.pending_registration (
    id            uuid primary key default gen_random_uuid(),
    id_number     text not null,
    full_name     text not null,
    email         text not null,
    phone         text,
    password_hash text not null,
    code_hash     text not null,
    attempts      integer not null default 0,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null
);
create index pending_registration_id_number on identity.pending_registration (id_number);

create table identity.password_reset (
    token_hash text primary key,
    account_id uuid not null references identity.account (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at    timestamptz
);

-- Every sign-in attempt on an existing account (success or failure), for the owner's history.
create table identity.signin_event (
    id          bigint generated always as identity primary key,
    account_id  uuid not null references identity.account (id),
    at          timestamptz not null default now(),
    source      text not null,
    user_agent  text,
    outcome     text not null check (outcome in ('SUCCESS', 'WRONG_PASSWORD', 'WRONG_CODE', 'LOCKED', 'THROTTLED',
                                                  'DISABLED', 'SIGNED_OUT'))
);
create index signin_event_account on identity.signin_event (account_id, at desc);

-- Failed attempts per source address, in a sliding window.
create table identity.source_throttle (
    source        text primary key,
    failures      integer not null,
    window_start  timestamptz not null,
    blocked_until timestamptz
);

-- Signing keys of the provider; retired keys stay published until every token they signed has expired.
create table identity.signing_key (
    kid          text primary key,
    algorithm    text not null,
    private_key  bytea not null,
    public_key   bytea not null,
    created_at   timestamptz not null default now(),
    retired_at   timestamptz,
    forget_after timestamptz
);

-- The platform's own clients (the portal) keep their secret here, to present it to the provider.
create table identity.own_client (
    client_id text primary key,
    secret    text not null
);

-- Rotated refresh tokens (hashes only): presenting one again reveals a stolen token family.
create table identity.rotated_refresh_token (
    token_hash       text primary key,
    authorization_id text not null,
    rotated_at       timestamptz not null default now()
);

-- Access tokens revoked before their expiry; resource servers refuse them.
create table identity.revoked_access_token (
    jti        text primary key,
    expires_at timestamptz not null
);

-- Spring Authorization Server's tables (names fixed by its JDBC services, so they live in public).
create table oauth2_registered_client (
    id                            varchar(100) primary key,
    client_id                     varchar(100) not null unique,
    client_id_issued_at           timestamptz default current_timestamp not null,
    client_secret                 varchar(200),
    client_secret_expires_at      timestamptz,
    client_name                   varchar(200) not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null
);

create table oauth2_authorization (
    id                            varchar(100) primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
-- The service looks tokens up by value; hash indexes keep long JWTs out of B-tree pages.
create index oauth2_authorization_state on oauth2_authorization using hash (state);
create index oauth2_authorization_code on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_access on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_refresh on oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_id_token on oauth2_authorization using hash (oidc_id_token_value);
create index oauth2_authorization_principal on oauth2_authorization (principal_name);

create table oauth2_authorization_consent (
    registered_client_id varchar(100) not null,
    principal_name       varchar(200) not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- Web sessions (Spring Session JDBC), so they survive restarts, span nodes, and can be listed and ended.
create table identity.http_session (
    primary_id            char(36) primary key,
    session_id            char(36) not null unique,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval integer not null,
    expiry_time           bigint not null,
    principal_name        varchar(100)
);
create index http_session_expiry on identity.http_session (expiry_time);
create index http_session_principal on identity.http_session (principal_name);

create table identity.http_session_attributes (
    session_primary_id char(36) not null references identity.http_session (primary_id) on delete cascade,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    primary key (session_primary_id, attribute_name)
);

-- Secrets of the provider itself (the salt of pairwise subject identifiers).
create table identity.provider_secret (
    name  text primary key,
    value bytea not null
);
