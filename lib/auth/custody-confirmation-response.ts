import 'server-only';
/**
 * What a route that records a custody event answers a request that did not come from the
 * portal's own pages (check-custody-request.ts decides): 403 with a small page in the reader's
 * language saying why, and a button — a link to the same address, which the person's click makes
 * a same-origin request (and which carries the confirmation token for browsers that send no
 * fetch metadata). Nothing is recorded and nothing of the case is shown.
 *
 * A plain HTML string rather than a React page: route handlers answer downloads, and this page
 * names nothing but the address already in the browser's bar.
 */
import { createTranslator } from 'use-intl/core';
import type { Actor } from '@/lib/auth/actor';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from '@/lib/i18n/config';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { checkCustodyRequest } from './check-custody-request';

/** What the button does; a message key under `custody.confirm`. */
export type CustodyConfirmAction = 'exhibitFile' | 'certificatePdf' | 'certificatesZip';

/**
 * null when `request` came from the person's own use of the portal (go on and record); otherwise
 * the confirmation page to answer instead.
 */
export function custodyConfirmationResponse(
  request: Request,
  actor: Actor,
  action: CustodyConfirmAction,
): Response | null {
  const check = checkCustodyRequest({ headers: request.headers, url: request.url, personId: actor.id });
  if (check.own) return null;
  const locale = readerLocale(request.headers.get('cookie'));
  const t = createTranslator({ locale, messages: locale === 'en' ? en : zh, namespace: 'custody.confirm' });
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t('pageTitle'))}</title></head>
<body>
<main data-testid="custody-confirm" data-site="${check.site}">
<h1>${escapeHtml(t('heading'))}</h1>
<p>${escapeHtml(t('lead'))}</p>
<p><a href="${escapeHtml(check.confirmHref)}" data-testid="custody-confirm-button">${escapeHtml(t(action))}</a></p>
<p>${escapeHtml(t('notMeant'))}</p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 403,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      // The button's token is for this person only: never sent on as a referrer.
      'referrer-policy': 'no-referrer',
    },
  });
}

/** The reader's chosen language: the NEXT_LOCALE cookie, as lib/i18n/request.ts reads it. */
function readerLocale(cookieHeader: string | null): Locale {
  for (const pair of (cookieHeader ?? '').split(';')) {
    const [name, value] = pair.trim().split('=');
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return DEFAULT_LOCALE;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
