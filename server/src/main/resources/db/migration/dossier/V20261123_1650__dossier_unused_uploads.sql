-- What the clean-up of unused uploads asks: old uploads, and whether anything still refers to a file.
create index upload_uploaded_at on dossier.upload (uploaded_at);
create index attachment_sha256 on dossier.attachment (sha256);
create index dossier_result on dossier.dossier (result_sha256) where result_sha256 is not null;
create index upload_sha256 on dossier.upload (sha256);
