'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { addCaseMemberAction, type CaseMemberState } from '@/app/(portal)/cases/[caseId]/manage/actions';
import { Fieldset } from '@/components/ui/field';
import type { CaseRole } from '@/lib/db/generated/enums';
import { BUTTON_CLASS, DocketErrorSummary, RadioGroup, StatusLine, useDocketErrorMessage } from './docket-fields';
import { CASE_ROLE_ORDER } from './docket-form-state';

export interface AssignablePerson {
  id: string;
  name: string;
  email: string;
  accountRole: 'litigant' | 'judge' | 'clerk';
  roles: CaseRole[];
}

const INITIAL: CaseMemberState = { attempt: 0, values: { userId: '', role: '' }, errors: [] };

/**
 * Adds a person to the case: one of the people the search above found (a radio list: works
 * without JavaScript), then the role. The server checks again that the person may take it.
 */
export function AddMemberForm({ caseId, people }: { caseId: string; people: AssignablePerson[] }) {
  const t = useTranslations('docket');
  const roles = useTranslations('cases.roles');
  const message = useDocketErrorMessage();
  const [state, action, pending] = useActionState(addCaseMemberAction, INITIAL);
  const errorOf = (field: string) => {
    const error = state.errors.find((e) => e.field === field);
    return error ? message(error) : undefined;
  };
  const first = people[0]?.id ?? '';
  // The roles open to someone found (all four before any result, e.g. after an error).
  const open = CASE_ROLE_ORDER.filter((r) => people.length === 0 || people.some((p) => p.roles.includes(r)));
  return (
    <div className="space-y-4">
      <StatusLine testId="add-member-status">
        {state.done?.key === 'added' && state.errors.length === 0
          ? t('manage.added', { name: state.done.name ?? '', role: state.done.role ? roles(state.done.role) : '' })
          : null}
      </StatusLine>
      {people.length === 0 && state.errors.length === 0 ? null : (
        <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="add-member-form">
          <DocketErrorSummary
            id="add-member-errors"
            errors={state.errors}
            hrefFor={(f) => (f === 'role' ? `#role-${open[0] ?? 'plaintiff'}` : `#userId-${first}`)}
          />
          <input type="hidden" name="caseId" value={caseId} />
          <Fieldset id="userId" legend={t('manage.person')} error={errorOf('userId')}>
            <ul className="divide-y divide-slate-300 border-y border-slate-300" data-testid="person-results">
              {people.map((p) => (
                <li key={p.id}>
                  <label htmlFor={`userId-${p.id}`} className="flex min-w-0 items-start gap-3 py-2 text-base">
                    <input
                      id={`userId-${p.id}`}
                      type="radio"
                      name="userId"
                      value={p.id}
                      defaultChecked={state.values.userId === p.id || people.length === 1}
                      className="mt-1 size-5 shrink-0 accent-court-700"
                    />
                    <span className="min-w-0">
                      {/* wrap-anywhere: a long name or address shrinks the list's minimum width (a fieldset's
                          is its content's), so it fits a 360 px phone. */}
                      <span className="block font-semibold wrap-anywhere">{p.name}</span>
                      <span className="block break-all text-slate-700">{p.email}</span>
                      <span className="block text-sm text-slate-700">
                        {t('manage.search.canBe', { roles: p.roles.map((r) => roles(r)).join(t('manage.search.or')) })}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </Fieldset>
          <RadioGroup
            name="role"
            legend={t('manage.role')}
            hint={t('manage.roleHint')}
            error={errorOf('role')}
            defaultValue={state.values.role}
            options={open.map((r) => ({ value: r, label: roles(r) }))}
          />
          <button type="submit" disabled={pending} className={BUTTON_CLASS}>
            {pending ? t('manage.adding') : t('manage.add')}
          </button>
        </form>
      )}
    </div>
  );
}
