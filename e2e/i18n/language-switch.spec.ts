import { createUser } from '../data/data';
import { expect, test } from '../fixtures';

test('Chinese is the default and the switch to English is remembered', async ({ page, signInAs }) => {
  await signInAs('judge');
  await page.goto('/home');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('我的案件');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('My cases');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('My cases');
  await page.goto('/sign-in?callbackUrl=%2Fhome'); // signed in: bounced back to home, still English
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('My cases');

  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('我的案件');
});

test('the sign-in page and its errors are in English after switching', async ({ page }) => {
  const user = await createUser(); // failures count towards a lock: not on an account others use
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Verity');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText(
    'The email address or password is wrong. Check both and try again.',
  );
});

test('a mailed link in English asks for sign-in in English, then opens the page in English', async ({ page }) => {
  const user = await createUser();
  await page.goto('/notifications?lang=en'); // as a notification e-mail links it, on a browser that never chose
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Verity');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/notifications\?lang=en$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
