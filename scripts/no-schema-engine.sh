#!/bin/sh
# Stand-in for Prisma's schema engine: `prisma generate` does not run it, but the CLI
# insists on finding one and would otherwise try to download it (there is no network).
echo "verity: the Prisma schema engine is not used; migrations are SQL applied by dbmate" >&2
exit 1
