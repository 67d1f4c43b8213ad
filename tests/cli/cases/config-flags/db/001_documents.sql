CREATE INDEX idx_documents_title ON documents (title);
ALTER TABLE documents ADD COLUMN body json;
REINDEX INDEX idx_documents_created;
