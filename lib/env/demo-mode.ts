/**
 * Whether this portal runs with the published demo accounts. Set by the start scripts when
 * they seeded the demo data; the sign-in page then lists the accounts and every page says
 * the data is fictitious. A real court's portal never sets it.
 */
export function isDemoMode(): boolean {
  return process.env.VERITY_DEMO_MODE === 'true';
}
