'use server';
import { z } from 'zod';
import type { OidcFormState, OidcFormValues } from '@/components/oidc/oidc-form-state';
import { oidcFormErrors } from '@/components/oidc/oidc-form-state';
import { setOidcConfig } from '@/lib/auth/oidc/set-oidc-config';
import { testOidcConnection } from '@/lib/auth/oidc/test-oidc-connection';
import { requireUser } from '@/lib/auth/session';

// The form's shape; setOidcConfig and testOidcConnection validate the content with their own schemas.
const text = z.string().catch('');
const ZOidcForm = z.object({
  intent: z.enum(['save', 'test']).catch('save'),
  enabled: z.literal('on').optional().catch(undefined),
  issuer: text,
  clientId: text,
  clientSecret: text,
  emailClaim: text,
  displayNameZh: text,
  displayNameEn: text,
});

/** Saves the court's sign-in configuration, or tests the issuer typed in the form (nothing saved). */
export async function oidcConfigAction(previous: OidcFormState, formData: FormData): Promise<OidcFormState> {
  const actor = await requireUser();
  const { intent, enabled, clientSecret, ...rest } = ZOidcForm.parse(Object.fromEntries(formData));
  const values: OidcFormValues = { ...rest, enabled: enabled === 'on' };
  const attempt = previous.attempt + 1;
  try {
    if (intent === 'test') {
      const test = await testOidcConnection(actor, {
        issuer: values.issuer,
        emailClaim: values.emailClaim || undefined,
      });
      return { attempt, values, errors: [], test };
    }
    await setOidcConfig(actor, { ...values, clientSecret });
    return { attempt, values, errors: [], saved: true };
  } catch (error) {
    const errors = oidcFormErrors(error);
    if (!errors) console.error(error);
    return { attempt, values, errors: errors ?? [{ key: 'UNAVAILABLE' }] };
  }
}
