/**
 * Issue #5 acceptance, the half that HTTP cannot address: the authorisation matrix of the domain
 * functions behind every server action (and behind the pages and routes, read side), against the
 * real database. Each cell is one call as one person, with the outcome the policy in
 * lib/cases/access.ts gives: `ok`, FORBIDDEN (they may see the case, their role may not do this)
 * or NOT_FOUND (the case does not exist for them). A refused call must leave no trace: the
 * case's exhibits, verifications, determinations, people, uploads, details and custody-log events
 * are the same after it as before.
 *
 * Also: nothing the custody log has recorded can be deleted (database triggers and foreign keys),
 * and no route handler in app/ deletes anything but an upload in progress.
 *
 * The HTTP half (pages and route handlers × the demo accounts) is
 * e2e/security/authorization-matrix.spec.ts.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeAccountRole } from '@/lib/accounts/change-account-role';
import { setAccountDisabled } from '@/lib/accounts/set-account-disabled';
import { listCustodyPeople } from '@/lib/audit/list-custody-people';
import { searchCaseEvents } from '@/lib/audit/search-case-events';
import type { Actor } from '@/lib/auth/actor';
import { listUsers } from '@/lib/auth/list-users';
import { sendPasswordResetLink } from '@/lib/auth/send-password-reset-link';
import { getCaseCertificatesZip } from '@/lib/certificates/get-case-certificates-zip';
import { getCertificatePdf } from '@/lib/certificates/get-certificate-pdf';
import { getSignedCertificateFile } from '@/lib/certificates/get-signed-certificate-file';
import { issueCaseCertificates } from '@/lib/certificates/issue-case-certificates';
import { issueCertificate } from '@/lib/certificates/issue-certificate';
import { listCaseCertificates } from '@/lib/certificates/list-case-certificates';
import { revokeCertificate } from '@/lib/certificates/revoke-certificate';
import { updateCourtSettings } from '@/lib/court/court-settings';
import { getPool, withTransaction } from '@/lib/db/pool';
import { issueDepositCertificate } from '@/lib/deposit-certificates/issue-deposit-certificate';
import { createApiKey } from '@/lib/depositors/create-api-key';
import { createDepositorOrg } from '@/lib/depositors/create-depositor-org';
import { getDepositReceiptFile } from '@/lib/depositors/get-deposit-receipt-file';
import { listDepositHistory } from '@/lib/depositors/list-deposit-history';
import { registerDepositorKey } from '@/lib/depositors/register-depositor-key';
import { renameDepositorOrg } from '@/lib/depositors/rename-depositor-org';
import { revokeApiKey } from '@/lib/depositors/revoke-api-key';
import { revokeDepositorKey } from '@/lib/depositors/revoke-depositor-key';
import { setApiKeyLimits } from '@/lib/depositors/set-api-key-limits';
import { ed25519PublicKey } from '@/lib/depositors/testing';
import { AppError } from '@/lib/errors/app-error';
import { appendToUpload } from '@/lib/evidence/append-to-upload';
import { cancelUpload } from '@/lib/evidence/cancel-upload';
import { createUpload } from '@/lib/evidence/create-upload';
import { chunked, randomFile } from '@/lib/evidence/evidence.testing';
import { getUploadStatus } from '@/lib/evidence/get-upload-status';
import { getExchangeDeadline } from '@/lib/exchange/get-exchange-deadline';
import { getExhibitExchange } from '@/lib/exchange/get-exhibit-exchange';
import { lodgeOpinion } from '@/lib/exchange/lodge-opinion';
import { replyToOpinion } from '@/lib/exchange/reply-to-opinion';
import { setExchangeDeadline } from '@/lib/exchange/set-exchange-deadline';
import { buildCourtroom, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { getExhibit } from '@/lib/exhibits/get-exhibit';
import { listCaseExhibits } from '@/lib/exhibits/list-case-exhibits';
import { openExhibitFile } from '@/lib/exhibits/open-exhibit-file';
import { recordDetermination } from '@/lib/exhibits/record-determination';
import { recordBrowserVerification } from '@/lib/exhibits/record-verification';
import { submitFileExhibit, submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { inviteCaseParty } from '@/lib/invitations/invite-case-party';
import { inviteStaff } from '@/lib/invitations/invite-staff';
import { resendInvitation, revokeInvitation } from '@/lib/invitations/manage-invitation';
import { depositFromBrowser } from '@/lib/ledger/deposit-from-browser';
import { listMailbox } from '@/lib/mail/list-mailbox';
import { listOutbox } from '@/lib/mail/list-outbox';
import { queueMail } from '@/lib/mail/queue-mail';
import { resendMail } from '@/lib/mail/resend-mail';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { markAllNotificationsRead, markNotificationRead } from '@/lib/notifications/mark-notifications-read';
import { setNotifyByEmail } from '@/lib/notifications/set-notify-by-email';
import { buildUser } from '@/test/builders';
import { addCaseMember } from './add-case-member';
import { createCase } from './create-case';
import { addMember, newCaseNumber } from './docket.testing';
import { getCaseDetail } from './get-case-detail';
import { searchAssignableUsers } from './list-assignable-users';
import { removeCaseMember } from './remove-case-member';
import { updateCase } from './update-case';

/**
 * The people, as seen from case A: its plaintiff, defendant, judge and its court's clerk; the
 * judge of another case (B, same court); a clerk of another court; a litigant who is a party to
 * B only; an administrator; an account of a depositor organisation.
 */
const PEOPLE = [
  'plaintiff',
  'defendant',
  'judge',
  'clerk',
  'otherJudge',
  'otherClerk',
  'stranger',
  'admin',
  'depositor',
] as const;
type Person = (typeof PEOPLE)[number];

