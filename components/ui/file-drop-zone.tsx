'use client';
/**
 * Choose files or drop them, written once for /deposit and /verify: a Field (label, hint,
 * error) around a dashed zone that takes dropped files, and the file input, visually hidden
 * behind a label styled as a button, so the button speaks the page's language rather than the
 * browser's. The input stays in the tab order and carries the field's name, hint and error:
 * keyboard and screen-reader users choose files with it as with any file input, and its focus
 * ring is drawn on the visible button. The words come from the page (both languages).
 */
import { type DragEvent, useState } from 'react';
import { Field } from './field';

export interface FileDropZoneWords {
  label: string;
  hint: string;
  /** Shown in the zone (not read: the input's label and hint say the same). */
  dropHere: string;
  /** Shown while files are dragged over the zone. */
  dropNow: string;
  chooseFiles: string;
}

export function FileDropZone({
  id,
  words,
  error,
  onFiles,
  multiple = true,
  testId,
}: {
  id: string;
  words: FileDropZoneWords;
  error?: string;
  /** Called with the chosen or dropped files (never with none). */
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  testId?: string;
}) {
  const [dragging, setDragging] = useState(false);

  function take(list: FileList | null) {
    const files = list ? [...list] : [];
    if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files);
  }

  return (
    <Field id={id} label={words.label} hint={words.hint} error={error} size="l">
      {(control) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: dropping is the pointer's shortcut; keyboard and screen-reader users choose files with the input inside
        <div
          onDragEnter={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragOver={(e) => e.preventDefault()}
          onDragLeave={(e) => {
            // Moving onto the zone's own text or button is not leaving it.
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
          className={`max-w-xl border-2 border-dashed p-4 ${dragging ? 'border-court-700 bg-court-50' : 'border-slate-600 bg-slate-50'}`}
          data-testid={testId}
        >
          <p className="mb-3 text-slate-800" aria-hidden="true">
            {dragging ? words.dropNow : words.dropHere}
          </p>
          <input
            {...control}
            name="files"
            type="file"
            multiple={multiple}
            onChange={(e) => {
              take(e.target.files);
              // Choosing the same file again must fire onChange again.
              e.target.value = '';
            }}
            className="peer sr-only"
          />
          <label
            htmlFor={id}
            className="inline-block cursor-pointer border-2 border-slate-800 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 peer-focus-visible:shadow-[0_0_0_3px_var(--color-focus),0_0_0_5px_var(--color-court-900)]"
          >
            {words.chooseFiles}
          </label>
        </div>
      )}
    </Field>
  );
}
