import { getTranslations } from 'next-intl/server';
import { Field } from '@/components/ui/field';
import { SearchFormActions } from '@/components/ui/search-form-actions';

/**
 * The manage page's person search: a GET form (`?who=`), so it works without JavaScript and
 * the back button goes to the previous search; the results are the add form's choices.
 */
export async function PersonSearchForm({ action, q }: { action: string; q: string }) {
  const t = await getTranslations('docket.manage.search');
  return (
    <search className="block border-l-4 border-court-700 bg-court-50 p-4" data-testid="person-search">
      <form method="get" action={action} className="space-y-4">
        <Field id="person-search-q" label={t('label')} hint={t('hint')}>
          {(props) => (
            <input
              {...props}
              type="search"
              name="who"
              defaultValue={q}
              maxLength={200}
              autoComplete="off"
              className="block w-full max-w-xl border-2 border-slate-800 bg-white px-3 py-2 text-base"
            />
          )}
        </Field>
        <SearchFormActions submit={t('submit')} clear={t('clear')} clearHref={action} showClear={q !== ''} />
      </form>
    </search>
  );
}
