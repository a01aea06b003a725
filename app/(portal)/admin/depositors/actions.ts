'use server';
/** The depositor pages' forms: organisations, API keys (the secret answered once), signing keys. */
import { revalidatePath } from 'next/cache';
import { type AdminFormState, doneState, failedState, formValues } from '@/components/admin/form-state';
import { requireUser } from '@/lib/auth/session';
import { createApiKey } from '@/lib/depositors/create-api-key';
import { createDepositorOrg } from '@/lib/depositors/create-depositor-org';
import { registerDepositorKey } from '@/lib/depositors/register-depositor-key';
import { renameDepositorOrg } from '@/lib/depositors/rename-depositor-org';
import { revokeApiKey } from '@/lib/depositors/revoke-api-key';
import { revokeDepositorKey } from '@/lib/depositors/revoke-depositor-key';
import { setApiKeyLimits } from '@/lib/depositors/set-api-key-limits';
import { AppError } from '@/lib/errors/app-error';

export async function createDepositorOrgAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['name']);
  try {
    const org = await createDepositorOrg(actor, { name: values.name ?? '' });
    revalidatePath('/admin/depositors');
    return doneState(previous, 'orgCreated', { name: org.name, id: org.id });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

export async function renameDepositorOrgAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['orgId', 'name']);
  try {
    const org = await renameDepositorOrg(actor, { orgId: values.orgId ?? '', name: values.name ?? '' });
    revalidatePath(`/admin/depositors/${org.id}`);
    revalidatePath('/admin/depositors');
    return doneState(previous, org.changed ? 'orgRenamed' : 'unchanged', { name: org.name }, { name: org.name });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

/** Issues an API key: the whole key is in this answer only (shown once, with a copy button). */
export async function createApiKeyAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['orgId', 'label']);
  try {
    const created = await createApiKey(actor, { orgId: values.orgId ?? '', label: values.label ?? '' });
    revalidatePath(`/admin/depositors/${values.orgId}`);
    return doneState(previous, 'keyCreated', { label: values.label?.trim() ?? '', secret: created.key });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

export async function revokeApiKeyAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['orgId', 'apiKeyId']);
  try {
    const key = await revokeApiKey(actor, { apiKeyId: values.apiKeyId ?? '' });
    revalidatePath(`/admin/depositors/${values.orgId}`);
    return doneState(previous, 'keyRevoked', { label: key.label });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

/**
 * Sets an API key's deposit limits: an empty field is null (the server's default); anything else
 * is read as a number, and the domain refuses what is not a whole number of at least 1.
 */
export async function setApiKeyLimitsAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['orgId', 'apiKeyId', 'ratePerMinute', 'burst', 'dailyQuota']);
  const limit = (value: string | undefined) => (value?.trim() ? Number(value.trim()) : null);
  try {
    const key = await setApiKeyLimits(actor, {
      apiKeyId: values.apiKeyId ?? '',
      ratePerMinute: limit(values.ratePerMinute),
      burst: limit(values.burst),
      dailyQuota: limit(values.dailyQuota),
    });
    revalidatePath(`/admin/depositors/${values.orgId}`);
    const shown = (n: number | null) => (n === null ? '' : String(n));
    return doneState(
      previous,
      key.changed ? 'limitsSet' : 'unchanged',
      { label: key.label },
      {
        orgId: values.orgId ?? '',
        apiKeyId: key.id,
        ratePerMinute: shown(key.ratePerMinute),
        burst: shown(key.rateBurst),
        dailyQuota: shown(key.dailyQuota),
      },
    );
  } catch (error) {
    return failedState(previous, values, error);
  }
}

/** Registers a signing key given as standard base64 (RFC 4648 §4) of its raw public key bytes. */
export async function registerDepositorKeyAction(
  previous: AdminFormState,
  formData: FormData,
): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['orgId', 'algorithm', 'publicKey', 'label']);
  try {
    const text = (values.publicKey ?? '').replace(/\s+/g, '');
    const bytes = Buffer.from(text, 'base64');
    if (
      !/^[A-Za-z0-9+/]+={0,2}$/.test(text) ||
      bytes.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')
    ) {
      throw new AppError('VALIDATION_FAILED', 'publicKey must be standard base64', {
        issues: [{ path: 'publicKey', message: 'publicKey must be standard base64' }],
      });
    }
    await registerDepositorKey(actor, {
      orgId: values.orgId ?? '',
      algorithm: values.algorithm as 'ed25519',
      publicKey: new Uint8Array(bytes),
      label: values.label ?? '',
    });
    revalidatePath(`/admin/depositors/${values.orgId}`);
    return doneState(previous, 'signingKeyRegistered', { label: values.label?.trim() ?? '' });
  } catch (error) {
    return failedState(previous, values, error);
  }
}

export async function revokeDepositorKeyAction(previous: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const actor = await requireUser();
  const values = formValues(formData, ['orgId', 'depositorKeyId']);
  try {
    const key = await revokeDepositorKey(actor, { depositorKeyId: values.depositorKeyId ?? '' });
    revalidatePath(`/admin/depositors/${values.orgId}`);
    return doneState(previous, 'signingKeyRevoked', { label: key.label });
  } catch (error) {
    return failedState(previous, values, error);
  }
}
