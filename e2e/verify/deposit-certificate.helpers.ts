/**
 * Deposit certificates (存证证书) as the portal makes them for a depositor (GET /deposit/certificate,
 * as the history's links ask): for the first deposit of `data`, and for all of them in one batch.
 */
import type { Browser } from '@playwright/test';
import type { DepositHistoryData } from '../data/data';
import { signInOverHttp } from '../fixtures';

export async function depositCertificatePdfs(
  browser: Browser,
  baseURL: string | undefined,
  data: DepositHistoryData,
): Promise<{ single: Buffer; batch: Buffer }> {
  const context = await browser.newContext({ baseURL });
  try {
    await signInOverHttp(context.request, data.depositor.email, data.depositor.password);
    // A deposit still being recorded is refused (409) for a few seconds: ask until it is recorded.
    const get = async (ids: string[]) => {
      const query = ids.map((id) => `id=${id}`).join('&');
      for (let i = 0; ; i++) {
        const response = await context.request.get(`/deposit/certificate?${query}`);
        if (response.status() === 200) return Buffer.from(await response.body());
        if (response.status() !== 409 || i > 60) throw new Error(`deposit certificate: HTTP ${response.status()}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    const ids = data.deposits.map((d) => d.id);
    return { single: await get(ids.slice(0, 1)), batch: await get(ids) };
  } finally {
    await context.close();
  }
}
