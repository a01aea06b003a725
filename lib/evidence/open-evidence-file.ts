import 'server-only';
/**
 * Opens a stored file for reading (downloads, the judge's re-verification). No access check
 * here: the caller has already checked that the actor may view the exhibit whose blob this is.
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppError } from '@/lib/errors/app-error';
import { evidenceConfig } from './config';
import { blobPath, isSha256Hex } from './store-layout';

export interface EvidenceFile {
  /** The file's bytes; destroy it if you stop reading early (the file descriptor closes with it). */
  stream: Readable;
  size: number;
}

export async function openEvidenceFile(sha256hex: string): Promise<EvidenceFile> {
  if (!isSha256Hex(sha256hex)) throw new AppError('NOT_FOUND', 'No stored file has that SHA-256.');
  const file = blobPath(evidenceConfig().dir, sha256hex);
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    console.error(`evidence store: ${file} is missing`);
    throw new AppError('NOT_FOUND', 'The stored file is missing from the evidence store; tell the court.');
  });
  try {
    const { size } = await handle.stat();
    return { stream: handle.createReadStream({ highWaterMark: 1024 * 1024 }), size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
