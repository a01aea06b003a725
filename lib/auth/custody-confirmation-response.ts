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
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t('pageTitle'))}</title>
<style>${STYLE}</style></head>
<body>
<header><b>Verity</b></header>
<main data-testid="custody-confirm" data-site="${check.site}">
<h1>${escapeHtml(t('heading'))}</h1>
<p>${escapeHtml(t('lead'))}</p>
<p><a href="${escapeHtml(check.confirmHref)}" class="button" data-testid="custody-confirm-button">${escapeHtml(t(action))}</a></p>
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
      // No script and nothing loaded: the page is its text, its own style and one link.
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    },
  });
}

/**
 * The portal's look without its style sheet (an API route has none to link): its type, width,
 * colours and button (components/ui), so the page reads as the portal's at 390 px as at 1280.
 */
const STYLE =
  'body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC",sans-serif;color:#0f172a;line-height:1.6}' +
  'header{background:#0f2744;border-top:4px solid #b91c1c;color:#fff;padding:1rem}header b{font-size:1.5rem}' +
  'main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.9rem;line-height:1.2;margin:0 0 1rem}' +
  'a.button{display:inline-block;background:#1e3a6e;color:#fff;font-weight:600;padding:.75rem 1.25rem;text-decoration:none;border-radius:.25rem}' +
  'a.button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}a.button:hover{background:#172f5a}';

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
