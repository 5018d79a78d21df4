// End-to-end for the photo library (사진 보관함, issue #19), in Debian's Chromium against a real
// `sinmun serve` on a demo paper with pictures: a reporter on a 360 px phone without JavaScript
// searches the library by a caption's word, reads a photo's number, and takes it as the lead
// photo of a new article through the form's 보관함 사진 field; the form shows the photo with
// its caption. At 1280 px the library is a grid. The pages pass the Nu Html Checker.
//
//   node tests/e2e/photo_library_e2e.mjs --binary build/sinmun --out build/e2e
//
// Exit code 0 when every step passed; the last line says "N passed, N failed".
import path from 'node:path';
import { Run, logIn, parseOptions, phone } from './lib.mjs';

const { binary, out } = parseOptions();
const run = new Run(binary);
const check = (what, condition) => run.check(what, condition);

async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function reuseOnPhone(base, reporter) {
  const { page } = await run.browser('reporter', { viewport: phone, javaScriptEnabled: false });
  await logIn(page, base, reporter);
  await page.click('nav a[href="/newsroom/photos"]');
  const cards = page.locator('.nr-library-photo');
  check('the library lists photos of published articles', (await cards.count()) > 0);
  check('the library fits 360 px', await fitsWidth(page));
  const caption = (await cards.first().locator('.nr-library-caption').textContent()).trim();
  const word = caption.split(' ')[0];
  await page.fill('#library-q', word);
  await Promise.all([page.waitForURL(/\/newsroom\/photos\?q=/), page.click('.nr-library-search button[type=submit]')]);
  check('the search keeps the word', (await page.inputValue('#library-q')) === word);
  const found = page.locator('.nr-library-photo');
  check('the search finds the photo', (await found.count()) > 0);
  const number = (await found.first().locator('.nr-library-number strong').textContent()).trim();
  const foundCaption = (await found.first().locator('.nr-library-caption').textContent()).trim();
  check('the photo found is captioned with the word', foundCaption.includes(word));
  await page.screenshot({ path: path.join(out, 'photo-library-360-nojs.png'), fullPage: true });

  await page.goto(`${base}/newsroom/articles/new`);
  await page.fill('#headline', `보관함 사진을 쓴 기사 ${Date.now()}`);
  if ((await page.inputValue('#reporter-1')) === '') {
    await page.selectOption('#reporter-1', { index: 1 });
  }
  await page.fill('#library-photo', number);
  await page.check('input[name=library_place][value=lead]');
  await Promise.all([page.waitForURL(/\?done=saved$/), page.click('#save-article')]);
  check('the library photo became the lead', (await page.inputValue('input[name=photo_id]')) === number);
  check('with the caption its article gave it', (await page.inputValue('#photo_caption')) === foundCaption);
  check('the form shows the photo', (await page.locator('.nr-photo img.nr-thumb').count()) === 1);
  await page.screenshot({ path: path.join(out, 'photo-library-form-360-nojs.png'), fullPage: true });
}

async function gridOnDesktop(base, editor) {
  const { page } = await run.browser('editor');
  await logIn(page, base, editor);
  await page.goto(`${base}/newsroom/photos`);
  const boxes = await page.locator('.nr-library-photo').evaluateAll(
    (items) => items.slice(0, 3).map((item) => item.getBoundingClientRect().top));
  check('the library is a grid at 1280 px', boxes.length === 3 && boxes[0] === boxes[1] && boxes[1] === boxes[2]);
  check('the desk sees the photo no article uses',
        (await page.locator('.nr-library-photo:has-text("아직 어느 기사에도")').count()) > 0);
  await page.screenshot({ path: path.join(out, 'photo-library-1280.png'), fullPage: false });
  const pages = [];
  for (const target of ['/newsroom/photos', '/newsroom/photos?q=%EC%97%86%EB%8A%94%EB%82%B1%EB%A7%90',
                        '/newsroom/articles/new']) {
    pages.push(await (await page.request.get(`${base}${target}`)).text());  // as sent
  }
  run.checkHtml('the library, an empty search and the form with the library field', pages);
}

async function main() {
  const accounts = run.makePaper(10);
  const base = await run.startServer();
  await reuseOnPhone(base, accounts.reporter);
  await gridOnDesktop(base, accounts.editor);
}

await run.execute(main, out);
