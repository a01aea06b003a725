import { getTranslations } from 'next-intl/server';
import { Field } from '@/components/ui/field';
import { SearchFormActions } from '@/components/ui/search-form-actions';

export interface DocketSearchValues {
  number: string;
  party: string;
  status: string;
}

/**
 * The docket's search: a GET form (the search is in the address: bookmarkable, the back button
 * works), case number, party and status. Values are shown as given, refused ones next to their
 * errors. Not printed.
 */
export async function DocketSearchForm({
  action,
  values,
  errors,
}: {
  action: string;
  values: DocketSearchValues;
  errors: Partial<Record<keyof DocketSearchValues, string>>;
}) {
  const t = await getTranslations('docketSearch');
  const tc = await getTranslations('cases');
  const control = 'block w-full border-2 border-slate-800 bg-white px-3 py-2 text-base';
  const knownStatus = values.status === '' || values.status === 'open' || values.status === 'closed';
  return (
    <search className="mb-6 block border-l-4 border-court-700 bg-court-50 p-4 print:hidden" data-testid="docket-search">
      <form method="get" action={action} className="space-y-4">
        <h3 className="text-lg font-bold">{t('heading')}</h3>
        <div className="grid gap-4 md:grid-cols-[2fr_2fr_1fr]">
          <Field id="docket-number" label={t('number')} hint={t('numberHint')} error={errors.number}>
            {(props) => (
              <input {...props} type="search" name="number" defaultValue={values.number} className={control} />
            )}
          </Field>
          <Field id="docket-party" label={t('party')} hint={t('partyHint')} error={errors.party}>
            {(props) => <input {...props} type="search" name="party" defaultValue={values.party} className={control} />}
          </Field>
          <Field id="docket-status" label={t('status')} error={errors.status}>
            {(props) => (
              <select {...props} name="status" defaultValue={values.status} className={control}>
                <option value="">{t('anyStatus')}</option>
                <option value="open">{tc('statuses.open')}</option>
                <option value="closed">{tc('statuses.closed')}</option>
                {knownStatus ? null : <option value={values.status}>{values.status}</option>}
              </select>
            )}
          </Field>
        </div>
        <SearchFormActions submit={t('submit')} clear={t('clear')} clearHref={action} />
      </form>
    </search>
  );
}
