import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return {
    title: { default: `${t('appName')} · ${t('appSubtitle')}`, template: `%s · ${t('appName')}` },
    description: t('appSubtitle'),
    // public/: the SVG for browsers that take one, the ICO (16–48 px) for the rest.
    icons: {
      icon: [
        { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
        { url: '/favicon.svg', type: 'image/svg+xml' },
      ],
    },
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  const messages = await getMessages();
  // Client components only need these namespaces; the rest stays on the server.
  const clientMessages = {
    signIn: messages.signIn,
    nav: messages.nav,
    verify: messages.verify,
    certificate: messages.certificate,
    vouched: messages.vouched,
    anchors: messages.anchors,
  };
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-[var(--color-focus)] focus:px-3 focus:py-2 focus:text-slate-900"
        >
          {t('skipToContent')}
        </a>
        <NextIntlClientProvider messages={clientMessages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
