import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CodeField } from './code-field';
import { Field, type FieldControlProps, Fieldset, fieldControl } from './field';
import { FileDropZone } from './file-drop-zone';

function field(props: { hint?: string; error?: string; describedBy?: string; labelExtra?: string }): string {
  return renderToStaticMarkup(
    // Field and Fieldset use no hooks: called directly, they give the element tree to render.
    Field({
      id: 'title',
      label: 'Title',
      ...props,
      children: (control: FieldControlProps) => createElement('input', { ...control, name: 'title' }),
    }),
  );
}

describe('fieldControl', () => {
  it('describes the control by its hint, then its error, then other descriptions', () => {
    expect(fieldControl({ id: 'x' })).toEqual({ id: 'x', 'aria-describedby': undefined, 'aria-invalid': undefined });
    expect(fieldControl({ id: 'x', hint: 'h' })).toEqual({ id: 'x', 'aria-describedby': 'x-hint' });
    expect(fieldControl({ id: 'x', hint: 'h', error: 'e', describedBy: 'form-error' })).toEqual({
      id: 'x',
      'aria-describedby': 'x-hint x-error form-error',
      'aria-invalid': true,
    });
    expect(fieldControl({ id: 'x', error: 'e' })).toEqual({
      id: 'x',
      'aria-describedby': 'x-error',
      'aria-invalid': true,
    });
  });
});

describe('Field', () => {
  it('labels the control, and has no description without hint or error', () => {
    const html = field({});
    expect(html).toContain('<label for="title"');
    expect(html).toContain('<input id="title" name="title"/>');
    expect(html).not.toContain('aria-describedby');
    expect(html).not.toContain('aria-invalid');
  });

  it('links the hint and the error, marks the control invalid and names the field in the error', () => {
    const html = field({ hint: 'As on the contract.', error: 'Enter the title.' });
    expect(html).toContain('<p id="title-hint"');
    expect(html).toContain('<p id="title-error"');
    expect(html).toContain('<span class="sr-only">Title: </span>Enter the title.');
    expect(html).toContain('<input id="title" aria-describedby="title-hint title-error" aria-invalid="true"');
    // The hint comes before the error, the error before the control (GOV.UK order).
    expect(html.indexOf('title-hint')).toBeLessThan(html.indexOf('id="title-error"'));
    expect(html.indexOf('id="title-error"')).toBeLessThan(html.indexOf('<input'));
  });

  it('reads extra words after the label without showing them', () => {
    expect(field({ labelExtra: 'contract.pdf' })).toMatch(
      /Title<span class="sr-only"> — contract.pdf<\/span><\/label>/,
    );
  });
});

describe('Fieldset', () => {
  it('describes the group by its hint and error', () => {
    const html = renderToStaticMarkup(
      Fieldset({ id: 'role', legend: 'Role', hint: 'Which side.', error: 'Choose a role.', children: 'radios' }),
    );
    expect(html).toMatch(/^<fieldset class="[^"]*" aria-describedby="role-hint role-error"><legend/);
    expect(html).toContain('<span class="sr-only">Role: </span>Choose a role.');
  });
});

describe('FileDropZone', () => {
  const words = {
    label: 'Files',
    hint: 'Choose or drop.',
    dropHere: 'Drop here',
    dropNow: 'Let go',
    chooseFiles: 'Choose',
  };

  it('is a labelled, described file input behind a button-like label', () => {
    const html = renderToStaticMarkup(
      createElement(FileDropZone, { id: 'f', words, error: 'Choose a file.', onFiles: () => {}, testId: 'zone' }),
    );
    expect(html).toContain('<label for="f" class="mb-1 block font-semibold text-lg">Files</label>');
    expect(html).toMatch(
      /<input id="f" aria-describedby="f-hint f-error" aria-invalid="true" type="file" multiple="" class="peer sr-only" name="files"\/>/,
    );
    expect(html).toMatch(/<label for="f" class="inline-block[^"]*">Choose<\/label>/);
    expect(html).toContain('data-testid="zone"');
    expect(html).toContain('<p class="mb-3 text-slate-800" aria-hidden="true">Drop here</p>');
  });

  it('takes one file when not multiple', () => {
    const html = renderToStaticMarkup(
      createElement(FileDropZone, { id: 'f', words, onFiles: () => {}, multiple: false }),
    );
    expect(html).not.toContain('multiple');
  });
});

describe('CodeField', () => {
  it('is a Field around one monospace input that changes nothing typed, wired to its hint and error', () => {
    const html = renderToStaticMarkup(
      CodeField({ id: 'code', name: 'code', label: 'Check code', hint: '8 letters', error: 'Wrong', size: 'short' }),
    );
    expect(html).toContain('<label for="code"');
    expect(html).toContain('id="code-hint"');
    expect(html).toContain('id="code-error"');
    expect(html).toMatch(/<input[^>]*aria-describedby="code-hint code-error"[^>]*aria-invalid="true"/);
    for (const attribute of [
      'autoComplete="off"',
      'spellCheck="false"',
      'translate="no"',
      'autoCapitalize="characters"',
    ]) {
      expect(html.toLowerCase()).toContain(attribute.toLowerCase());
    }
    expect(html).toContain('font-mono');
    expect(html).toContain('uppercase');
  });

  it('is uncontrolled with a default value, or controlled with value and onChange', () => {
    const uncontrolled = renderToStaticMarkup(
      CodeField({ id: 'd', name: 'digest', label: 'Digest', defaultValue: 'ab' }),
    );
    expect(uncontrolled).toContain('value="ab"');
    expect(uncontrolled).not.toContain('uppercase');
    const controlled = renderToStaticMarkup(
      CodeField({ id: 'd', name: 'depositId', label: 'Deposit ID', value: 'x-1', onChange: () => undefined }),
    );
    expect(controlled).toContain('value="x-1"');
    expect(controlled).toContain('name="depositId"');
  });
});
