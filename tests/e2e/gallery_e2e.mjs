// End-to-end for 포토뉴스 (issue #19), in Debian's Chromium against a real `sinmun serve`: the
// editor sends three photos at once through the article form, captions them, turns the order
// round and publishes the gallery; a reader at 1280 px steps through the viewer with the keyboard
// (the counter read out, focus kept on the button) and a reader at 360 px without JavaScript
// sees every photo with its caption on the page. The gallery and the 포토뉴스 list pass the Nu
// Html Checker.
//
//   node tests/e2e/gallery_e2e.mjs --binary build/sinmun --out build/e2e
//
// Exit code 0 when every step passed; the last line says "N passed, N failed".
import path from 'node:path';
import { Run, logIn, parseOptions, phone, readerAgent } from './lib.mjs';

const { binary, out } = parseOptions();
const run = new Run(binary);
const check = (what, condition) => run.check(what, condition);
const photos = new URL('../data/photos/', import.meta.url).pathname;

async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function publishGallery(base, editor) {
  const { page } = await run.browser('editor');
  await logIn(page, base, editor);
  await page.goto(`${base}/newsroom/articles/new`);
  const headline = `갑천 야경 포토뉴스 ${Date.now()}`;
  await page.fill('#headline', headline);
  if ((await page.inputValue('#reporter-1')) === '') {
    await page.selectOption('#reporter-1', { index: 1 });  // the editor writes under a reporter
  }
  await page.check('#gallery');
  await page.setInputFiles('#more-photos-file', [path.join(photos, 'small.png'),
    path.join(photos, 'small.webp'), path.join(photos, 'landscape-exif.jpg')]);
  await page.fill('#photo_caption', '엑스포다리의 밤');
  await page.fill('#photo_credit', 'ⓒ 한밭일보 홍길동 기자');
  // Three photos through libvips on a loaded machine: more than the default 15 s.
  await Promise.all([page.waitForURL(/\?done=saved$/, { timeout: 120000 }),
                     page.click('#save-article')]);
  check('the first photo became the lead', (await page.inputValue('input[name=photo_id]')) !== '');
  check('the two others are 사진 2 and 사진 3', (await page.locator('.nr-more-photo').count()) === 2);
  await page.fill('#more-photo-caption-1', '둘째로 올린 사진');
  await page.fill('#more-photo-caption-2', '셋째로 올린 사진');
  await page.fill('#more-photo-credit-2', '사진=대전시 제공');
  await page.fill('#more-photo-position-1', '2');
  await page.fill('#more-photo-position-2', '1');
  await page.screenshot({ path: path.join(out, 'gallery-form.png'), fullPage: true });
  // Saved by Enter in a caption box (the form's first button, 저장, submits it); the address
  // already ends in ?done=saved, so the wait is for the new page itself.
  await Promise.all([page.waitForNavigation({ url: /\?done=saved$/ }),
                     page.press('#more-photo-caption-2', 'Enter')]);
  check('the order was turned round',
        (await page.inputValue('#more-photo-caption-1')) === '셋째로 올린 사진');
  await Promise.all([page.waitForURL(/\?done=published$/), page.click('#publish-article')]);
  return page.url().replace(/\?.*$/, '').split('/').pop();
}

async function viewWithKeyboard(base, id) {
  const { page } = await run.browser('reader', { userAgent: readerAgent });
  await page.goto(`${base}/photos`);
  check('the 포토뉴스 list shows the gallery',
        (await page.locator(`.photo-grid a[href="/article/${id}"]`).count()) === 1);
  check('the grid fits 1280 px', await fitsWidth(page));
  await page.click(`.photo-grid a[href="/article/${id}"]`);
  await page.waitForSelector('.gallery-viewer');
  const counter = page.locator('.gallery-counter');
  check('the viewer starts at the first photo', (await counter.textContent()) === '1 / 3');
  check('one photo is shown at a time', (await page.locator('.gallery-item:visible').count()) === 1);
  const next = page.locator('button[data-gallery-step="1"]');
  await next.focus();
  await page.keyboard.press('Enter');
  check('the next button steps on', (await counter.textContent()) === '2 / 3');
  await page.keyboard.press('ArrowRight');
  check('the arrow key steps on', (await counter.textContent()) === '3 / 3');
  check('the third is the one captioned second',
        (await page.locator('.gallery-item:visible figcaption').textContent()).includes('둘째로 올린 사진'));
  check('focus stays on the button',
        await page.evaluate(() => document.activeElement.getAttribute('data-gallery-step') === '1'));
  await page.keyboard.press('ArrowRight');
  check('past the last it goes round to the first', (await counter.textContent()) === '1 / 3');
  await page.keyboard.press('ArrowLeft');
  check('the left arrow steps back', (await counter.textContent()) === '3 / 3');
  check('the counter is read out', (await counter.getAttribute('aria-live')) === 'polite');
  const shown = page.locator('.gallery-item:visible img');
  await shown.evaluate((img) => img.decode());
  check('the shown photo loads', await shown.evaluate((img) => img.naturalWidth > 0));
  await page.screenshot({ path: path.join(out, 'gallery-1280.png'), fullPage: true });
}

async function viewWithoutScript(base, id) {
  const { page } = await run.browser('phone', { userAgent: readerAgent, viewport: phone,
                                                javaScriptEnabled: false });
  await page.goto(`${base}/article/${id}`);
  check('without JavaScript every photo is on the page',
        (await page.locator('.gallery-item:visible').count()) === 3);
  check('each with its caption', (await page.locator('.gallery-photo figcaption').allTextContents())
        .join('|').includes('셋째로 올린 사진'));
  check('the viewer controls stay hidden', await page.locator('.gallery-controls').isHidden());
  check('the gallery fits 360 px', await fitsWidth(page));
  await page.click('.gallery-index a[href="#photo-3"]');
  check('the index links to each photo', page.url().endsWith('#photo-3'));
  await page.screenshot({ path: path.join(out, 'gallery-360-nojs.png'), fullPage: true });
}

async function main() {
  const accounts = run.makePaper(10);
  const base = await run.startServer();
  const id = await publishGallery(base, accounts.editor);
  await viewWithKeyboard(base, id);
  await viewWithoutScript(base, id);
  const pages = [];
  for (const target of [`/article/${id}`, '/photos']) {
    pages.push(await (await fetch(`${base}${target}`)).text());
  }
  run.checkHtml('the gallery and the 포토뉴스 list', pages);
}

await run.execute(main, out);
