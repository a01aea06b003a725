import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { validationFailed } from '@/lib/errors/zod-issues';
import { oidcFormErrors } from './oidc-form-state';

describe('oidcFormErrors', () => {
  it('names each field once, in the order of the issues', () => {
    const error = validationFailed([
      { path: 'issuer', message: 'issuer must start with https://' },
      { path: 'issuer', message: 'issuer must not have a query' },
      { path: 'clientId', message: 'clientId must not be empty' },
      { path: 'displayNameEn', message: 'displayNameEn must be at most 100 characters' },
    ]);
    expect(oidcFormErrors(error)).toEqual([
      { key: 'issuer', field: 'issuer' },
      { key: 'clientId', field: 'clientId' },
      { key: 'displayNameEn', field: 'displayNameEn' },
    ]);
  });

  it('tells a missing secret from one that must be entered again', () => {
    expect(
      oidcFormErrors(validationFailed([{ path: 'clientSecret', message: 'clientSecret must not be empty' }])),
    ).toEqual([{ key: 'clientSecret', field: 'clientSecret' }]);
    expect(
      oidcFormErrors(
        validationFailed([
          {
            path: 'clientSecret',
            message: 'clientSecret must be entered again: the stored one can no longer be decrypted',
          },
        ]),
      ),
    ).toEqual([{ key: 'clientSecretUnreadable', field: 'clientSecret' }]);
  });

  it('answers FORBIDDEN as such, and null for what the form cannot explain', () => {
    expect(oidcFormErrors(new AppError('FORBIDDEN', 'no'))).toEqual([{ key: 'FORBIDDEN' }]);
    expect(
      oidcFormErrors(validationFailed([{ path: 'enabled', message: 'enabled must be true or false' }])),
    ).toBeNull();
    expect(oidcFormErrors(new AppError('CONFLICT', 'x'))).toBeNull();
    expect(oidcFormErrors(new Error('boom'))).toBeNull();
  });
});
