import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { forPage } from './for-page';

// Next.js's interrupts are errors whose digest names the HTTP status they render.
const digestOf = (error: unknown) => (error as { digest?: string }).digest;

describe('forPage', () => {
  // next.config.ts enables authInterrupts, which sets this for the app; forbidden() refuses without it.
  beforeAll(() => {
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
  });

  it('passes values through', async () => {
    expect(await forPage(Promise.resolve(42))).toBe(42);
  });

  it('turns NOT_FOUND into the 404 page and FORBIDDEN into the 403 page', async () => {
    const notFound = await forPage(Promise.reject(new AppError('NOT_FOUND', 'No such case.'))).catch((e) => e);
    expect(digestOf(notFound)).toMatch(/;404$/);
    const forbidden = await forPage(Promise.reject(new AppError('FORBIDDEN', 'No.'))).catch((e) => e);
    expect(digestOf(forbidden)).toMatch(/;403$/);
  });

  it('lets other errors through unchanged', async () => {
    const conflict = new AppError('CONFLICT', 'Taken.');
    await expect(forPage(Promise.reject(conflict))).rejects.toBe(conflict);
  });
});
