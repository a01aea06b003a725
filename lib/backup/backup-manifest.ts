import 'server-only';
/**
 * The backup's manifest (`manifest.json` at the top of a backup folder or archive): what the
 * backup holds and the SHA-256 of every file, so a restore can tell a whole backup from a damaged
 * one before it touches anything (readBackupManifest, checkBackupFiles). The format is ours,
 * `verity-backup/v1`, described in lib/backup/README.md.
 */
import { z } from 'zod';

export const BACKUP_FORMAT = 'verity-backup/v1';
export const MANIFEST_FILE = 'manifest.json';

const ZHex32 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex characters');
/** A path inside the backup: forward slashes, no `..`, no leading slash. */
const ZBackupPath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').some((part) => part === '' || part === '.' || part === '..'), {
    message: 'a relative path inside the backup',
  });

export const ZBackupFile = z.strictObject({ path: ZBackupPath, size: z.number().int().nonnegative(), sha256: ZHex32 });
export type BackupFile = z.infer<typeof ZBackupFile>;

export const ZBackupManifest = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.iso.datetime({ offset: true }),
  database: z.strictObject({
    /** `server_version` of the PostgreSQL the dump was read from. */
    serverVersion: z.string(),
    /** dbmate versions applied at the snapshot (schema_migrations), ascending. */
    migrations: z.array(z.string().regex(/^[0-9]+$/)),
    tables: z.array(
      z.strictObject({
        name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
        file: ZBackupPath,
        rows: z.number().int().nonnegative(),
      }),
    ),
    sequences: z.array(
      z.strictObject({ name: z.string().regex(/^[a-z_][a-z0-9_]*$/), lastValue: z.string().regex(/^-?[0-9]+$/) }),
    ),
  }),
  /** The log at the snapshot: its newest signed checkpoint (null: the log had none yet). */
  log: z.strictObject({ treeSize: z.string().regex(/^[0-9]+$/), rootHash: ZHex32, checkpoint: z.string() }).nullable(),
  /** Blobs of the evidence store the snapshot's evidence_blobs names, under `evidence/`. */
  evidenceBlobs: z.number().int().nonnegative(),
  /** Secrets the portal was given by its environment, so not in this backup (names only). */
  secretsNotIncluded: z.array(z.string()),
  files: z.array(ZBackupFile),
});
export type BackupManifest = z.infer<typeof ZBackupManifest>;
