/**
 * Shared e2e fixtures. Tests sign in over HTTP (next-auth's credentials endpoint) rather
 * than through the form; only e2e/auth/sign-in-page.spec.ts drives the form itself.
 */
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, test as base, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from '../prisma/seed/demo-data';

export type DemoRole = 'litigant' | 'defendant' | 'judge' | 'clerk' | 'admin' | 'depositor';

export function demoEmail(who: DemoRole): string {
  if (who === 'defendant') return 'defendant@demo.verity';
  const user = DEMO_USERS.find((u) => u.role === who);
  if (!user) throw new Error(`no demo user with role ${who}`);
  return user.email;
}

export async function signInOverHttp(
  request: APIRequestContext,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
    maxRedirects: 0,
  });
  const body = (await response.json()) as { url?: string };
  if (!body.url || body.url.includes('error=')) throw new Error(`sign-in as ${email} failed: ${JSON.stringify(body)}`);
}

export const test = base.extend<{ signInAs: (who: DemoRole) => Promise<void> }>({
  signInAs: async ({ page }, use) => {
    await use((who) => signInOverHttp(page.request, demoEmail(who)));
  },
});

/** Serious and critical accessibility violations on the current page (none expected). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export { expect };
