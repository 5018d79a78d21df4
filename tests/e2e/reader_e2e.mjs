// End-to-end for the reader's tools on the article page (static/js/reader.js), in Debian's
// Chromium against a real `sinmun serve`: 추천 counts in place without leaving the page and
// only once, 글자 크기 −/+ is applied and remembered across pages and reloads, 링크 복사 puts
// the article's address on the clipboard; with JavaScript off the recommend form still works.
//
//   node tests/e2e/reader_e2e.mjs --binary build/sinmun --out build/e2e
//
// Exit code 0 when every step passed; the last line says "N passed, N failed".
import path from 'node:path';
import { Run, parseOptions } from './lib.mjs';

const { binary, out } = parseOptions();
const run = new Run(binary);
const check = (what, condition) => run.check(what, condition);

// Headless Chromium says "HeadlessChrome" in its user agent, which src/counters/bots.txt lists:
// a bot may not recommend. These readers present the user agent of a desktop Chrome.
const readerAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
                    'Chrome/120.0.0.0 Safari/537.36';

const countOf = async (page) => Number((await page.textContent('#recommend .count')).trim());
const fontSizeOf = (page) => page.locator('.article-body').evaluate((body) => body.style.fontSize);

async function recommendInPlace(page, base, id) {
  await page.goto(`${base}/article/${id}`);
  const before = await countOf(page);
  // A page that reloaded would lose this mark.
  await page.evaluate(() => { window.stillTheSamePage = true; });
  const answer = page.waitForResponse((r) => r.url().endsWith(`/article/${id}/recommend`));
  await page.click('#recommend button');
  const reply = await answer;
  check(`the recommend answer is 200 (${reply.status()})`, reply.status() === 200);
  await page.waitForFunction((n) => document.querySelector('#recommend .count').textContent.trim() === String(n),
                             before + 1);
  check('the count went up by one in place', (await countOf(page)) === before + 1);
  check('without leaving the page', await page.evaluate(() => window.stillTheSamePage === true));
  check('the button shows it is pressed and is disabled',
        (await page.getAttribute('#recommend button', 'aria-pressed')) === 'true' &&
        (await page.isDisabled('#recommend button')));
  await page.reload();
  check('after a reload the page shows the new count', (await countOf(page)) === before + 1);
  // The same reader again (same cookie): counted once only.
  const again = page.waitForResponse((r) => r.url().endsWith(`/article/${id}/recommend`));
  await page.click('#recommend button');
  check('the second answer says it was not counted', (await (await again).json()).counted === false);
  check('and the page still shows the count once', (await countOf(page)) === before + 1);
  await page.reload();
  check('a second recommend by the same reader does not count', (await countOf(page)) === before + 1);
  return before + 1;
}

async function fontSize(page, base, id, other) {
  await page.goto(`${base}/article/${id}`);
  check('the font size control is shown when JavaScript runs', await page.isVisible('.font-size'));
  check('the default size is 1em', (await fontSizeOf(page)) === '1em');
  const larger = page.locator('[data-font-step="1"]');
  await larger.click();
  await larger.click();
  check('two clicks on + make the text 1.25em', (await fontSizeOf(page)) === '1.25em');
  for (let i = 0; i < 5; i += 1) await larger.click();
  check('+ stops at the largest size', (await fontSizeOf(page)) === '1.4em');
  await page.locator('[data-font-step="-1"]').click();
  check('− makes it smaller again', (await fontSizeOf(page)) === '1.25em');
  await page.reload();
  check('the size is remembered after a reload', (await fontSizeOf(page)) === '1.25em');
  await page.goto(`${base}/article/${other}`);
  check('and on another article', (await fontSizeOf(page)) === '1.25em');
  await page.screenshot({ path: path.join(out, 'reader-font-1280.png') });
}

async function copyLink(context, page, base, id) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await page.goto(`${base}/article/${id}`);
  const button = page.locator('.copy-link');
  check('the copy-link button is shown when the clipboard is available', await button.isVisible());
  const url = await button.getAttribute('data-url');
  await button.click();
  await page.waitForFunction(() => {
    const copy = document.querySelector('.copy-link');
    return copy.textContent === copy.getAttribute('data-done');
  });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check(`the clipboard holds the article's address (${copied})`,
        copied === url && copied.endsWith(`/article/${id}`));
}

async function recommendWithoutScript(base, id, count) {
  const { page } = await run.browser('no-script', { javaScriptEnabled: false, userAgent: readerAgent });
  await page.goto(`${base}/article/${id}`);
  check('without JavaScript the font control stays hidden', !(await page.isVisible('.font-size')));
  check('without JavaScript another reader sees the count', (await countOf(page)) === count);
  await Promise.all([page.waitForURL(`${base}/article/${id}#recommend`), page.click('#recommend button')]);
  check('the form posts and comes back to the article with the new count',
        (await countOf(page)) === count + 1);
}

async function main() {
  run.makePaper(30);
  const base = await run.startServer();
  const { context, page } = await run.browser('reader', { userAgent: readerAgent });
  const count = await recommendInPlace(page, base, 12);
  await fontSize(page, base, 12, 13);
  await copyLink(context, page, base, 12);
  await recommendWithoutScript(base, 12, count);
}

await run.execute(main, out);