type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_FOUND' | 'CHECK_CODE_REQUIRED';
const ok = 'ok';
/** The certificate's signed file to someone who may not see the case and gave no check code. */
const CODE = 'CHECK_CODE_REQUIRED';
const FORBIDDEN = 'FORBIDDEN';
const NOT_FOUND = 'NOT_FOUND';

/** The domain function each server action calls (app/**\/actions.ts), on case A or its exhibit. */
type ActionOperation =
  | 'submitFileExhibit'
  | 'submitHashOnlyExhibit'
  | 'recordBrowserVerification'
  | 'recordDetermination'
  | 'createCase'
  | 'updateCase'
  | 'addCaseMember'
  | 'removeCaseMember'
  | 'depositFromBrowser'
  | 'issueCertificate'
  | 'issueCaseCertificates'
  | 'revokeCertificate'
  | 'inviteCaseParty'
  | 'resendCaseInvitation'
  | 'revokeCaseInvitation'
  | 'inviteStaff'
  | 'resendStaffInvitation'
  | 'revokeStaffInvitation'
  | 'setAccountDisabled'
  | 'changeAccountRole'
  | 'sendPasswordResetLink'
  | 'updateCourtSettings'
  | 'createDepositorOrg'
  | 'renameDepositorOrg'
  | 'createApiKey'
  | 'revokeApiKey'
  | 'setApiKeyLimits'
  | 'registerDepositorKey'
  | 'revokeDepositorKey'
  | 'markNotificationRead'
  | 'markAllNotificationsRead'
  | 'setNotifyByEmail'
  | 'resendMail'
  | 'lodgeOpinion'
  | 'replyToOpinion'
  | 'setExchangeDeadline';

