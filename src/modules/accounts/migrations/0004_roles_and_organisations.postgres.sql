-- Organisations that users belong to, and roles that hold for a scope.
CREATE TABLE organisations (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name              TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('cso', 'initiative_group', 'municipality', 'regional_administration',
                                                  'school', 'clinic', 'donor', 'media', 'business', 'other')),
  municipality_code TEXT REFERENCES municipalities (code),
  created_at        BIGINT NOT NULL
);

CREATE TABLE organisation_members (
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  user_id         BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (organisation_id, user_id)
);

-- scope_kind 'installation' has scope_code ''; 'oblast' an oblast code, 'municipality' a municipality code,
-- 'organisation' an organisation id. The service checks that the place or organisation exists.
CREATE TABLE role_assignments (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  role       TEXT NOT NULL CHECK (role IN ('community_monitor', 'cso_editor', 'municipal_official', 'coordinator',
                                           'programme_operator', 'administrator')),
  scope_kind TEXT NOT NULL CHECK (scope_kind IN ('installation', 'oblast', 'municipality', 'organisation')),
  scope_code TEXT NOT NULL DEFAULT '',
  granted_by BIGINT REFERENCES users (id),
  granted_at BIGINT NOT NULL,
  UNIQUE (user_id, role, scope_kind, scope_code)
);
CREATE INDEX role_assignments_user ON role_assignments (user_id);
