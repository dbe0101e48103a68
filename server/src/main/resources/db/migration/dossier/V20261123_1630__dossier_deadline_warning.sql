-- When the specialist in charge was warned that the appointment date is near (once per appointment).
alter table dossier.dossier add column warned_at timestamptz;
