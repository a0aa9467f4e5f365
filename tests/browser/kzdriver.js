// A small headless-Chromium driver for the browser tests and the page benchmark (playwright-core, Debian Chromium):
// one JSON command a line on stdin, one JSON answer a line on stdout, so a Python test can check the server between
// two steps in the same browser session. Every answer carries the page's JavaScript errors since the last one.
//   ops: goto {url}, fill {selector, value}, click {selector}, submit {selector} (click and wait for the next page),
//        type {text}, press {key}, wait {selector, state?}, waitfn {expr}, text {selector}, eval {expr},
//        sleep {ms}, shot {path, full?}, offline {value}, newpage {} (a fresh context: empty cache and cookies),
//        timed_goto {url, selector, expr?} (ms from navigation to the selector present and expr true),
//        timed_keys {text, selector} (ms from the first key to the selector present), url {}, quit
//   env: VIEWPORT (WIDTHxHEIGHT, default 1366x800; a phone below 600 px), LOCALE, STEP_TIMEOUT_MS, KZ_CLOCK_MS
const readline = require('readline');
const { launch, newContext } = require('./kzlaunch');
(async () => {
  const browser = await launch();
  let errors = [];
  let context = null;
  let page = null;
  async function newPage() {
    if (context) await context.close();
    context = await newContext(browser);
    page = await context.newPage();
    page.setDefaultTimeout(Number(process.env.STEP_TIMEOUT_MS || 60000));
    page.on('pageerror', (e) => errors.push('pageerror: ' + String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  }
  await newPage();
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    const cmd = JSON.parse(line);
    let out = { ok: true };
    try {
      if (cmd.op === 'goto') await page.goto(cmd.url, { waitUntil: 'load' });
      else if (cmd.op === 'fill') await page.fill(cmd.selector, cmd.value);
      else if (cmd.op === 'click') await page.click(cmd.selector);
      else if (cmd.op === 'submit') await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(cmd.selector)]);
      else if (cmd.op === 'type') await page.keyboard.type(cmd.text);
      else if (cmd.op === 'press') await page.keyboard.press(cmd.key);
      else if (cmd.op === 'wait') await page.waitForSelector(cmd.selector, { state: cmd.state || 'visible' });
      else if (cmd.op === 'waitfn') await page.waitForFunction(cmd.expr);
      else if (cmd.op === 'text') out.text = await page.innerText(cmd.selector);
      else if (cmd.op === 'eval') out.value = await page.evaluate(cmd.expr);
      else if (cmd.op === 'sleep') await page.waitForTimeout(cmd.ms);
      else if (cmd.op === 'shot') await page.screenshot({ path: cmd.path, fullPage: !!cmd.full });
      else if (cmd.op === 'offline') await context.setOffline(!!cmd.value);
      else if (cmd.op === 'newpage') await newPage();
      else if (cmd.op === 'url') out.value = page.url();
      else if (cmd.op === 'timed_goto') {
        const started = Date.now();
        if (cmd.submit) {
          await Promise.all([page.waitForNavigation({ waitUntil: 'commit' }), page.click(cmd.submit)]);
        } else {
          await page.goto(cmd.url, { waitUntil: 'commit' });
        }
        await page.waitForSelector(cmd.selector, { state: 'attached' });
        if (cmd.expr) await page.waitForFunction(cmd.expr);
        out.ms = Date.now() - started;
        if (cmd.netlog) {
          out.requests = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => ({
            name: r.name.replace(/^https?:\/\/[^/]+/, '').slice(0, 120), start: Math.round(r.startTime),
            ms: Math.round(r.responseEnd - r.startTime), size: r.transferSize })));
        }
      } else if (cmd.op === 'timed_keys') {
        const started = Date.now();
        await page.keyboard.type(cmd.text);
        if (cmd.key) await page.keyboard.press(cmd.key);
        await page.waitForSelector(cmd.selector, { state: 'attached' });
        out.ms = Date.now() - started;
      } else if (cmd.op !== 'quit') throw new Error('unknown op ' + cmd.op);
    } catch (e) {
      out = { ok: false, error: String(e) };
    }
    out.errors = errors;
    errors = [];
    process.stdout.write(JSON.stringify(out) + '\n');
    if (cmd.op === 'quit') break;
  }
  rl.close();
  await browser.close();
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
