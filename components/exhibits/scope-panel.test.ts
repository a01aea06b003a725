/**
 * The art. 17 facts on the exhibit page, rendered to HTML in both languages with the real
 * messages: a deposit's facts when there is a deposit, and none — only the platform and a
 * sentence saying there is no deposit to weigh — when no deposit holds the exhibit's digests
 * (issue #17 point 5: "该存证未经存证方签名" had described a deposit that does not exist).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DepositFacts } from '@/lib/exhibits/describe-deposits';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';

const locale = vi.hoisted(() => ({ current: 'en' as 'en' | 'zh-CN' }));

vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('use-intl/core');
  return {
    getTranslations: async (namespace?: string) =>
      createTranslator({
        locale: locale.current,
        messages: locale.current === 'en' ? en : zh,
        namespace: namespace as never,
      }),
  };
});

const { ScopePanel } = await import('./scope-panel');

const DEPOSIT: DepositFacts = {
  id: '0193a7e0-0000-7000-8000-000000000001',
  depositedAt: '2026-11-30T02:00:00.000Z',
  depositor: { id: 'org', name: '示例存证平台有限公司' },
  sealed: true,
  leafIndex: 3,
  recorded: {},
  signature: null,
};

async function render(verdict: 'consistent' | 'tampered' | 'not_found', deposit: DepositFacts | null) {
  return renderToStaticMarkup(await ScopePanel({ verdict, deposit, hashOnly: false, origin: 'verity.example/log' }));
}

beforeEach(() => {
  locale.current = 'zh-CN';
});

describe('ScopePanel facts', () => {
  it('describes no deposit for a not-found exhibit, in Chinese and English', async () => {
    const html = await render('not_found', null);
    expect(html).toContain('data-testid="no-deposit-facts"');
    expect(html).toContain(zh.exhibitFacts.noDeposit);
    expect(html).toContain('verity.example/log');
    expect(html).not.toContain(zh.exhibits.scope.signatureValue.none);
    expect(html).not.toContain(zh.exhibits.scope.anchorValue);
    expect(html).not.toMatch(/data-fact="(depositor|signature|anchor)"/);
    locale.current = 'en';
    const english = await render('not_found', null);
    expect(english).toContain(en.exhibitFacts.noDeposit);
    expect(english).not.toContain(en.exhibits.scope.signatureValue.none);
  });

  it('describes no deposit for a not-found verdict even when a deposit record was passed (a deposit ID a party named)', async () => {
    const html = await render('not_found', DEPOSIT);
    expect(html).not.toContain(DEPOSIT.depositor.name);
    expect(html).toContain(zh.exhibitFacts.noDeposit);
  });

  it('describes the deposit when there is one: depositor, signature, anchoring', async () => {
    for (const verdict of ['consistent', 'tampered'] as const) {
      const html = await render(verdict, DEPOSIT);
      expect(html).toContain(DEPOSIT.depositor.name);
      expect(html).toContain(zh.exhibits.scope.signatureValue.none);
      expect(html).toMatch(/data-fact="anchor"/);
      expect(html).not.toContain('no-deposit-facts');
    }
  });
});
