-- The rule a rejected row broke and its arguments, so pages can give the reason in the reader's
-- language; the English reason stays for logs and API clients.
alter table population.import_rejection add column code text, add column arguments text[];
