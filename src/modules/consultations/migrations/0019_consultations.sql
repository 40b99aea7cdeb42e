-- Public consultations on draft documents of the cascade (Normative Acts Act, Art. 26): the period with the reason
-- for a short one, the motives and preliminary impact assessment, comments on the draft where they belong, proposals
-- with the support they gather and the authority's answer to each, and the item an accepted proposal became.

CREATE TABLE consultations (
  id                     INTEGER PRIMARY KEY,
  document_id            INTEGER NOT NULL REFERENCES policy_documents (id),
  opens_on               TEXT NOT NULL,              -- YYYY-MM-DD: the first day proposals are taken
  closes_on              TEXT NOT NULL,              -- the last day
  short_period_reason    TEXT NOT NULL DEFAULT '',   -- why fewer than 30 days (Art. 26(4))
  motives                TEXT NOT NULL,              -- Markdown, as written
  motives_html           TEXT NOT NULL,              -- rendered once, when stored (web::MarkdownToHtml)
  impact_assessment      TEXT NOT NULL,
  impact_assessment_html TEXT NOT NULL,
  reopened_on            TEXT NOT NULL DEFAULT '',   -- the day the period was opened again after it had ended
  report_published_at    INTEGER,                    -- Unix time of the statement of Art. 26(5)
  opened_by              INTEGER REFERENCES users (id),
  opened_at              INTEGER NOT NULL,
  demo                   INTEGER NOT NULL DEFAULT 0,
  version                INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX consultations_document ON consultations (document_id);
CREATE INDEX consultations_closing ON consultations (closes_on);

-- author_name is the name the author had when writing (or the demo's invented one); organisation_name likewise.
CREATE TABLE consultation_comments (
  id                INTEGER PRIMARY KEY,
  consultation_id   INTEGER NOT NULL REFERENCES consultations (id),
  item_id           INTEGER REFERENCES policy_items (id),          -- NULL: on the document as a whole
  proposal_id       INTEGER,                                       -- on a proposal (consultation_proposals, below)
  reply_to          INTEGER REFERENCES consultation_comments (id),
  author_id         INTEGER REFERENCES users (id),
  author_name       TEXT NOT NULL,
  organisation_id   INTEGER REFERENCES organisations (id),
  organisation_name TEXT NOT NULL DEFAULT '',
  body              TEXT NOT NULL,
  written_at        INTEGER NOT NULL,
  hidden_at         INTEGER,
  hidden_by         INTEGER REFERENCES users (id),
  hidden_reason     TEXT NOT NULL DEFAULT '',
  demo              INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX consultation_comments_consultation ON consultation_comments (consultation_id, id);

CREATE TABLE consultation_proposals (
  id                  INTEGER PRIMARY KEY,
  consultation_id     INTEGER NOT NULL REFERENCES consultations (id),
  number              INTEGER NOT NULL,                -- 1, 2, 3 … within the consultation: "proposal 2"
  kind                TEXT NOT NULL CHECK (kind IN ('new_measure', 'new_activity', 'change', 'deletion')),
  item_id             INTEGER REFERENCES policy_items (id),  -- what it changes or deletes, or where a new item goes
  title               TEXT NOT NULL,
  body                TEXT NOT NULL,
  author_id           INTEGER REFERENCES users (id),
  author_name         TEXT NOT NULL,
  organisation_id     INTEGER REFERENCES organisations (id),
  organisation_name   TEXT NOT NULL DEFAULT '',
  by_authority        INTEGER NOT NULL DEFAULT 0,      -- the authority's own proposal, put up for comment
  written_at          INTEGER NOT NULL,
  answer              TEXT CHECK (answer IN ('accepted', 'partly_accepted', 'rejected')),
  answer_reason       TEXT NOT NULL DEFAULT '',
  answered_by         INTEGER REFERENCES users (id),
  answered_at         INTEGER,
  answer_published_at INTEGER,                         -- NULL: prepared, not yet public
  became_item_id      INTEGER REFERENCES policy_items (id),
  hidden_at           INTEGER,
  hidden_by           INTEGER REFERENCES users (id),
  hidden_reason       TEXT NOT NULL DEFAULT '',
  demo                INTEGER NOT NULL DEFAULT 0,
  version             INTEGER NOT NULL DEFAULT 1,
  UNIQUE (consultation_id, number)
);
CREATE INDEX consultation_proposals_became ON consultation_proposals (became_item_id);

CREATE TABLE proposal_supports (
  proposal_id  INTEGER NOT NULL REFERENCES consultation_proposals (id),
  user_id      INTEGER NOT NULL REFERENCES users (id),
  supported_at INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, user_id)
);
