import 'server-only';
/**
 * The small objects the operations return (never whole rows: no secret hashes), with the
 * Prisma `select` that reads exactly their fields.
 */
import type { DepositorKeyAlgorithm } from './depositor-public-key';

export interface DepositorOrgSummary {
  id: string;
  name: string;
  createdAt: Date;
}

export const depositorOrgSelect = { id: true, name: true, createdAt: true } as const;

export interface ApiKeySummary {
  id: string;
  lookupId: string;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** When it last authenticated a request (to the minute: written at most once a minute). */
  lastUsedAt: Date | null;
  /** The administrator's deposit limits for this key; null: the server's default (deposit-limits.ts). */
  ratePerMinute: number | null;
  rateBurst: number | null;
  dailyQuota: number | null;
}

export const apiKeySelect = {
  id: true,
  lookupId: true,
  label: true,
  createdAt: true,
  revokedAt: true,
  lastUsedAt: true,
  ratePerMinute: true,
  rateBurst: true,
  dailyQuota: true,
} as const;

export interface DepositorKeySummary {
  id: string;
  orgId: string;
  algorithm: DepositorKeyAlgorithm;
  label: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const depositorKeySelect = {
  id: true,
  orgId: true,
  algorithm: true,
  label: true,
  createdAt: true,
  revokedAt: true,
} as const;
