/**
 * Shared steps for the public page and /verify certificate specs: a case of the spec's own, made
 * like the demo case (e2e/data), whose *tampered* exhibit (the defendant's copy of the capture,
 * one byte changed) the clerk certifies through the portal, and that exhibit's file, rebuilt as
 * the seed builds it. Nothing here touches the shared demo case, so no spec waits on another.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_EXHIBITS } from '../../prisma/seed/demo-data';
import { type CaseLikeDemo, createCaseLikeDemo } from '../data/data';
import { demoEmail, expect, signInOverHttp } from '../fixtures';

const EXHIBIT = DEMO_EXHIBITS[1];
if (!EXHIBIT || EXHIBIT.flipByteAt === null)
  throw new Error('the demo data has changed: exhibit 2 is no longer tampered');
export const EXHIBIT_TITLE: string = EXHIBIT.title;

/** A case like the demo case, with its three exhibits, for one spec file. */
export function certificateCase(): Promise<CaseLikeDemo> {
  return createCaseLikeDemo(0);
}

/** The exhibit's file as the defendant submitted it (the seed flips one bit of the deposited capture). */
export function exhibitFile(): { name: string; bytes: Buffer } {
  const bytes = readFileSync(path.resolve('prisma/seed/files', EXHIBIT?.file ?? ''));
  const at = EXHIBIT?.flipByteAt ?? 0;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return { name: EXHIBIT?.file ?? '', bytes };
}

export async function openExhibitAsClerk(page: Page, made: CaseLikeDemo): Promise<void> {
  await signInOverHttp(page.request, demoEmail('clerk'));
  await page.goto('/home');
  await page.getByTestId('case-link').filter({ hasText: made.caseNumber }).click();
  // Each page is rendered on the server: wait for the navigation itself (bounded by the test's
  // timeout), not 5 s for an element, which a busy machine can exceed.
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('case-number')).toHaveText(made.caseNumber);
  await page.getByTestId('exhibit-table').getByTestId('exhibit-link').filter({ hasText: EXHIBIT_TITLE }).click();
  await page.waitForURL(/\/exhibits\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('exhibit-certificates')).toBeVisible();
}

export interface IssuedCertificate {
  id: string;
  number: string;
}

/** The clerk issues the exhibit's certificate through the exhibit page. */
export async function certificateThroughUi(page: Page, made: CaseLikeDemo): Promise<IssuedCertificate> {
  await openExhibitAsClerk(page, made);
  const section = page.getByTestId('exhibit-certificates');
  await section.getByTestId('issue-certificate-button').click();
  const issued = section.getByTestId('certificate-issued');
  await expect(issued).toBeVisible({ timeout: 30_000 });
  return {
    id: (await issued.getAttribute('data-certificate-id')) ?? '',
    number: (await issued.getAttribute('data-certificate-number')) ?? '',
  };
}

/**
 * What a request from the portal's own page says (Playwright's API requests send no fetch
 * metadata, which a download route that records a custody event answers with its button page).
 */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

/** The certificate's PDF, as the clerk downloads it from the case page. */
export async function certificatePdf(page: Page, id: string): Promise<Buffer> {
  const response = await page.request.get(`/api/v1/certificates/${id}/pdf`, { headers: SAME_ORIGIN });
  expect(response.status()).toBe(200);
  return Buffer.from(await response.body());
}
