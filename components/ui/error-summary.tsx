'use client';
import { useEffect, useRef } from 'react';

export interface ErrorSummaryItem {
  message: string;
  /** The field the error is about (`#id`); omitted for an error of the whole form. */
  href?: string;
  testId?: string;
}

/**
 * The GOV.UK error summary: shown above a form, focused when it appears so screen-reader and
 * keyboard users land on it, each error a link to its field.
 */
export function ErrorSummary({
  id,
  title,
  items,
  testId,
}: {
  id: string;
  title: string;
  items: ErrorSummaryItem[];
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = items.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={id}
      className="border-4 border-seal-700 p-4 focus:outline-none"
      data-testid={testId}
    >
      <h2 id={id} className="text-lg font-bold">
        {title}
      </h2>
      <ul className="mt-2 list-none space-y-1 font-semibold text-seal-700">
        {items.map((item) => (
          <li key={`${item.href ?? ''}${item.message}`} data-testid={item.testId}>
            {item.href ? (
              <a href={item.href} className="underline">
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
