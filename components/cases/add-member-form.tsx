'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { addCaseMemberAction, type CaseMemberState } from '@/app/(portal)/cases/[caseId]/manage/actions';
import { Field } from '@/components/ui/field';
import type { CaseRole } from '@/lib/db/generated/enums';
import {
  BUTTON_CLASS,
  DocketErrorSummary,
  INPUT_CLASS,
  RadioGroup,
  StatusLine,
  useDocketErrorMessage,
} from './docket-fields';
import { CASE_ROLE_ORDER } from './docket-form-state';

export interface AssignablePerson {
  id: string;
  name: string;
  email: string;
  accountRole: 'litigant' | 'judge' | 'clerk';
  roles: CaseRole[];
}

const INITIAL: CaseMemberState = { attempt: 0, values: { userId: '', role: '' }, errors: [] };
const GROUPS = ['litigant', 'judge', 'clerk'] as const;

/** Adds a person to the case: whom (litigants; this court's judges and clerks) and in which role. */
export function AddMemberForm({ caseId, people }: { caseId: string; people: AssignablePerson[] }) {
  const t = useTranslations('docket');
  const roles = useTranslations('cases.roles');
  const message = useDocketErrorMessage();
  const [state, action, pending] = useActionState(addCaseMemberAction, INITIAL);
  const errorOf = (field: string) => {
    const error = state.errors.find((e) => e.field === field);
    return error ? message(error) : undefined;
  };
  const personError = errorOf('userId');
  return (
    <div className="space-y-4">
      <StatusLine testId="add-member-status">
        {state.done?.key === 'added' && state.errors.length === 0
          ? t('manage.added', { name: state.done.name ?? '', role: state.done.role ? roles(state.done.role) : '' })
          : null}
      </StatusLine>
      {people.length === 0 ? (
        <p>{t('manage.nobodyToAdd')}</p>
      ) : (
        <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="add-member-form">
          <DocketErrorSummary
            id="add-member-errors"
            errors={state.errors}
            hrefFor={(f) => (f === 'role' ? '#role-plaintiff' : `#${f}`)}
          />
          <input type="hidden" name="caseId" value={caseId} />
          <Field id="userId" label={t('manage.person')} hint={t('manage.personHint')} error={personError}>
            {(control) => (
              <select
                {...control}
                name="userId"
                defaultValue={state.values.userId}
                className={`${INPUT_CLASS} max-w-xl`}
              >
                <option value="">{t('manage.choosePerson')}</option>
                {GROUPS.map((group) => {
                  const inGroup = people.filter((p) => p.accountRole === group);
                  return inGroup.length === 0 ? null : (
                    <optgroup key={group} label={t(`manage.groups.${group}`)}>
                      {inGroup.map((p) => (
                        <option key={p.id} value={p.id}>
                          {`${p.name} · ${p.email}`}
                        </option>
                      ))}
                    </optgroup>
                  );
                })}
              </select>
            )}
          </Field>
          <RadioGroup
            name="role"
            legend={t('manage.role')}
            hint={t('manage.roleHint')}
            error={errorOf('role')}
            defaultValue={state.values.role}
            options={CASE_ROLE_ORDER.map((r) => ({ value: r, label: roles(r) }))}
          />
          <button type="submit" disabled={pending} className={BUTTON_CLASS}>
            {pending ? t('manage.adding') : t('manage.add')}
          </button>
        </form>
      )}
    </div>
  );
}
