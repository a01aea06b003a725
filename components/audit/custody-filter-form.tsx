import { getLocale, getTranslations } from 'next-intl/server';
import { Field } from '@/components/ui/field';
import { SearchFormActions } from '@/components/ui/search-form-actions';
import { CUSTODY_KINDS } from '@/lib/audit/custody-kinds';
import type { CustodyPerson } from '@/lib/audit/list-custody-people';

export interface CustodyFilterValues {
  kind: string;
  person: string;
  from: string;
  to: string;
}

/**
 * The custody log page's filters: a GET form, so a filtered page can be bookmarked, printed and
 * sent, and the back button works. Values are shown as given, even refused ones, next to their
 * errors. Hidden when printed (the printout states the filter in words instead).
 */
export async function CustodyFilterForm({
  action,
  values,
  errors,
  people,
  portal,
}: {
  action: string;
  values: CustodyFilterValues;
  errors: Partial<Record<keyof CustodyFilterValues, string>>;
  people: readonly CustodyPerson[];
  portal: boolean;
}) {
  const t = await getTranslations('custody.filter');
  const tr = await getTranslations('roles');
  const locale = await getLocale();
  const control = 'block w-full border-2 border-slate-800 bg-white px-3 py-2 text-base';
  const knownPerson = values.person === '' || values.person === 'portal' || people.some((p) => p.id === values.person);
  return (
    <search className="block border-l-4 border-court-700 bg-court-50 p-4 print:hidden" data-testid="custody-filters">
      <form method="get" action={action} className="space-y-4">
        <h2 className="text-lg font-bold">{t('heading')}</h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field id="custody-kind" label={t('kind')} error={errors.kind}>
            {(props) => (
              <select {...props} name="kind" defaultValue={values.kind} className={control}>
                <option value="">{t('anyKind')}</option>
                {CUSTODY_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kinds.${kind}`)}
                  </option>
                ))}
                {errors.kind ? <option value={values.kind}>{values.kind}</option> : null}
              </select>
            )}
          </Field>
          <Field id="custody-person" label={t('person')} error={errors.person}>
            {(props) => (
              <select {...props} name="person" defaultValue={values.person} className={control}>
                <option value="">{t('anyPerson')}</option>
                {portal ? <option value="portal">{t('portal')}</option> : null}
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {locale.startsWith('zh') ? `${p.name}（${tr(p.role)}）` : `${p.name} (${tr(p.role)})`}
                  </option>
                ))}
                {knownPerson ? null : <option value={values.person}>{t('unknownPerson')}</option>}
              </select>
            )}
          </Field>
          <Field id="custody-from" label={t('from')} hint={t('dateHint')} error={errors.from}>
            {(props) => <input {...props} type="date" name="from" defaultValue={values.from} className={control} />}
          </Field>
          <Field id="custody-to" label={t('to')} hint={t('dateHint')} error={errors.to}>
            {(props) => <input {...props} type="date" name="to" defaultValue={values.to} className={control} />}
          </Field>
        </div>
        <SearchFormActions submit={t('submit')} clear={t('clear')} clearHref={action} />
      </form>
    </search>
  );
}
