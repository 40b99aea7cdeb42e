-- Under which analyser (core::FullTextAnalyser::Fingerprint: its version and dictionaries) and which version of the
-- index (kernel::Module::FullTextIndex) each full-text index's terms were made. When either changes, the terms are
-- made again at start-up (kernel::RefreshFullTextIndexes).
CREATE TABLE full_text_versions (
  index_name  TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL
);
