-- migrate:up
-- Chinese court typography (issue #17): a case number is written with full-width parentheses,
-- （2026）京0491民初1234号. lib/cases/case.schema.ts now normalises every number typed to that form
-- (half-width (), 〔〕 and full-width digits alike); numbers saved before were stored with
-- half-width brackets. No two rows can differ only in their brackets: both forms were normalised
-- to one before. Signed certificates and the custody log keep the number as it was then.
UPDATE cases SET case_number = '（' || substr(case_number, 2, 4) || '）' || substr(case_number, 7)
WHERE case_number ~ '^\(\d{4}\)';

-- migrate:down
UPDATE cases SET case_number = '(' || substr(case_number, 2, 4) || ')' || substr(case_number, 7)
WHERE case_number ~ '^（\d{4}）';
