-- migrate:up
-- Notifications (issue #16): what needs a person, written in the transaction of the event that
-- causes it (an exhibit submitted, a determination recorded, a certificate issued or revoked, a
-- case changed). `payload` holds the words the sentence needs (case number, exhibit number…), so
-- it is written out in the reader's language when read (lib/notifications).
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN (
    'exhibit_submitted', 'determination_recorded', 'certificate_issued', 'certificate_revoked',
    'case_created', 'case_updated', 'case_member_added', 'case_member_removed')),
  case_id uuid REFERENCES cases(id),
  subject_id uuid,
  payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  read_at timestamptz(3)
);
-- A person's list, newest first, and their unread count.
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_user_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Whether a person also receives their notifications by e-mail (their own choice; on by default).
ALTER TABLE users ADD COLUMN notify_by_email boolean NOT NULL DEFAULT true;

-- The local mailbox of the embedded default (no VERITY_SMTP_URL): each mail delivered there, as
-- rendered, for an admin to read in the portal, so a demo needs no mail server. No foreign key to
-- mail_outbox: the sender holds the outbox row locked while it delivers.
CREATE TABLE mailbox_messages (
  outbox_id uuid PRIMARY KEY,
  recipient text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  delivered_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX mailbox_messages_delivered_idx ON mailbox_messages (delivered_at DESC);

-- The admin's list of outgoing mail, newest first.
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC);

-- migrate:down
DROP INDEX mail_outbox_created_idx;
DROP TABLE mailbox_messages;
ALTER TABLE users DROP COLUMN notify_by_email;
DROP TABLE notifications;
