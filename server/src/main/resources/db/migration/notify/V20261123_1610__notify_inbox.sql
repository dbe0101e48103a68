-- The portal inbox: a message is a row inserted in the transaction of the change it reports (like a
-- mail in the outbox). It keeps the template and its values, not rendered text, so each reader sees
-- it in the language of the page they read it on.
create table notify.inbox_message (
    id          bigint generated always as identity primary key,
    -- identity's account id; no foreign key across module schemas
    account_id  text not null,
    template    text not null check (template ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    -- the values in the order the message's text numbers them ({0}, {1}, ...): an array of
    -- [name, value] pairs, since a jsonb object does not keep the order of its keys
    model       jsonb not null default '[]' check (jsonb_typeof(model) = 'array'),
    -- a page of the portal, such as /dossiers/...; never another site
    link        text check (link is null or (link like '/%' and link not like '//%')),
    posted_at   timestamptz not null default now(),
    read_at     timestamptz
);

-- "the newest messages of an account" reads this index in order and stops at the limit
create index inbox_message_newest on notify.inbox_message (account_id, posted_at desc, id desc);

-- every page header shows the unread count: only unread rows are in this index, so counting stays
-- cheap however many messages a person has read
create index inbox_message_unread on notify.inbox_message (account_id) where read_at is null;
