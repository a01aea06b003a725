import Link from 'next/link';

/**
 * The button row under a GET search form: "search" (submits) and "clear" (a plain link back to
 * the unfiltered address, left out when nothing is filtered). No words of its own.
 */
export function SearchFormActions({
  submit,
  clear,
  clearHref,
  showClear = true,
  submitTestId,
}: {
  submit: string;
  clear: string;
  /** The list's address without search parameters (hash allowed). */
  clearHref: string;
  showClear?: boolean;
  submitTestId?: string;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
      <button
        type="submit"
        className="bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800"
        data-testid={submitTestId}
      >
        {submit}
      </button>
      {showClear ? (
        <Link href={clearHref} className="text-court-700 underline underline-offset-4 hover:no-underline">
          {clear}
        </Link>
      ) : null}
    </div>
  );
}
