import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

/**
 * The web client against the built server, in real Chromium, on both stores: first setup,
 * sign-in and sign-out, translated errors, the invitation of a host through the outbox and
 * two-factor login. Every request the pages make is recorded and must stay on the Plenum origin.
 */

const admin = { email: 'ada@example.org', name: 'Ada Admin', password: 'correct horse battery staple' };
const host = { email: 'hanna@example.org', name: 'Hanna Host', password: 'a long and quiet river bank' };

function menu(page: Page) {
  return page.getByRole('navigation', { name: 'Main menu' });
}

async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return (await h1.textContent()) ?? '';
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
}

// The two stores run side by side; each has its own server, browser and recorded requests.
describe('web client', { concurrency: true }, () => {
  for (const database of ['sqlite', 'postgres'] as const) {
    describe(`on ${database}`, { concurrency: 1 }, () => {
      let server: RunningServer;
      let browser: Browser;
      const requested: string[] = [];

      async function newContext(locale = 'en-US'): Promise<BrowserContext> {
        const context = await browser.newContext({ locale });
        context.setDefaultTimeout(10_000);
        context.on('request', (request) => requested.push(request.url()));
        return context;
      }

      before(async () => {
        [server, browser] = await Promise.all([startServer({ database }), launchBrowser()]);
      });

      after(async () => {
        await browser?.close();
        await server?.stop();
      });

      test('the first admin sets up Plenum from the printed link, signs out and signs in again', async () => {
        assert.ok(server.setupLink, `no setup link in the server output:\n${server.output()}`);
        const context = await newContext();
        const page = await context.newPage();

        await page.goto(server.setupLink);
        assert.equal(await heading(page), 'Set up Plenum');
        await page.getByLabel('Email address').fill(admin.email);
        await page.getByLabel('Name', { exact: true }).fill(admin.name);
        await page.getByLabel('Password', { exact: true }).fill(admin.password);
        await page.getByLabel('Repeat password').fill(admin.password);
        await page.getByRole('button', { name: 'Create administrator account' }).click();
        await page.waitForURL(`${server.url}/`);
        assert.equal(await heading(page), `Welcome, ${admin.name}`);
        assert.deepEqual(await menu(page).getByRole('link').allTextContents(), [
          'Dashboard',
          'Events',
          'Meetings',
          'Phone calls',
          'Callbacks',
          'Processors',
          'Settings',
          'Staff',
          'API tokens',
          'Outbox',
          'Account',
        ]);

        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(`${server.url}/login`);
        await signIn(page, admin.email, admin.password);
        await page.waitForURL(`${server.url}/`);
        assert.equal(await heading(page), `Welcome, ${admin.name}`);

        await page.goto(server.setupLink);
        assert.equal(await heading(page), 'Plenum is set up');
        await context.close();
      });

      test('a signed-out visitor of a staff page signs in and lands on that page', async () => {
        const context = await newContext();
        const page = await context.newPage();
        await page.goto(`${server.url}/outbox`);
        await page.waitForURL(`${server.url}/login?next=%2Foutbox`);
        await signIn(page, admin.email, admin.password);
        await page.waitForURL(`${server.url}/outbox`);
        assert.equal(await heading(page), 'Outbox');
        await context.close();
      });

      test('a wrong password shows the server’s message in the browser’s language, and the header switches it', async () => {
        const context = await newContext('de-DE');
        const page = await context.newPage();
        await page.goto(`${server.url}/login`);
        assert.equal(await heading(page), 'Bei Plenum anmelden');
        await page.getByLabel('E-Mail-Adresse').fill(admin.email);
        await page.getByLabel('Passwort', { exact: true }).fill('not the password at all');
        await page.getByRole('button', { name: 'Anmelden' }).click();
        const alert = page.getByRole('alert');
        await alert.waitFor();
        assert.equal(await alert.textContent(), 'E-Mail-Adresse oder Passwort ist falsch, oder das Konto ist deaktiviert.');

        await page.getByLabel('Sprache').selectOption('en');
        assert.equal(await heading(page), 'Sign in to Plenum');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').getByText('Email address or password is wrong, or the account is disabled.').waitFor();
        await page.reload();
        assert.equal(await heading(page), 'Sign in to Plenum', 'the chosen language survives a reload');
        await context.close();
      });

      test('an admin invites a host, who accepts through the mailed link and gets no admin pages', async () => {
        const adminContext = await newContext();
        const adminPage = await adminContext.newPage();
        await adminPage.goto(`${server.url}/login`);
        await signIn(adminPage, admin.email, admin.password);
        await menu(adminPage).getByRole('link', { name: 'Staff' }).click();
        await adminPage.getByLabel('Email address').fill(host.email);
        await adminPage.getByLabel('Name', { exact: true }).fill(host.name);
        await adminPage.getByLabel('Role').selectOption('host');
        await adminPage.getByRole('button', { name: 'Send invitation' }).click();
        await adminPage.getByRole('status').getByText(`Invitation sent to ${host.email}.`).waitFor();
        const row = adminPage.getByRole('row', { name: new RegExp(host.name) });
        assert.match((await row.textContent()) ?? '', /Invited/);

        const response = await adminPage.request.get(`${server.url}/api/outbox`);
        assert.equal(response.status(), 200);
        const outbox = (await response.json()) as { mode: string; messages: { to: string; text: string | null }[] };
        assert.equal(outbox.mode, 'outbox');
        const mail = outbox.messages.find((message) => message.to === host.email);
        const link = /(http\S+\/invite\/\S+)/.exec(mail?.text ?? '')?.[1];
        assert.ok(link, `no invitation link in ${JSON.stringify(mail)}`);
        assert.ok(link.startsWith(`${server.url}/invite/`), `the invitation link ${link} is not on ${server.url}`);
        await menu(adminPage).getByRole('link', { name: 'Outbox' }).click();
        await adminPage.getByRole('link', { name: link }).waitFor();
        await adminContext.close();

        const hostContext = await newContext();
        const hostPage = await hostContext.newPage();
        await hostPage.goto(link);
        assert.equal(await heading(hostPage), 'Accept invitation');
        assert.match((await hostPage.locator('.facts').textContent()) ?? '', new RegExp(`${host.email}.*Host`));
        await hostPage.getByLabel('Choose a password').fill(host.password);
        await hostPage.getByLabel('Repeat password').fill(host.password);
        await hostPage.getByRole('button', { name: 'Activate account' }).click();
        await hostPage.waitForURL(`${server.url}/`);
        assert.equal(await heading(hostPage), `Welcome, ${host.name}`);
        assert.deepEqual(await menu(hostPage).getByRole('link').allTextContents(), [
          'Dashboard',
          'Events',
          'Meetings',
          'Phone calls',
          'Callbacks',
          'Account',
        ]);
        await hostPage.goto(`${server.url}/staff`);
        assert.equal(await heading(hostPage), 'Page not found');
        await hostContext.close();
      });

      test('a host turns on two-factor login and then needs the code to sign in', async () => {
        const context = await newContext();
        const page = await context.newPage();
        await page.goto(`${server.url}/login?next=%2Faccount`);
        await signIn(page, host.email, host.password);
        await page.getByRole('button', { name: 'Set up two-factor login' }).click();
        await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
        const secret = (await page.locator('code.secret').textContent()) ?? '';
        const totp = new TOTP({ secret: Secret.fromBase32(secret) });
        await page.getByLabel('Authenticator code').fill(totp.generate());
        await page.getByRole('button', { name: 'Turn on two-factor login' }).click();
        await page.getByRole('status').getByText('Two-factor login is on.', { exact: false }).waitFor();

        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(`${server.url}/login`);
        await signIn(page, host.email, host.password);
        await page.getByLabel('Authenticator code').waitFor();
        // The next period's code: still accepted, and not a replay of the code that turned 2FA on.
        await page.getByLabel('Authenticator code').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
        await page.getByLabel('Authenticator code').press('Enter');
        await page.waitForURL(`${server.url}/`);
        assert.equal(await heading(page), `Welcome, ${host.name}`);
        await context.close();
      });

      test('no request of any page left the Plenum origin', () => {
        assert.ok(requested.length > 20, `only ${requested.length} requests recorded`);
        const foreign = requested.filter((url) => !url.startsWith(`${server.url}/`));
        assert.deepEqual(foreign, []);
      });
    });
  }
});
