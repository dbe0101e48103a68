-- Administrative units (Decision 19/2025/QĐ-TTg: 34 provinces, 3,321 communes) and the agency tree.
create schema if not exists agency;

create table agency.province (
    code          char(2) primary key,
    name          text not null,
    name_en       text not null,
    full_name     text not null,
    full_name_en  text not null,
    code_name     text not null,
    search_key    text not null
);

create table agency.commune (
    code          char(5) primary key,
    province_code char(2) not null references agency.province(code),
    name          text not null,
    name_en       text not null,
    full_name     text not null,
    full_name_en  text not null,
    kind          text not null check (kind in ('ward', 'commune', 'special_zone')),
    search_key    text not null
);
create index commune_province_idx on agency.commune(province_code);

-- The 63 province codes of the time before 1 July 2025, still carried by personal ID numbers
-- (digits 1-3 = province of birth registration, Circular 07/2016/TT-BCA).
create table agency.birth_registration_province (
    code  char(3) primary key,
    name  text not null
);

-- Levels are data: today central / province / commune; 'district' stays for trees from before 2025.
create table agency.agency_level (
    code     text primary key,
    rank     int  not null unique,
    name     text not null,
    name_en  text not null,
    in_force boolean not null
);

create table agency.agency (
    id            text primary key check (id ~ '^[0-9]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[GH][0-9]{2}$'),
    name          text not null,
    name_en       text not null,
    kind          text not null,
    level_code    text not null references agency.agency_level(code),
    parent_id     text references agency.agency(id),
    province_code char(2) references agency.province(code),
    commune_code  char(5) references agency.commune(code),
    search_key    text not null,
    created_at    timestamptz not null default now()
);
create index agency_parent_idx on agency.agency(parent_id);
create index agency_level_idx on agency.agency(level_code);
create index agency_province_idx on agency.agency(province_code);

insert into agency.agency_level(code, rank, name, name_en, in_force) values
  ('central',  1, 'Trung ương', 'Central', true),
  ('province', 2, 'Cấp tỉnh', 'Provincial', true),
  ('district', 3, 'Cấp huyện (trước 01/7/2025)', 'District (before 1 July 2025)', false),
  ('commune',  4, 'Cấp xã', 'Commune', true);
