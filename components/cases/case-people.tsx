'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type CaseMemberState, removeCaseMemberAction } from '@/app/(portal)/cases/[caseId]/manage/actions';
import type { CaseRole } from '@/lib/db/generated/enums';
import { DocketErrorSummary, StatusLine } from './docket-fields';
import { CASE_ROLE_ORDER } from './docket-form-state';

export interface CasePerson {
  userId: string;
  name: string;
  email: string;
}

const INITIAL: CaseMemberState = { attempt: 0, values: { userId: '', role: '' }, errors: [] };

/** Everyone on the case, by role, each with a button that ends their assignment. */
export function CasePeople({ caseId, members }: { caseId: string; members: Record<CaseRole, CasePerson[]> }) {
  const t = useTranslations('docket.manage');
  const roles = useTranslations('cases.roles');
  const [state, action, pending] = useActionState(removeCaseMemberAction, INITIAL);
  const nameOf = (userId: string) =>
    CASE_ROLE_ORDER.flatMap((r) => members[r]).find((m) => m.userId === userId)?.name ?? '';
  return (
    <div className="space-y-4">
      <StatusLine testId="case-people-status">
        {state.done?.key === 'removed' && state.errors.length === 0
          ? t('removed', { name: state.done.name ?? '', role: state.done.role ? roles(state.done.role) : '' })
          : null}
      </StatusLine>
      <DocketErrorSummary
        key={state.attempt}
        id="case-people-errors"
        errors={state.errors}
        nameFor={() => nameOf(state.values.userId)}
      />
      <dl className="space-y-4" data-testid="case-people">
        {CASE_ROLE_ORDER.map((role) => (
          <div key={role} data-role={role}>
            <dt className="border-b border-slate-300 pb-1 text-lg font-semibold">{roles(role)}</dt>
            {members[role].length === 0 ? (
              <dd className="py-2 text-slate-600">{t('nobody')}</dd>
            ) : (
              members[role].map((m) => (
                <dd
                  key={m.userId}
                  className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 border-b border-slate-200 py-2"
                  data-testid="case-person"
                >
                  <span className="min-w-0">
                    <span className="block font-medium">{m.name}</span>
                    <span className="block break-all text-sm text-slate-600">{m.email}</span>
                  </span>
                  <form action={action}>
                    <input type="hidden" name="caseId" value={caseId} />
                    <input type="hidden" name="userId" value={m.userId} />
                    <input type="hidden" name="role" value={role} />
                    <button
                      type="submit"
                      disabled={pending}
                      aria-label={t('removeLabel', { name: m.name, role: roles(role) })}
                      className="border-2 border-slate-800 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60"
                    >
                      {t('remove')}
                    </button>
                  </form>
                </dd>
              ))
            )}
          </div>
        ))}
      </dl>
    </div>
  );
}
