'use client';
import { useTranslations } from 'next-intl';
import { type DragEvent, useState } from 'react';

/**
 * Choose files or drop them. The input is visually hidden behind a label styled as a button, so
 * the button speaks the page's language rather than the browser's.
 */
export function FileDrop({ onFiles, error }: { onFiles: (files: File[]) => void; error?: string }) {
  const t = useTranslations('deposit.form');
  const [dragging, setDragging] = useState(false);

  function take(list: FileList | null) {
    const files = list ? [...list] : [];
    if (files.length > 0) onFiles(files);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files);
  }

  return (
    <div className={error ? 'border-l-4 border-seal-700 pl-4' : undefined}>
      <label htmlFor="deposit-files" className="mb-1 block text-lg font-semibold">
        {t('filesLabel')}
      </label>
      <p id="deposit-files-hint" className="mb-2 max-w-prose text-slate-700">
        {t('filesHint')}
      </p>
      {error ? (
        <p id="deposit-files-error" className="mb-2 font-semibold text-seal-700">
          <span className="sr-only">{`${t('filesLabel')}: `}</span>
          {error}
        </p>
      ) : null}
      <div
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`max-w-xl border-2 border-dashed p-4 ${dragging ? 'border-court-700 bg-court-50' : 'border-slate-600 bg-slate-50'}`}
        data-testid="deposit-drop-zone"
      >
        <p className="mb-3 text-slate-800" aria-hidden="true">
          {dragging ? t('dropNow') : t('dropHere')}
        </p>
        <input
          id="deposit-files"
          name="files"
          type="file"
          multiple
          onChange={(e) => {
            take(e.target.files);
            e.target.value = '';
          }}
          aria-describedby={`deposit-files-hint${error ? ' deposit-files-error' : ''}`}
          className="peer sr-only"
        />
        <label
          htmlFor="deposit-files"
          className="inline-block cursor-pointer border-2 border-slate-800 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 peer-focus-visible:shadow-[0_0_0_3px_var(--color-focus),0_0_0_5px_var(--color-court-900)]"
        >
          {t('chooseFiles')}
        </label>
      </div>
    </div>
  );
}
