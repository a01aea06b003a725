/**
 * Where to go after sign-in: only a path on this site, never another origin
 * (`//evil.example` and `/\evil.example` are protocol-relative in browsers).
 */
export function safeCallbackUrl(value: unknown, fallback = '/home'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\') || hasControlCharacter(value)) return fallback;
  if (value.startsWith('/sign-in') || value.startsWith('/api/')) return fallback;
  return value;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return true;
  return false;
}
