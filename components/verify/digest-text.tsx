'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { groupDigest } from '@/lib/hashing/format';

/**
 * A digest shown whole, in monospace groups of 8 (read aloud in court group by group), with a
 * button that copies it without the spaces.
 */
export function DigestText({ label, hex, differs }: { label: string; hex: string; differs?: boolean }) {
  const t = useTranslations('verify.digest');
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(hex);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="py-1">
      <dt className="flex flex-wrap items-center gap-x-3 font-semibold">
        <span>{label}</span>
        {differs ? (
          <span className="font-bold text-seal-700" data-testid="digest-differs">
            ✗ {t('differs')}
          </span>
        ) : null}
      </dt>
      <dd className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <code
          className="max-w-[36rem] font-mono text-[0.95rem] leading-relaxed break-normal text-slate-900"
          translate="no"
        >
          {groupDigest(hex)}
        </code>
        <button
          type="button"
          onClick={copy}
          className="border border-slate-700 px-2 py-0.5 text-sm text-slate-900 hover:bg-slate-100"
          aria-label={t('copyLabel', { name: label })}
        >
          {t('copy')}
        </button>
        <span role="status" className="text-sm text-slate-700">
          {copied === 'ok' ? t('copied') : copied === 'failed' ? t('copyFailed') : ''}
        </span>
      </dd>
    </div>
  );
}
