// Prisma CLI configuration. Only `prisma generate` is used here: migrations are plain SQL
// applied by dbmate (see scripts/lib/migrate.ts), so no datasource URL is needed.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
});
