import { getTranslations } from 'next-intl/server';
import { setNotifyByEmailAction } from '@/app/(portal)/notifications/actions';

/** The person's choice: notifications by e-mail too, or here only. One button that switches it. */
export async function EmailChoice({ on, email }: { on: boolean; email: string }) {
  const t = await getTranslations('notifications.email');
  return (
    <section aria-labelledby="email-choice-heading" className="mt-10 max-w-2xl border border-slate-400 p-4">
      <h2 id="email-choice-heading" className="mb-2 text-xl font-bold">
        {t('legend')}
      </h2>
      <p className="mb-3 wrap-anywhere" data-testid="email-choice-state" data-on={on ? 'true' : 'false'}>
        {on ? t('on', { email }) : t('off')}
      </p>
      <form action={setNotifyByEmailAction}>
        <input type="hidden" name="notifyByEmail" value={on ? 'off' : 'on'} />
        <button
          type="submit"
          className="border border-slate-700 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
          data-testid="email-choice-toggle"
        >
          {on ? t('turnOff') : t('turnOn')}
        </button>
      </form>
    </section>
  );
}
