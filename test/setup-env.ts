import { inject } from 'vitest';

// Domain code reads DATABASE_URL through lib/db/client.ts, exactly as in the app.
process.env.DATABASE_URL = inject('databaseUrl');
