/**
 * The deposit history's search form: a GET form (the filters are in the address, so a result can
 * be bookmarked and the back button works), GOV.UK fields with their errors by the field. Server
 * component; the page passes every word.
 */
import { CodeField } from '@/components/ui/code-field';
import { Field } from '@/components/ui/field';
import { SearchFormActions } from '@/components/ui/search-form-actions';

export type HistoryFilterName = 'q' | 'digest' | 'from' | 'to';

export interface HistoryFilterWords {
  legend: string;
  q: string;
  qHint: string;
  digest: string;
  digestHint: string;
  from: string;
  to: string;
  dateHint: string;
  submit: string;
  clear: string;
}

const input = 'block w-full border-2 border-slate-800 bg-white px-3 py-2 text-base aria-[invalid]:border-seal-700';

export function HistoryFilters({
  action,
  values,
  errors,
  words,
}: {
  action: string;
  values: Record<HistoryFilterName, string>;
  errors: Partial<Record<HistoryFilterName, string>>;
  words: HistoryFilterWords;
}) {
  const filtered = Object.values(values).some((v) => v !== '');
  return (
    <search className="mb-8 block">
      <form
        method="get"
        action={action}
        noValidate
        className="max-w-3xl space-y-4 border-2 border-slate-300 p-4 sm:p-5"
      >
        <h2 className="text-xl font-bold">{words.legend}</h2>
        <Field id="history-q" label={words.q} hint={words.qHint} error={errors.q}>
          {(control) => (
            <input {...control} name="q" type="search" defaultValue={values.q} className={`${input} max-w-xl`} />
          )}
        </Field>
        <CodeField
          id="history-digest"
          name="digest"
          label={words.digest}
          hint={words.digestHint}
          error={errors.digest}
          defaultValue={values.digest}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="history-from" label={words.from} hint={words.dateHint} error={errors.from}>
            {(control) => (
              <input {...control} name="from" type="date" defaultValue={values.from} className={`${input} max-w-60`} />
            )}
          </Field>
          <Field id="history-to" label={words.to} hint={words.dateHint} error={errors.to}>
            {(control) => (
              <input {...control} name="to" type="date" defaultValue={values.to} className={`${input} max-w-60`} />
            )}
          </Field>
        </div>
        <SearchFormActions
          submit={words.submit}
          clear={words.clear}
          clearHref={action}
          showClear={filtered}
          submitTestId="history-submit"
        />
      </form>
    </search>
  );
}
