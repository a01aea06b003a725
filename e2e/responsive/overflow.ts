/**
 * What sticks out of the page sideways: the page's own horizontal scroll; each element, or run of
 * text, whose right edge passes the window's while no ancestor clips or scrolls it; and each box
 * that scrolls sideways inside itself (a preformatted signed note, kept verbatim, may). Each
 * finding names the element by its tag, test ID or classes and the start of its text, so a
 * failure says what to fix.
 */
import type { Page } from '@playwright/test';
import type { test as Test } from '../fixtures';

export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // No named inner functions here: tsx (which runs the screenshot script) would wrap them in a
    // helper that the page does not have.
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const pageOverflow = document.documentElement.scrollWidth - width;
    if (pageOverflow > 0) found.push(`the page scrolls sideways by ${pageOverflow} px`);
    const hits: Array<[Element, number, string]> = [];
    for (const element of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && element.tagName !== 'PRE') {
        if (element.scrollWidth > element.clientWidth + 1)
          hits.push([element, element.scrollWidth, 'scrolls inside to']);
      }
      let contained = false;
      for (let at = element.parentElement; at && at !== document.body; at = at.parentElement) {
        if (getComputedStyle(at).overflowX !== 'visible') contained = true;
      }
      if (contained) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 0.5) hits.push([element, box.right, 'ends at']);
      // Text that runs out of its box (a long word that cannot wrap) does not widen the box. A box
      // that clips or scrolls its own text (sr-only, a scroller) is judged above, not here.
      if (style.overflowX !== 'visible') continue;
      for (const node of element.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const right = Math.max(0, ...[...range.getClientRects()].map((r) => (r.width > 0 ? r.right : 0)));
        if (right > width + 0.5) hits.push([element, right, 'has text ending at']);
      }
    }
    const named = new Set<Element>();
    for (const [element, right, what] of hits) {
      if (named.has(element)) continue;
      named.add(element);
      const name =
        element.getAttribute('data-testid') ??
        (element.id ? `#${element.id}` : `.${[...element.classList].slice(0, 4).join('.')}`);
      const text = (element.textContent ?? '').trim().slice(0, 50);
      found.push(`<${element.tagName.toLowerCase()} ${name}> "${text}" ${what} ${Math.round(right)} px of ${width}`);
    }
    return found;
  });
}

/** The windows every page must fit: a 360 px phone and a 1280 px desktop. */
export const VIEWS = [
  { name: 'a 360 px phone', use: { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true } },
  { name: 'a 1280 px desktop', use: { viewport: { width: 1280, height: 800 } } },
] as const;

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The loop the overflow specs share: for each of VIEWS and each language, a `describe` block in
 * that window with the language cookie set before each test, in which `body` declares the tests.
 * `test` is the spec's own (e2e/fixtures.ts), passed in so this module stays loadable outside
 * Playwright's runner (scripts/screenshots.ts imports overflowingElements).
 */
export function inEachViewAndLanguage(
  test: typeof Test,
  body: (view: (typeof VIEWS)[number], locale: Locale) => void,
): void {
  for (const view of VIEWS) {
    for (const locale of LOCALES) {
      test.describe(`on ${view.name}, in ${locale}`, () => {
        test.use(view.use);
        test.beforeEach(async ({ context, baseURL }) => {
          await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
        });
        body(view, locale);
      });
    }
  }
}
