import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

// Domain code reads DATABASE_URL through lib/db/client.ts, exactly as in the app.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.VERITY_API_KEY_PEPPER = inject('apiKeyPepper');
process.env.VERITY_LOG_SIGNER_KEY = inject('logSignerKey');
process.env.VERITY_COURT_SIGNER_KEY = inject('courtSignerKey');
// The evidence store (lib/evidence): a folder per test file, so a cleanup test sees only its own files.
process.env.VERITY_EVIDENCE_DIR = mkdtempSync(path.join(inject('evidenceRoot'), 'store-'));
// The portal's public URL, as `npm start` always sets it: links in e-mail start with it unless
// the court has its own (lib/court/get-public-url.ts). Files that test its absence set it themselves.
process.env.NEXTAUTH_URL ??= 'http://verity.test';
// Deposit limits per API key (issue #21): tests deposit thousands with one key in seconds, which the
// defaults refuse. Never reached here; the limits' own tests set theirs per key or per file.
process.env.VERITY_DEPOSIT_RATE_PER_MINUTE ??= '2147483647';
process.env.VERITY_DEPOSIT_BURST ??= '2147483647';
process.env.VERITY_DEPOSIT_DAILY_QUOTA ??= '2147483647';
