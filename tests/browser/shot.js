// Log in to Odoo as a user and save a screenshot of a page (headless Debian Chromium via playwright-core).
// usage: node shot.js BASE_URL LOGIN PASSWORD PATH_AFTER_LOGIN OUT.png [WIDTHxHEIGHT]
// Prints a JSON line {"title": ..., "url": ..., "text": first 2000 chars of the page text} for assertions.
const { launch, newContext, WEB_CLIENT_IDLE } = require('./kzlaunch');
(async () => {
  const [base, login, password, path, out, size] = process.argv.slice(2);
  const [width, height] = (size || '1366x800').split('x').map(Number);
  const browser = await launch();
  try {
    const page = await (await newContext(browser, { viewport: `${width}x${height}` })).newPage();
    page.setDefaultTimeout(120000);
    await page.goto(base + '/web/login', { waitUntil: 'networkidle' });
    if (login) {
      await page.fill('input[name=login]', login);
      await page.fill('input[name=password]', password);
      // the web client keeps a long-polling request open: wait for its DOM, never for "networkidle"
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
      if (path) {
        await page.goto(base + path, { waitUntil: 'load' });
        await page.reload({ waitUntil: 'load' });   // a hash-only change would not reload the client
      }
      await page.waitForSelector(process.env.WAIT_FOR || '.o_web_client, #wrapwrap, .o_portal, main', { state: 'attached' });
      // the action drawn and nothing loading, however slow the machine (a user without a home action gets the
      // apps menu and no action: after 30 s the page is taken as it is); then a moment for the last paint
      if (!process.env.WAIT_FOR) await page.waitForFunction(WEB_CLIENT_IDLE, null, { timeout: 30000 }).catch(() => {});
      await page.waitForTimeout(Number(process.env.SETTLE_MS || 1000));
    }
    if (process.env.CLICK) {
      await page.click(process.env.CLICK);
      await page.waitForTimeout(1500);
    }
    await page.screenshot({ path: out });
    const text = (await page.innerText('body')).slice(0, 2000);
    console.log(JSON.stringify({ title: await page.title(), url: page.url(), text }));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
