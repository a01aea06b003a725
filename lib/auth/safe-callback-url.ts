/**
 * Where to go after sign-in: only a path on this site, never another origin
 * (`//evil.example` and `/\evil.example` are protocol-relative in browsers).
 */
export function safeCallbackUrl(value: unknown, fallback = '/home'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f]/.test(value)) return fallback;
  if (value.startsWith('/sign-in') || value.startsWith('/api/')) return fallback;
  return value;
}
