-- The queues in due order straight from the index. With the stage second, a clerk's three stages
-- came from three ranges of the index, so PostgreSQL read every open dossier of the agency from the
-- table and sorted them for a page of 50 (1,764 rows and 17 ms with 1 million dossiers); with the
-- due date second it walks the agency's open dossiers in order, checks stage and assignee in the
-- index and reads only the 50 rows shown (0.6 ms). The counts stay index-only.
create index dossier_queue_by_due on dossier.dossier (agency, due_at nulls last, submitted_at, stage, assignee)
    where stage is not null;
drop index dossier.dossier_queue;