// biome-ignore format: the policy reads as a table, one column per person
const ACTIONS: Record<ActionOperation, readonly Outcome[]> = {
  //                          plaintiff  defendant  judge      clerk      otherJudge otherClerk stranger   admin      depositor
  submitFileExhibit:         [ok,        ok,        FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  submitHashOnlyExhibit:     [ok,        ok,        FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  recordBrowserVerification: [FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  recordDetermination:       [FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  // Not about case A: a clerk opens a case on their own court's docket, whichever court that is.
  createCase:                [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN, ok,        FORBIDDEN, FORBIDDEN, FORBIDDEN],
  updateCase:                [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  addCaseMember:             [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  removeCaseMember:          [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  // Not about a case: only depositor accounts deposit from the portal.
  depositFromBrowser:        [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok],
  // Certificates (issue #6): the court's clerks; another court's clerk does not see the case.
  issueCertificate:          [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  issueCaseCertificates:     [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  revokeCertificate:         [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  // Invitations (issue #16): a case's parties by its court's clerks; staff by the court's administrators.
  inviteCaseParty:           [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  resendCaseInvitation:      [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  revokeCaseInvitation:      [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  inviteStaff:               [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  resendStaffInvitation:     [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  revokeStaffInvitation:     [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  // The administration pages: administrators only, and never a case's content.
  setAccountDisabled:        [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  changeAccountRole:         [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  sendPasswordResetLink:     [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  updateCourtSettings:       [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  createDepositorOrg:        [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  renameDepositorOrg:        [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  createApiKey:              [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  revokeApiKey:              [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  setApiKeyLimits:           [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  registerDepositorKey:      [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  revokeDepositorKey:        [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  // Issue #16. Notifications are each person's own: the plaintiff's exists for the plaintiff only.
  markNotificationRead:      [ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  markAllNotificationsRead:  [ok,        ok,        ok,        ok,        ok,        ok,        ok,        ok,        ok],
  setNotifyByEmail:          [ok,        ok,        ok,        ok,        ok,        ok,        ok,        ok,        ok],
  // Sending a failed e-mail again: administrators only.
  resendMail:                [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  // Evidence exchange (issue #17), on the plaintiff's exhibit: only the other side objects, only the
  // submitting side replies (to the defendant's opinion), the court's clerks set the deadline.
  lodgeOpinion:              [FORBIDDEN, ok,        FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  replyToOpinion:            [ok,        FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  setExchangeDeadline:       [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
};

/** The domain functions behind the pages and route handlers (the e2e matrix covers their HTTP edge). */
type ReadOperation =
  | 'listCaseExhibits'
  | 'getExhibit'
  | 'openExhibitFile'
  | 'getCaseDetail'
  | 'searchAssignableUsers'
  | 'createUpload'
  | 'getUploadStatus'
  | 'cancelUpload'
  | 'listUsers'
  | 'listCaseCertificates'
  | 'getCertificatePdf'
  | 'getCaseCertificatesZip'
  | 'getSignedCertificateFile'
  | 'listNotifications'
  | 'listOutbox'
  | 'listMailbox'
  | 'getExhibitExchange'
  | 'getExchangeDeadline'
  | 'listDepositHistory'
  | 'getDepositReceiptFile'
  | 'issueDepositCertificate'
  | 'searchCaseEvents'
  | 'listCustodyPeople';

// biome-ignore format: the policy reads as a table, one column per person
const READS: Record<ReadOperation, readonly Outcome[]> = {
  //                          plaintiff  defendant  judge      clerk      otherJudge otherClerk stranger   admin      depositor
  listCaseExhibits:          [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  getExhibit:                [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  openExhibitFile:           [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  getCaseDetail:             [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  searchAssignableUsers:       [FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  createUpload:              [ok,        ok,        FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  // The plaintiff's upload in case A: an upload exists for its owner only, whatever their role.
  getUploadStatus:           [ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  cancelUpload:              [ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  listUsers:                 [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  // Certificates: the list, the PDF and the ZIP are for the people of the case (downloads are logged).
  listCaseCertificates:      [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  getCertificatePdf:         [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  getCaseCertificatesZip:    [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  // The signed file names people in full: the people of the case, or anyone with the check code
  // (test/api/certificates.test.ts: the code, wrong codes, the limit).
  getSignedCertificateFile:  [ok,        ok,        ok,        ok,        CODE,      CODE,      CODE,      CODE,      CODE],
  // Issue #16: one's own notifications (scoped by the query); the admin's mail pages.
  listNotifications:         [ok,        ok,        ok,        ok,        ok,        ok,        ok,        ok,        ok],
  listOutbox:                [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  listMailbox:               [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok,        FORBIDDEN],
  // Issue #17: the exchange on an exhibit and the case's deadline, for the people of the case.
  getExhibitExchange:        [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  getExchangeDeadline:       [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  // Issue #17: a depositor organisation's own deposits (another organisation's: lib/depositors, lib/deposit-certificates).
  listDepositHistory:        [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok],
  getDepositReceiptFile:     [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok],
  issueDepositCertificate:   [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ok],
  // Issue #17: the custody log page (filtered, paged) and its "who" filter: the people of the case.
  searchCaseEvents:          [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
  listCustodyPeople:         [ok,        ok,        ok,        ok,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
};

/**
 * Every exported server action in app/, and the domain function it calls (null: it touches
 * nothing the policy governs). A new action fails the test below until it is in a table here.
 */
const SERVER_ACTIONS: Record<string, ActionOperation | null> = {
  'app/(portal)/cases/[caseId]/actions.ts#submitFileExhibitAction': 'submitFileExhibit',
  'app/(portal)/cases/[caseId]/actions.ts#submitHashOnlyExhibitAction': 'submitHashOnlyExhibit',
  'app/(portal)/cases/[caseId]/actions.ts#recordBrowserVerificationAction': 'recordBrowserVerification',
  'app/(portal)/cases/[caseId]/actions.ts#recordDeterminationAction': 'recordDetermination',
  'app/(portal)/cases/new/actions.ts#createCaseAction': 'createCase',
  'app/(portal)/cases/[caseId]/manage/actions.ts#updateCaseAction': 'updateCase',
  'app/(portal)/cases/[caseId]/manage/actions.ts#addCaseMemberAction': 'addCaseMember',
  'app/(portal)/cases/[caseId]/manage/actions.ts#removeCaseMemberAction': 'removeCaseMember',
  'app/(portal)/deposit/actions.ts#depositDigests': 'depositFromBrowser',
  'app/(portal)/cases/[caseId]/certificates/actions.ts#issueCertificateAction': 'issueCertificate',
  'app/(portal)/cases/[caseId]/certificates/actions.ts#issueCaseCertificatesAction': 'issueCaseCertificates',
  'app/(portal)/cases/[caseId]/certificates/actions.ts#revokeCertificateAction': 'revokeCertificate',
  // Sets the language cookie of whoever asks; no data, no account.
  'app/actions.ts#setLocale': null,
  'app/(portal)/cases/[caseId]/manage/invitations/actions.ts#inviteCasePartyAction': 'inviteCaseParty',
  'app/(portal)/cases/[caseId]/manage/invitations/actions.ts#resendCaseInvitationAction': 'resendCaseInvitation',
  'app/(portal)/cases/[caseId]/manage/invitations/actions.ts#revokeCaseInvitationAction': 'revokeCaseInvitation',
  'app/(portal)/admin/users/actions.ts#inviteStaffAction': 'inviteStaff',
  'app/(portal)/admin/users/actions.ts#resendInvitationAction': 'resendStaffInvitation',
  'app/(portal)/admin/users/actions.ts#revokeInvitationAction': 'revokeStaffInvitation',
  'app/(portal)/admin/users/actions.ts#setAccountDisabledAction': 'setAccountDisabled',
  'app/(portal)/admin/users/actions.ts#changeAccountRoleAction': 'changeAccountRole',
  'app/(portal)/admin/users/actions.ts#sendPasswordResetAction': 'sendPasswordResetLink',
  // One's own account only (the signed-in person's id, never one from the form): lib/auth/account.test.ts.
  'app/(portal)/account/actions.ts#updateAccountAction': null,
  'app/(portal)/account/actions.ts#changePasswordAction': null,
  // The portal's one sign-in configuration, not a case's: administrators only, tested with its
  // validation in lib/auth/oidc/set-oidc-config.test.ts (a cell here would change the row the
  // OpenID Connect tests read).
  'app/(portal)/admin/sign-in/actions.ts#oidcConfigAction': null,
  // Open to anyone: the same answer whether or not the address has an account
  // (lib/auth/request-password-reset.test.ts); a reset link's single-use token is the permission
  // (lib/auth/reset-password.test.ts).
  'app/forgot-password/actions.ts#requestResetAction': null,
  'app/reset-password/[token]/actions.ts#resetPasswordAction': null,
  'app/(portal)/admin/court/actions.ts#updateCourtSettingsAction': 'updateCourtSettings',
  'app/(portal)/admin/depositors/actions.ts#createDepositorOrgAction': 'createDepositorOrg',
  'app/(portal)/admin/depositors/actions.ts#renameDepositorOrgAction': 'renameDepositorOrg',
  'app/(portal)/admin/depositors/actions.ts#createApiKeyAction': 'createApiKey',
  'app/(portal)/admin/depositors/actions.ts#revokeApiKeyAction': 'revokeApiKey',
  'app/(portal)/admin/depositors/actions.ts#setApiKeyLimitsAction': 'setApiKeyLimits',
  'app/(portal)/admin/depositors/actions.ts#registerDepositorKeyAction': 'registerDepositorKey',
  'app/(portal)/admin/depositors/actions.ts#revokeDepositorKeyAction': 'revokeDepositorKey',
  // Open to whoever holds the link: the single-use token is the permission (lib/court, lib/invitations).
  'app/setup/actions.ts#completeSetupAction': null,
  'app/invitations/[token]/actions.ts#acceptInvitationAction': null,
  // Open to anyone: the certificate number and the check code printed on its PDF are the permission,
  // wrong pairs limited per client address (lib/certificates/find-certificate-by-code.test.ts).
  'app/certificates/actions.ts#lookupCertificateAction': null,
  'app/(portal)/notifications/actions.ts#markNotificationReadAction': 'markNotificationRead',
  'app/(portal)/notifications/actions.ts#markAllNotificationsReadAction': 'markAllNotificationsRead',
  'app/(portal)/notifications/actions.ts#setNotifyByEmailAction': 'setNotifyByEmail',
  'app/(portal)/admin/mail/actions.ts#resendMailAction': 'resendMail',
  'app/(portal)/cases/[caseId]/exhibits/[exhibitId]/actions.ts#lodgeOpinionAction': 'lodgeOpinion',
  'app/(portal)/cases/[caseId]/exhibits/[exhibitId]/actions.ts#replyToOpinionAction': 'replyToOpinion',
  'app/(portal)/cases/[caseId]/manage/exchange/actions.ts#setExchangeDeadlineAction': 'setExchangeDeadline',
};

type Room = Awaited<ReturnType<typeof buildCourtroom>>;
let room: Room;
let actors: Record<Person, Actor>;
/** A file exhibit of case A, submitted by the plaintiff, and its bytes. */
let fileExhibit: { id: string; bytes: Uint8Array };

const ROOT = path.resolve(import.meta.dirname, '..', '..');

beforeAll(async () => {
  // Invitation links are built on the court's public URL, else this (npm start always sets it).
  process.env.NEXTAUTH_URL ??= 'http://verity.test';
  room = await buildCourtroom();
  const depositor = await buildUser({ role: 'depositor' });
  actors = {
    plaintiff: room.plaintiff.actor,
    defendant: room.defendant.actor,
    judge: room.judge.actor,
    clerk: room.clerk.actor,
    otherJudge: room.otherJudge.actor,
    otherClerk: room.otherClerk.actor,
    stranger: room.stranger.actor,
    // The court's administrator (the administration pages act on their own court).
    admin: { ...room.admin.actor, courtId: room.court.id },
    depositor: depositor.actor,
  };
  await getPool().query('UPDATE users SET court_id = $1 WHERE id = $2', [room.court.id, room.admin.actor.id]);
  const { bytes, uploadId } = await completedUpload('plaintiff');
  const { id } = await submitFileExhibit(actors.plaintiff, room.caseA.id, { uploadId, title: 'matrix file' });
  fileExhibit = { id, bytes };
});

afterEach(async () => {
  // Uploads a cell left behind (each person may have only a few open at once).
  const { rows } = await getPool().query<{ id: string; user_id: string }>(
    "SELECT id, user_id FROM uploads WHERE case_id = $1 AND status IN ('open', 'complete')",
    [room.caseA.id],
  );
  for (const row of rows) {
    const owner = Object.values(actors).find((a) => a.id === row.user_id);
    if (owner) await cancelUpload(owner, row.id);
  }
});

/** An upload of random bytes to case A by `owner`, all bytes received and checked. */
async function completedUpload(owner: Person): Promise<{ uploadId: string; bytes: Uint8Array }> {
  const { bytes, declare } = randomFile(2048);
  const upload = await createUpload(actors[owner], room.caseA.id, declare);
  const appended = await appendToUpload(actors[owner], upload.id, 0, chunked(bytes, 512));
  expect(appended.status).toBe('complete');
  return { uploadId: upload.id, bytes };
}

async function openUpload(owner: Person): Promise<string> {
  return (await createUpload(actors[owner], room.caseA.id, randomFile(64).declare)).id;
}

const isParty = (who: Person) => who === 'plaintiff' || who === 'defendant';

/** A new hash-only exhibit of case A that can be certified (never deposited: verdict not_found). */
async function certifiableExhibit(): Promise<string> {
  const input = { title: 'to certify', ...digestsOf(randomEvidence()) };
  return (await submitHashOnlyExhibit(actors.plaintiff, room.caseA.id, input)).id;
}

/** A certificate of case A issued by its clerk (made once; the reads need one). */
let sharedCertificate: Promise<string> | undefined;
function certificateOfCaseA(): Promise<string> {
  sharedCertificate ??= certifiableExhibit().then(async (id) => (await issueCertificate(actors.clerk, id)).id);
  return sharedCertificate;
}

/** A deposit of the depositor's organisation (made once; the deposit history's reads need one). */
let sharedDeposit: Promise<string> | undefined;
function depositOfTheDepositor(): Promise<string> {
  sharedDeposit ??= depositFromBrowser(actors.depositor, {
    deposits: [{ digests: digestsOf(randomEvidence()), title: 'the history reads it' }],
  }).then(({ receipts }) => receipts[0]?.id as string);
  return sharedDeposit;
}

/**
 * Each operation as `who` would call it: set-up first (not part of the cell), then the call.
 * A refused call must leave `footprint` unchanged; `written` says where else to look. `recorded`:
 * when allowed, the call changes the footprint (so the footprint would see a refused one write).
 */
type Cell = { call: () => Promise<unknown>; recorded?: true; written?: () => Promise<boolean> };

const OPERATIONS: Record<ActionOperation | ReadOperation, (who: Person) => Promise<Cell>> = {
  async submitFileExhibit(who) {
    // A party takes their own completed upload; anyone else tries to take the plaintiff's.
    const { uploadId } = await completedUpload(isParty(who) ? who : 'plaintiff');
    return {
      call: () => submitFileExhibit(actors[who], room.caseA.id, { uploadId, title: `file by ${who}` }),
      recorded: true,
    };
  },
  async submitHashOnlyExhibit(who) {
    const input = { title: `hash by ${who}`, ...digestsOf(randomEvidence()) };
    return { call: () => submitHashOnlyExhibit(actors[who], room.caseA.id, input), recorded: true };
  },
  async recordBrowserVerification(who) {
    return {
      call: () => recordBrowserVerification(actors[who], fileExhibit.id, digestsOf(fileExhibit.bytes)),
      recorded: true,
    };
  },
  async recordDetermination(who) {
    const input = { outcome: 'accepted', reasoning: `determined by ${who}` };
    return { call: () => recordDetermination(actors[who], fileExhibit.id, input), recorded: true };
  },
  async createCase(who) {
    const caseNumber = newCaseNumber();
    return {
      call: () => createCase(actors[who], { caseNumber, title: `opened by ${who}`, causeOfAction: '测试案由' }),
      written: async () =>
        ((await getPool().query('SELECT 1 FROM cases WHERE case_number = $1', [caseNumber])).rowCount ?? 0) > 0,
    };
  },
  async updateCase(who) {
    return {
      call: () => updateCase(actors[who], room.caseA.id, { title: `renamed by ${who} ${randomUUID()}` }),
      recorded: true,
    };
  },
  async addCaseMember(who) {
    const { user } = await buildUser({ role: 'litigant' });
    return {
      call: () => addCaseMember(actors[who], room.caseA.id, { userId: user.id, role: 'defendant' }),
      recorded: true,
    };
  },
  async removeCaseMember(who) {
    const { user } = await buildUser({ role: 'litigant' });
    await addMember(room.caseA.id, user.id, 'defendant');
    return {
      call: () => removeCaseMember(actors[who], room.caseA.id, { userId: user.id, role: 'defendant' }),
      recorded: true,
    };
  },
  async depositFromBrowser(who) {
    const digests = digestsOf(randomEvidence());
    return {
      call: () => depositFromBrowser(actors[who], { deposits: [{ digests, title: `deposited by ${who}` }] }),
      written: async () =>
        ((await getPool().query('SELECT 1 FROM deposits WHERE sha256 = $1', [Buffer.from(digests.sha256, 'hex')]))
          .rowCount ?? 0) > 0,
    };
  },
  async issueCertificate(who) {
    const exhibitId = await certifiableExhibit();
    return { call: () => issueCertificate(actors[who], exhibitId), recorded: true };
  },
  async issueCaseCertificates(who) {
    await certifiableExhibit(); // something to issue, so that an allowed call leaves a trace
    return { call: () => issueCaseCertificates(actors[who], room.caseA.id), recorded: true };
  },
  async revokeCertificate(who) {
    const { id } = await issueCertificate(actors.clerk, await certifiableExhibit());
    return { call: () => revokeCertificate(actors[who], id, { reason: `revoked by ${who}` }), recorded: true };
  },
  async inviteCaseParty(who) {
    const email = `party-${randomUUID()}@example.com`;
    return {
      call: () =>
        inviteCaseParty(actors[who], room.caseA.id, { email, name: 'x', caseRole: 'defendant', locale: 'en' }),
      recorded: true,
      written: () => rowExists('SELECT 1 FROM invitations WHERE email = $1', [email]),
    };
  },
  async resendCaseInvitation(who) {
    const id = await caseInvitation();
    return { call: () => resendInvitation(actors[who], id), recorded: true };
  },
  async revokeCaseInvitation(who) {
    const id = await caseInvitation();
    return {
      call: () => revokeInvitation(actors[who], id),
      recorded: true,
      written: () => rowExists('SELECT 1 FROM invitations WHERE id = $1 AND revoked_at IS NOT NULL', [id]),
    };
  },
  async inviteStaff(who) {
    const email = `staff-${randomUUID()}@example.com`;
    return {
      call: () => inviteStaff(actors[who], { email, name: 'x', role: 'judge', locale: 'en' }),
      written: () => rowExists('SELECT 1 FROM invitations WHERE email = $1', [email]),
    };
  },
  async resendStaffInvitation(who) {
    const { invitationId } = await inviteStaff(actors.admin, staffInvitation());
    const { rows } = await getPool().query('SELECT token_hash FROM invitations WHERE id = $1', [invitationId]);
    const before = (rows[0] as { token_hash: Buffer }).token_hash;
    return {
      call: () => resendInvitation(actors[who], invitationId),
      written: () => rowExists('SELECT 1 FROM invitations WHERE id = $1 AND token_hash <> $2', [invitationId, before]),
    };
  },
  async revokeStaffInvitation(who) {
    const { invitationId } = await inviteStaff(actors.admin, staffInvitation());
    return {
      call: () => revokeInvitation(actors[who], invitationId),
      written: () => rowExists('SELECT 1 FROM invitations WHERE id = $1 AND revoked_at IS NOT NULL', [invitationId]),
    };
  },
  async setAccountDisabled(who) {
    const { user } = await buildUser({ role: 'judge', courtId: room.court.id });
    return {
      call: () => setAccountDisabled(actors[who], { userId: user.id, disabled: true }),
      written: () => rowExists('SELECT 1 FROM users WHERE id = $1 AND disabled_at IS NOT NULL', [user.id]),
    };
  },
  async changeAccountRole(who) {
    const { user } = await buildUser({ role: 'judge', courtId: room.court.id });
    return {
      call: () => changeAccountRole(actors[who], { userId: user.id, role: 'clerk' }),
      written: () => rowExists("SELECT 1 FROM users WHERE id = $1 AND role = 'clerk'", [user.id]),
    };
  },
  async sendPasswordResetLink(who) {
    const { user } = await buildUser({ role: 'judge', courtId: room.court.id });
    return {
      call: () => sendPasswordResetLink(actors[who], user.id),
      written: () => rowExists('SELECT 1 FROM password_reset_tokens WHERE user_id = $1', [user.id]),
    };
  },
  async updateCourtSettings(who) {
    const nameEn = `Court renamed by ${who} ${randomUUID()}`;
    const court = await getPool().query('SELECT name_zh, code FROM courts WHERE id = $1', [room.court.id]);
    const { name_zh: nameZh, code } = court.rows[0] as { name_zh: string; code: string };
    return {
      call: () => updateCourtSettings(actors[who], { nameZh, nameEn, code, publicUrl: 'https://verity.court.example' }),
      written: () => rowExists('SELECT 1 FROM courts WHERE name_en = $1', [nameEn]),
    };
  },
  async createDepositorOrg(who) {
    const name = `Org by ${who} ${randomUUID()}`;
    return {
      call: () => createDepositorOrg(actors[who], { name }),
      written: () => rowExists('SELECT 1 FROM depositor_orgs WHERE name = $1', [name]),
    };
  },
  async renameDepositorOrg(who) {
    const org = await createDepositorOrg(actors.admin, { name: `Org ${randomUUID()}` });
    const name = `Renamed by ${who} ${randomUUID()}`;
    return {
      call: () => renameDepositorOrg(actors[who], { orgId: org.id, name }),
      written: () => rowExists('SELECT 1 FROM depositor_orgs WHERE name = $1', [name]),
    };
  },
  async createApiKey(who) {
    const org = await createDepositorOrg(actors.admin, { name: `Org ${randomUUID()}` });
    return {
      call: () => createApiKey(actors[who], { orgId: org.id, label: 'k' }),
      written: () => rowExists('SELECT 1 FROM api_keys WHERE org_id = $1', [org.id]),
    };
  },
  async revokeApiKey(who) {
    const org = await createDepositorOrg(actors.admin, { name: `Org ${randomUUID()}` });
    const key = await createApiKey(actors.admin, { orgId: org.id, label: 'k' });
    return {
      call: () => revokeApiKey(actors[who], { apiKeyId: key.id }),
      written: () => rowExists('SELECT 1 FROM api_keys WHERE id = $1 AND revoked_at IS NOT NULL', [key.id]),
    };
  },
  async setApiKeyLimits(who) {
    const org = await createDepositorOrg(actors.admin, { name: `Org ${randomUUID()}` });
    const key = await createApiKey(actors.admin, { orgId: org.id, label: 'k' });
    return {
      call: () => setApiKeyLimits(actors[who], { apiKeyId: key.id, ratePerMinute: 7, burst: 7, dailyQuota: 7 }),
      written: () => rowExists('SELECT 1 FROM api_keys WHERE id = $1 AND daily_quota = 7', [key.id]),
    };
  },
  async registerDepositorKey(who) {
    const org = await createDepositorOrg(actors.admin, { name: `Org ${randomUUID()}` });
    return {
      call: () =>
        registerDepositorKey(actors[who], {
          orgId: org.id,
          algorithm: 'ed25519',
          publicKey: ed25519PublicKey(),
          label: 'k',
        }),
      written: () => rowExists('SELECT 1 FROM depositor_keys WHERE org_id = $1', [org.id]),
    };
  },
  async revokeDepositorKey(who) {
    const org = await createDepositorOrg(actors.admin, { name: `Org ${randomUUID()}` });
    const key = await registerDepositorKey(actors.admin, {
      orgId: org.id,
      algorithm: 'ed25519',
      publicKey: ed25519PublicKey(),
      label: 'k',
    });
    return {
      call: () => revokeDepositorKey(actors[who], { depositorKeyId: key.id }),
      written: () => rowExists('SELECT 1 FROM depositor_keys WHERE id = $1 AND revoked_at IS NOT NULL', [key.id]),
    };
  },
  async listDepositHistory(who) {
    return { call: () => listDepositHistory(actors[who]) };
  },
  async getDepositReceiptFile(who) {
    const id = await depositOfTheDepositor();
    return { call: () => getDepositReceiptFile(actors[who], id) };
  },
  async issueDepositCertificate(who) {
    const id = await depositOfTheDepositor();
    return {
      call: () => issueDepositCertificate(actors[who], { deposits: [{ id }] }, { origin: 'https://verity.test' }),
    };
  },
  async listCaseCertificates(who) {
    return { call: () => listCaseCertificates(actors[who], room.caseA.id) };
  },
  async getCertificatePdf(who) {
    const id = await certificateOfCaseA();
    return { call: () => getCertificatePdf(actors[who], id, { origin: 'https://verity.test' }), recorded: true };
  },
  async getSignedCertificateFile(who) {
    const id = await certificateOfCaseA();
    return { call: () => getSignedCertificateFile(actors[who], id) };
  },
  async getCaseCertificatesZip(who) {
    await certificateOfCaseA();
    return {
      call: () => getCaseCertificatesZip(actors[who], room.caseA.id, { origin: 'https://verity.test' }),
      recorded: true,
    };
  },
  async listCaseExhibits(who) {
    return { call: () => listCaseExhibits(actors[who], room.caseA.id) };
  },
  async searchCaseEvents(who) {
    return { call: () => searchCaseEvents(actors[who], room.caseA.id, { kind: 'access', page: '1' }) };
  },
  async listCustodyPeople(who) {
    return { call: () => listCustodyPeople(actors[who], room.caseA.id) };
  },
  async getExhibit(who) {
    return { call: () => getExhibit(actors[who], fileExhibit.id), recorded: true }; // viewing is logged
  },
  async openExhibitFile(who) {
    return {
      call: async () => {
        const file = await openExhibitFile(actors[who], fileExhibit.id);
        file.stream.destroy();
        return file;
      },
      recorded: true, // downloading is logged
    };
  },
  async getCaseDetail(who) {
    return { call: () => getCaseDetail(actors[who], room.caseA.id) };
  },
  async searchAssignableUsers(who) {
    return { call: () => searchAssignableUsers(actors[who], room.caseA.id, { q: 'a' }) };
  },
  async createUpload(who) {
    return { call: () => createUpload(actors[who], room.caseA.id, randomFile(64).declare), recorded: true };
  },
  async getUploadStatus(who) {
    const uploadId = await openUpload('plaintiff');
    return { call: () => getUploadStatus(actors[who], uploadId) };
  },
  async cancelUpload(who) {
    const uploadId = await openUpload('plaintiff');
    return { call: () => cancelUpload(actors[who], uploadId), recorded: true };
  },
  async listUsers(who) {
    return { call: () => listUsers(actors[who]) };
  },
  async markNotificationRead(who) {
    const id = await plaintiffNotification();
    return {
      call: () => markNotificationRead(actors[who], id),
      written: async () =>
        (await getPool().query('SELECT 1 FROM notifications WHERE id = $1 AND read_at IS NOT NULL', [id])).rowCount ===
        1,
    };
  },
  async markAllNotificationsRead(who) {
    return { call: () => markAllNotificationsRead(actors[who]) };
  },
  async setNotifyByEmail(who) {
    return { call: () => setNotifyByEmail(actors[who], true) };
  },
  async resendMail(who) {
    const { id } = await withTransaction((c) =>
      queueMail(c, {
        to: `matrix-${randomUUID()}@example.com`,
        locale: 'en',
        template: 'password-reset',
        params: { name: 'N', link: 'https://verity.test/reset/x', expiresAt: '2026-12-06T12:30:00.000Z' },
      }),
    );
    await getPool().query(`UPDATE mail_outbox SET status = 'failed', attempts = 7 WHERE id = $1`, [id]);
    return {
      call: () => resendMail(actors[who], id),
      written: async () =>
        (await getPool().query(`SELECT 1 FROM mail_outbox WHERE id = $1 AND status = 'queued'`, [id])).rowCount === 1,
    };
  },
  async lodgeOpinion(who) {
    const input = {
      authenticity: 'dispute',
      authenticityReasons: `objection by ${who}`,
      legality: 'accept',
      relevance: 'accept',
    };
    return { call: () => lodgeOpinion(actors[who], fileExhibit.id, input), recorded: true };
  },
  async replyToOpinion(who) {
    const opinion = await lodgeOpinion(actors.defendant, fileExhibit.id, {
      authenticity: 'dispute',
      authenticityReasons: 'to be answered',
      legality: 'accept',
      relevance: 'accept',
    });
    return { call: () => replyToOpinion(actors[who], opinion.id, { reasons: `reply by ${who}` }), recorded: true };
  },
  async setExchangeDeadline(who) {
    // A new day each time (far ahead, so no opinion of case A becomes late): a change is written.
    const day = new Date(Date.UTC(2090 + Math.floor(Math.random() * 9), 0, 1 + Math.floor(Math.random() * 360)));
    return {
      call: () => setExchangeDeadline(actors[who], room.caseA.id, { date: day.toISOString().slice(0, 10) }),
      recorded: true,
    };
  },
  async getExhibitExchange(who) {
    return { call: () => getExhibitExchange(actors[who], fileExhibit.id) };
  },
  async getExchangeDeadline(who) {
    return { call: () => getExchangeDeadline(actors[who], room.caseA.id) };
  },
  async listNotifications(who) {
    return { call: () => listNotifications(actors[who], 'en') };
  },
  async listOutbox(who) {
    return { call: () => listOutbox(actors[who]) };
  },
  async listMailbox(who) {
    return { call: () => listMailbox(actors[who]) };
  },
};

async function rowExists(sql: string, values: unknown[]): Promise<boolean> {
  return ((await getPool().query(sql, values)).rowCount ?? 0) > 0;
}

const staffInvitation = () => ({
  email: `staff-${randomUUID()}@example.com`,
  name: 'x',
  role: 'clerk' as const,
  locale: 'en' as const,
});

/** A pending invitation to case A, sent by its clerk. */
async function caseInvitation(): Promise<string> {
  const email = `party-${randomUUID()}@example.com`;
  const result = await inviteCaseParty(actors.clerk, room.caseA.id, {
    email,
    name: 'x',
    caseRole: 'plaintiff',
    locale: 'en',
  });
  if (result.kind !== 'invited') throw new Error('expected an invitation');
  return result.invitationId;
}

/** A new unread notification of the plaintiff (the defendant submits an exhibit to case A). */
async function plaintiffNotification(): Promise<string> {
  const exhibit = await submitHashOnlyExhibit(actors.defendant, room.caseA.id, {
    title: 'notifies the plaintiff',
    ...digestsOf(randomEvidence()),
  });
  const { rows } = await getPool().query<{ id: string }>(
    'SELECT id FROM notifications WHERE user_id = $1 AND subject_id = $2',
    [actors.plaintiff.id, exhibit.id],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('the plaintiff was not notified');
  return id;
}

/** What a refused call must not change in case A (counts and the case's own fields). */
async function footprint(): Promise<Record<string, unknown>> {
  const { rows } = await getPool().query(
    `SELECT
       (SELECT count(*) FROM audit_events WHERE case_id = $1)::int AS events,
       (SELECT count(*) FROM exhibits WHERE case_id = $1)::int AS exhibits,
       (SELECT count(*) FROM verifications v JOIN exhibits e ON e.id = v.exhibit_id WHERE e.case_id = $1)::int
         AS verifications,
       (SELECT count(*) FROM determinations d JOIN exhibits e ON e.id = d.exhibit_id WHERE e.case_id = $1)::int
         AS determinations,
       (SELECT count(*) FROM certificates WHERE case_id = $1)::int AS certificates,
       (SELECT count(*) FROM exhibit_opinions o JOIN exhibits e ON e.id = o.exhibit_id WHERE e.case_id = $1)::int
         AS opinions,
       (SELECT count(*) FROM opinion_replies r JOIN exhibit_opinions o ON o.id = r.opinion_id
         JOIN exhibits e ON e.id = o.exhibit_id WHERE e.case_id = $1)::int AS replies,
       (SELECT count(*) FROM exchange_deadlines WHERE case_id = $1)::int AS deadlines,
       (SELECT count(*) FROM certificate_revocations r JOIN certificates c ON c.id = r.certificate_id
         WHERE c.case_id = $1)::int AS revocations,
       (SELECT string_agg(user_id || ':' || role, ',' ORDER BY user_id, role) FROM case_members WHERE case_id = $1)
         AS members,
       (SELECT string_agg(id || ':' || status || ':' || received, ',' ORDER BY id) FROM uploads WHERE case_id = $1)
         AS uploads,
       (SELECT title || '|' || cause_of_action || '|' || status FROM cases WHERE id = $1) AS details`,
    [room.caseA.id],
  );
  return rows[0];
}

async function outcomeOf(promise: Promise<unknown>): Promise<Outcome | string> {
  try {
    await promise;
    return ok;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

function cells<Op extends string>(table: Record<Op, readonly Outcome[]>) {
  return (Object.entries(table) as Array<[Op, readonly Outcome[]]>).flatMap(([operation, row]) =>
    PEOPLE.map((who, i) => ({ operation, who, expected: row[i] as Outcome })),
  );
}

async function checkCell(operation: ActionOperation | ReadOperation, who: Person, expected: Outcome) {
  const cell = await OPERATIONS[operation](who);
  const before = await footprint();
  expect(await outcomeOf(cell.call())).toBe(expected);
  if (expected !== ok) {
    expect(await footprint(), 'a refused call left a trace in case A').toEqual(before);
    if (cell.written) expect(await cell.written(), 'a refused call wrote something').toBe(false);
  } else {
    if (cell.recorded) expect(await footprint()).not.toEqual(before);
    if (cell.written) expect(await cell.written()).toBe(true);
  }
}

describe('server actions: the domain function behind each, as each person', () => {
  it.each(cells(ACTIONS))('$operation as $who: $expected', async ({ operation, who, expected }) => {
    await checkCell(operation, who, expected);
  });

  it('covers every server action in app/', () => {
    const found: string[] = [];
    for (const file of readdirSync(path.join(ROOT, 'app'), { recursive: true, encoding: 'utf8' })) {
      if (!/(^|\/)actions\.ts$/.test(file)) continue;
      const source = readFileSync(path.join(ROOT, 'app', file), 'utf8');
      if (!/^'use server';/m.test(source)) continue;
      for (const [, name] of source.matchAll(/^export async function (\w+)/gm)) found.push(`app/${file}#${name}`);
    }
    expect(found.sort()).toEqual(Object.keys(SERVER_ACTIONS).sort());
    for (const operation of Object.values(SERVER_ACTIONS)) if (operation) expect(ACTIONS).toHaveProperty(operation);
  });
});

describe('pages and routes: the domain function behind each, as each person', () => {
  it.each(cells(READS))('$operation as $who: $expected', async ({ operation, who, expected }) => {
    await checkCell(operation, who, expected);
  });
});

describe('nothing the custody log recorded can be deleted', () => {
  /** Runs `sql` in a transaction that is rolled back whatever happens: a failing test deletes nothing. */
  async function attempt(sql: string, params: unknown[]): Promise<unknown> {
    const client = await getPool().connect();
    try {
      await client.query('BEGIN');
      return await client.query(sql, params);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('refuses DELETE on exhibits, verifications, determinations, evidence blobs, audit events and deposits', async () => {
    await recordDetermination(actors.judge, fileExhibit.id, { outcome: 'rejected', reasoning: 'kept for good' });
    const { sha256 } = digestsOf(fileExhibit.bytes);
    const deposited = await depositFromBrowser(actors.depositor, {
      deposits: [{ digests: digestsOf(randomEvidence()), title: 'kept for good' }],
    });
    const depositId = deposited.receipts[0]?.id;
    expect(depositId).toBeDefined();
    const statements: Array<[string, unknown[]]> = [
      ['DELETE FROM exhibits WHERE id = $1', [fileExhibit.id]],
      ['DELETE FROM verifications WHERE exhibit_id = $1', [fileExhibit.id]],
      ['DELETE FROM determinations WHERE exhibit_id = $1', [fileExhibit.id]],
      ['DELETE FROM evidence_blobs WHERE sha256 = $1', [Buffer.from(sha256, 'hex')]],
      ['DELETE FROM audit_events WHERE case_id = $1', [room.caseA.id]],
      ['DELETE FROM deposits WHERE id = $1', [depositId]],
      // The evidence exchange's tables (issue #17) are checked once, with UPDATE and TRUNCATE too,
      // in lib/exchange/exchange.test.ts.
    ];
    for (const [sql, params] of statements) {
      // The rows exist, so a refusal is the trigger's, not an empty match.
      const table = sql.split(' ')[2];
      const count = sql.replace(/^DELETE FROM/, 'SELECT count(*)::int AS n FROM');
      expect((await getPool().query(count, params)).rows[0]?.n, table).toBeGreaterThan(0);
      await expect(attempt(sql, params), sql).rejects.toThrow(/append-only/);
    }
  });

  it('refuses to delete a case or an account the log names', async () => {
    await expect(attempt('DELETE FROM cases WHERE id = $1', [room.caseA.id])).rejects.toThrow(/foreign key/);
    await expect(attempt('DELETE FROM users WHERE id = $1', [actors.judge.id])).rejects.toThrow(/foreign key/);
  });

  it('has no DELETE route handler in app/ but the one cancelling an upload in progress', () => {
    const withDelete = readdirSync(path.join(ROOT, 'app'), { recursive: true, encoding: 'utf8' })
      .filter((file) => /(^|\/)route\.ts$/.test(file))
      .filter((file) =>
        /^export (async )?(function|const) DELETE\b/m.test(readFileSync(path.join(ROOT, 'app', file), 'utf8')),
      );
    expect(withDelete).toEqual(['api/v1/uploads/[id]/route.ts']);
  });
});
