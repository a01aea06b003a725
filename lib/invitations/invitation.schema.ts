import 'server-only';
/** What the invitation forms and the accept page send, validated once here. */
import { z } from 'zod';
import { STAFF_ROLES } from '@/lib/accounts/change-account-role';
import { ZEmailAddress } from '@/lib/auth/email-address';
import { ZNewPassword } from '@/lib/auth/password-policy';
import { ZPersonName } from '@/lib/court/court.schema';
import { LOCALES } from '@/lib/i18n/config';

/** An invitation is valid this long after it is sent (or sent again). */
export const INVITATION_DAYS = 7;

const ZLocale = z.enum(LOCALES, { error: 'choose the language of the e-mail' });

export const ZStaffInvitation = z
  .object({
    email: ZEmailAddress,
    name: ZPersonName,
    role: z.enum(STAFF_ROLES, { error: 'choose a role: judge, clerk, admin or depositor' }),
    depositorOrgId: z.uuid({ error: 'choose the depositor organisation' }).optional(),
    locale: ZLocale,
  })
  .refine((o) => (o.role === 'depositor') === (o.depositorOrgId !== undefined), {
    path: ['depositorOrgId'],
    error: 'a depositor needs a depositor organisation; other roles have none',
  });
export type StaffInvitationInput = z.input<typeof ZStaffInvitation>;

export const ZPartyInvitation = z.object({
  email: ZEmailAddress,
  name: ZPersonName,
  caseRole: z.enum(['plaintiff', 'defendant'], { error: 'choose plaintiff or defendant' }),
  locale: ZLocale,
});
export type PartyInvitationInput = z.input<typeof ZPartyInvitation>;

export const ZAcceptInvitation = z.object({ name: ZPersonName, password: ZNewPassword });
export type AcceptInvitationInput = z.input<typeof ZAcceptInvitation>;

export const ZInvitationId = z.uuid({ error: 'invitationId must be a UUID' });
