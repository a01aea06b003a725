-- migrate:up
CREATE TYPE role AS ENUM ('litigant', 'judge', 'clerk', 'admin');
CREATE TYPE case_status AS ENUM ('open', 'closed');
CREATE TYPE case_role AS ENUM ('plaintiff', 'defendant', 'judge', 'clerk');

CREATE TABLE courts (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text NOT NULL,
  role role NOT NULL,
  password_hash text NOT NULL,
  court_id uuid REFERENCES courts(id),
  disabled_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  court_id uuid NOT NULL REFERENCES courts(id),
  case_number text NOT NULL UNIQUE,
  title text NOT NULL,
  cause_of_action text NOT NULL,
  status case_status NOT NULL DEFAULT 'open',
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX cases_court_id_idx ON cases (court_id);

CREATE TABLE case_members (
  case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  role case_role NOT NULL,
  added_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id, role)
);
CREATE INDEX case_members_user_id_idx ON case_members (user_id);

CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_start timestamptz(3) NOT NULL,
  locked_until timestamptz(3)
);

-- migrate:down
DROP TABLE login_throttle;
DROP TABLE case_members;
DROP TABLE cases;
DROP TABLE users;
DROP TABLE courts;
DROP TYPE case_role;
DROP TYPE case_status;
DROP TYPE role;
