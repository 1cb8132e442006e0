-- Search keeps a Lucene index per instance, derived from the database. Each search source (task, workflow, run,
-- message...) has a generation here, bumped by whichever instance indexed a change of it; an instance whose index
-- holds another generation of a source (it was down, or another instance wrote) re-indexes that source.
CREATE TABLE search_generations (
    source     TEXT PRIMARY KEY,
    generation BIGINT NOT NULL
);
