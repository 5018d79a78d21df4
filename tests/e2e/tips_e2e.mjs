// End-to-end for news tips and reader submissions (제보하기, 독자투고, issue #18), in Debian's
// Chromium against a real `sinmun serve`: at 360 px a reader sends a tip without consent
// (sent back as typed, the consent marked), then with a photo that carries EXIF, and lands
// on the status page; at 1280 px another sends a reader submission anonymously. In the
// newsroom the editor finds the tip in the inbox, downloads its photo (no EXIF left), moves
// it to review and replies, and makes the submission a draft bylined 독자; the tipster's
// status page then shows the reply. Every new page passes the Nu Html Checker.
//
//   node tests/e2e/tips_e2e.mjs --binary build/sinmun --out build/e2e
//
// Exit code 0 when every step passed; the last line says "N passed, N failed".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Run, logIn, parseOptions, phone, readerAgent, relaxLimits } from './lib.mjs';

const { binary, out } = parseOptions();
const run = new Run(binary);
const check = (what, condition) => run.check(what, condition);

const photo = readFileSync(new URL('../data/photos/landscape-exif.jpg', import.meta.url));

async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function sendTip(base) {
  const { page } = await run.browser('tipster', { userAgent: readerAgent, viewport: phone });
  await page.goto(`${base}/`);
  await Promise.all([page.waitForURL(/\/tip$/), page.click('.footer-tips a[href="/tip"]')]);
  check('the footer leads to the tip form', (await page.title()).includes('제보하기'));
  check('the form fits 360 px', await fitsWidth(page));
  const text = '시장 골목 하수구가 넘칩니다.\n사진을 보냅니다.';
  await page.fill('#name', '김제보');
  await page.fill('#contact', 'tipster@example.com');
  await page.fill('#title', '하수구 역류');
  await page.fill('#text', text);
  await page.setInputFiles('#files', { name: '현장.jpg', mimeType: 'image/jpeg', buffer: photo });
  // Without consent: sent back as typed, the consent marked.
  await page.click('.tip-form button[type=submit]');
  await page.waitForSelector('#consent_error');
  check('without consent the form comes back marked',
        (await page.getAttribute('#consent', 'aria-invalid')) === 'true');
  check('and keeps what was typed', (await page.inputValue('#text')) === text &&
        (await page.inputValue('#title')) === '하수구 역류');
  await page.screenshot({ path: path.join(out, 'tip-form-error.png'), fullPage: true });

  await page.check('#consent');
  await page.setInputFiles('#files', { name: '현장.jpg', mimeType: 'image/jpeg', buffer: photo });
  await Promise.all([page.waitForURL(/\/tip\/status\//), page.click('.tip-form button[type=submit]')]);
  check('the tip lands on its status page',
        (await page.getAttribute('#tip-state', 'data-state')) === 'received');
  check('the status page fits 360 px', await fitsWidth(page));
  await page.screenshot({ path: path.join(out, 'tip-status.png'), fullPage: true });
  return page.url();
}

async function sendSubmission(base) {
  const { page } = await run.browser('writer', { userAgent: readerAgent });
  await page.goto(`${base}/submit`);
  check('/submit chooses 독자투고', await page.isChecked('#kind-submission'));
  check('the form fits 1280 px', await fitsWidth(page));
  await page.check('#anonymous');
  await page.fill('#title', '우리 동네 도서관을 지켜 주세요');
  await page.fill('#text', '도서관이 문을 닫는다고 합니다.\n\n주민들의 목소리를 전합니다.');
  await page.check('#consent');
  await page.screenshot({ path: path.join(out, 'tip-submission-form.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/tip\/status\//), page.click('.tip-form button[type=submit]')]);
  check('the submission is received', (await page.textContent('main')).includes('독자투고'));
  return page.url();
}

async function handle(base, editor) {
  const { page } = await run.browser('editor');
  await logIn(page, base, editor);
  await page.click('.nr-nav a[href="/newsroom/tips"]');
  check('the inbox lists the tip', (await page.textContent('.nr-tips')).includes('하수구 역류'));
  const pages = [await (await page.context().request.get(`${base}/newsroom/tips`)).text()];
  await page.click('.nr-tips a:has-text("하수구 역류")');
  const download = await page.context().request.get(
      page.url().replace(/\?.*$/, '') + '/files/1');
  const bytes = await download.body();
  check('the photo downloads as a JPEG', download.status() === 200 &&
        bytes[0] === 0xff && bytes[1] === 0xd8);
  check('without its EXIF', !bytes.includes('Exif') && !bytes.includes('GPS-SECRET'));
  await Promise.all([page.waitForURL(/done=1/), page.click('button[value=reviewing]')]);
  await page.fill('#reply', '내일 현장에 가 보겠습니다.');
  await Promise.all([page.waitForURL(/done=1/), page.click('form[action$="/reply"] button')]);
  check('the tip is under review', (await page.getAttribute('#tip-state', 'data-state')) === 'reviewing');
  pages.push(await (await page.context().request.get(page.url())).text());
  await page.screenshot({ path: path.join(out, 'tip-newsroom.png'), fullPage: true });

  await page.goto(`${base}/newsroom/tips?kind=submission`);
  await page.click('.nr-tips a:has-text("도서관")');
  check('an anonymous submission names nobody', (await page.textContent('#tip-sender')).includes('익명'));
  await Promise.all([page.waitForURL(/\/newsroom\/articles\/\d+/),
                     page.click('form[action$="/draft"] button')]);
  check('the submission became a draft with its title',
        (await page.inputValue('#headline')).includes('도서관'));
  check('bylined 독자', (await page.content()).includes('독자'));
  return pages;
}

async function main() {
  const accounts = run.makePaper(10);
  relaxLimits(run.data, { mail: 'min_fill_seconds = 0' });
  const base = await run.startServer();
  const status = await sendTip(base);
  const submission = await sendSubmission(base);
  const newsroomPages = await handle(base, accounts.editor);

  const { page } = await run.browser('tipster-after', { userAgent: readerAgent, viewport: phone });
  await page.goto(status);
  check('the status page shows the reply',
        (await page.textContent('#tip-reply')).includes('현장에 가 보겠습니다'));
  check('and the state', (await page.getAttribute('#tip-state', 'data-state')) === 'reviewing');

  const pages = [];
  for (const target of ['/tip', '/submit']) pages.push(await (await fetch(`${base}${target}`)).text());
  pages.push(await (await fetch(status)).text());
  pages.push(await (await fetch(submission)).text());
  run.checkHtml('the tip pages', pages.concat(newsroomPages));
}

await run.execute(main, out);
