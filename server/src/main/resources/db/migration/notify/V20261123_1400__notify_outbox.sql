-- The mail outbox. A mail is a row inserted in the transaction of the change it reports, so it
-- exists exactly when that change was committed; the delivery worker sends it over SMTP later.
create schema if not exists notify;

create table notify.outbox (
    id               bigint generated always as identity primary key,
    recipient        text not null,
    locale           text not null check (locale in ('vi', 'en')),
    template         text not null,
    subject          text not null,
    body             text not null,
    created_at       timestamptz not null default now(),
    -- delivery: tried "attempts" times; pending until sent_at or failed_at (given up) is set
    attempts         int not null default 0 check (attempts >= 0),
    next_attempt_at  timestamptz not null default now(),
    sent_at          timestamptz,
    failed_at        timestamptz,
    last_error       text,
    check (sent_at is null or failed_at is null)
);

-- The worker asks "what is due?" every few seconds: only pending rows are in this index, so the
-- question stays cheap however many mails have been sent.
create index outbox_due on notify.outbox (next_attempt_at, id) where sent_at is null and failed_at is null;
