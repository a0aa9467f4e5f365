// One way to start headless Debian Chromium (playwright-core) for every browser script of the suite: kzdriver.js,
// shot.js and dashboard.js. Chromium is never run under libfaketime (it stalls there): kzbrowser.node_env() removes
// LD_PRELOAD/FAKETIME* from the environment and, when the suite runs with a set day (scripts/test --today), passes the
// server's clock in KZ_CLOCK_MS; every page then gets that clock (Playwright's clock, running on from that instant),
// so the web client's «today» is the server's.
const { chromium } = require('playwright-core');

const STARTED = Date.now();      // the real time at which the test process read the server's clock (near enough)

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

// A browser context of the given viewport ("WIDTHxHEIGHT", a phone below 600 px wide) and locale, with the server's
// clock when one is set.
async function newContext(browser, options) {
  const opts = options || {};
  const [width, height] = (opts.viewport || process.env.VIEWPORT || '1366x800').split('x').map(Number);
  const phone = width < 600;
  const context = await browser.newContext({ viewport: { width, height }, isMobile: phone, hasTouch: phone,
                                             locale: opts.locale || process.env.LOCALE || 'kk-KZ' });
  if (process.env.KZ_CLOCK_MS) {
    // a context made later (kzdriver's newpage) starts as far on as the real time went on since the start
    await context.clock.install({ time: Number(process.env.KZ_CLOCK_MS) + (Date.now() - STARTED) });
  }
  return context;
}

// The web client has drawn an action and has no request pending (its «Loading» puts oe_wait on .o_web_client); true
// on a page that is not the web client. kzbrowser.WEB_CLIENT_IDLE is the same test for the Python driver.
const WEB_CLIENT_IDLE = "!document.querySelector('.o_web_client') || "
  + "(!!document.querySelector('.o_content > *, .modal .o_form_view') && "
  + "!document.querySelector('.o_web_client.oe_wait') && !document.querySelector('.blockUI'))";

module.exports = { launch, newContext, WEB_CLIENT_IDLE };
