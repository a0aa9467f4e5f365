// The dashboards in headless Debian Chromium (playwright-core): log in, land on the home action (the dashboard),
// read figures, take a screenshot, open the records behind one figure, report server error dialogs and page errors.
// usage: node dashboard.js BASE_URL LOGIN PASSWORD OUT.png STEPS_JSON
//   STEPS_JSON: {"wait": selector, "read": {name: selector}, "count": {name: selector}, "select": [selector, value],
//                "click": selector, "after_click": selector, "read_after": {name: selector}}
// Prints one JSON line {"values": {...}, "counts": {...}, "after": {...}, "errors": [...], "url": ...}.
const { launch, newContext } = require('./kzlaunch');
(async () => {
  const [base, login, password, out, stepsJson] = process.argv.slice(2);
  const steps = JSON.parse(stepsJson || '{}');
  const browser = await launch();
  const result = { values: {}, counts: {}, after: {}, errors: [] };
  try {
    const context = await newContext(browser, { viewport: `1440x${Number(process.env.HEIGHT || 1000)}` });
    const page = await context.newPage();
    page.setDefaultTimeout(Number(process.env.STEP_TIMEOUT_MS || 120000));
    page.on('pageerror', (e) => result.errors.push('pageerror: ' + String(e)));
    const serverError = async () => {
      const dialogs = await page.$$('.o_dialog_error, .o_error_detail, .o_dialog_warning');
      for (const d of dialogs) result.errors.push('dialog: ' + (await d.innerText()).slice(0, 500));
    };
    await page.goto(base + '/web/login', { waitUntil: 'networkidle' });
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', password);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
    await page.waitForSelector(steps.wait || '.o_kz_dash', { state: 'visible' });
    if (steps.select) {
      const before = await page.innerText('.o_kz_dash_head');
      await page.selectOption(steps.select[0], steps.select[1]);
      await page.waitForFunction((b) => document.querySelector('.o_kz_dash_head')
                                  && document.querySelector('.o_kz_dash_head').innerText !== b, before);
      await page.waitForSelector(steps.wait || '.o_kz_dash', { state: 'visible' });
    }
    await page.waitForTimeout(Number(process.env.SETTLE_MS || 800));
    for (const [name, sel] of Object.entries(steps.read || {})) {
      const el = await page.$(sel);
      result.values[name] = el ? (await el.innerText()).trim() : null;
    }
    for (const [name, sel] of Object.entries(steps.count || {})) result.counts[name] = (await page.$$(sel)).length;
    result.rows = await page.$$eval('.o_kz_school_row', (rows) => rows.map((r) => ({
      company: Number(r.getAttribute('data-company')),
      students: (r.querySelector('.o_kz_students') || {}).innerText,
    })));
    await serverError();
    await page.screenshot({ path: out, fullPage: !!process.env.FULL_PAGE });
    if (steps.click) {
      await page.click(steps.click);
      await page.waitForSelector(steps.after_click, { state: 'visible' });
      await page.waitForTimeout(500);
      for (const [name, sel] of Object.entries(steps.read_after || {})) {
        const el = await page.$(sel);
        result.after[name] = el ? (await el.innerText()).trim() : null;
      }
      result.after.breadcrumbs = await page.innerText('.o_control_panel .breadcrumb');
      await serverError();
    }
    result.url = page.url();
  } catch (e) {
    result.errors.push('driver: ' + String(e));
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
})().catch((e) => { console.error(e); process.exit(1); });
