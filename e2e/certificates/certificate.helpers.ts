/**
 * Shared steps for the public page and /verify certificate specs: a certificate issued through
 * the clerk's UI for the demo case's *tampered* exhibit (the defendant's copy of the capture,
 * one byte changed), which the acceptance spec (clerk-issues) leaves alone, and that exhibit's
 * file, rebuilt as the seed builds it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_CASES, DEMO_EXHIBITS } from '../../prisma/seed/demo-data';
import { demoEmail, expect, signInOverHttp } from '../fixtures';

const CASE = DEMO_CASES[0]?.caseNumber ?? '';
const EXHIBIT = DEMO_EXHIBITS[1];
if (!EXHIBIT || EXHIBIT.flipByteAt === null)
  throw new Error('the demo data has changed: exhibit 2 is no longer tampered');
export const EXHIBIT_TITLE: string = EXHIBIT.title;

/** The exhibit's file as the defendant submitted it (the seed flips one bit of the deposited capture). */
export function exhibitFile(): { name: string; bytes: Buffer } {
  const bytes = readFileSync(path.resolve('prisma/seed/files', EXHIBIT?.file ?? ''));
  const at = EXHIBIT?.flipByteAt ?? 0;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return { name: EXHIBIT?.file ?? '', bytes };
}

export async function openExhibitAsClerk(page: Page): Promise<void> {
  await signInOverHttp(page.request, demoEmail('clerk'));
  await page.goto('/home');
  await page.getByTestId('case-link').filter({ hasText: CASE }).first().click();
  await expect(page.getByTestId('case-number')).toHaveText(CASE);
  await page
    .getByTestId('exhibit-table')
    .getByTestId('exhibit-link')
    .filter({ hasText: EXHIBIT_TITLE })
    .first()
    .click();
  await expect(page.getByTestId('exhibit-certificates')).toBeVisible();
}

export interface IssuedCertificate {
  id: string;
  number: string;
}

/**
 * The exhibit's certificate in `state` ('valid', or 'any' when revoked will do), issued by the
 * clerk through the exhibit page when there is none. Specs run in parallel: when another issued
 * one meanwhile (the button answers with a conflict), that one is taken.
 */
export async function certificateThroughUi(page: Page, state: 'valid' | 'any' = 'valid'): Promise<IssuedCertificate> {
  await openExhibitAsClerk(page);
  const section = page.getByTestId('exhibit-certificates');
  const listed = section.locator(
    state === 'valid'
      ? '[data-testid="exhibit-certificate"][data-state="valid"]'
      : '[data-testid="exhibit-certificate"]',
  );
  if ((await listed.count()) === 0) {
    await section.getByTestId('issue-certificate-button').click();
    const outcome = section.getByTestId('certificate-issued').or(section.getByTestId('issue-error'));
    await expect(outcome).toBeVisible({ timeout: 30_000 });
    const issued = section.getByTestId('certificate-issued');
    if (await issued.isVisible()) {
      return {
        id: (await issued.getAttribute('data-certificate-id')) ?? '',
        number: (await issued.getAttribute('data-certificate-number')) ?? '',
      };
    }
    await page.reload();
  }
  const first = listed.first();
  await expect(first).toBeVisible();
  return {
    id: (await first.getAttribute('data-certificate-id')) ?? '',
    number: (await first.getAttribute('data-certificate-number')) ?? '',
  };
}

/** The certificate's PDF, as the clerk downloads it. */
export async function certificatePdf(page: Page, id: string): Promise<Buffer> {
  const response = await page.request.get(`/api/v1/certificates/${id}/pdf`);
  expect(response.status()).toBe(200);
  return Buffer.from(await response.body());
}
