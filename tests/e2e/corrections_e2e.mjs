// End-to-end for corrections and replies (정정·반론·추후보도, issue #18), in Debian's Chromium
// against a real `sinmun serve`: a reader opens the request form from an article, sends it
// without consent and with a file that only pretends to be a picture (both sent back as
// typed, the field in error marked), then with a real picture, and lands on the status page;
// the 고충처리인 takes the case through review, acceptance and publication in the newsroom;
// the article then shows the correction at its top and /corrections lists it. The desk also
// puts up a 속보 ticker and starts a series (연재). Every new page, the series page and the
// newsroom's series pages included, passes the Nu Html Checker. At 1280 px and at 360 px.
//
//   node tests/e2e/corrections_e2e.mjs --binary build/sinmun --out build/e2e
//
// Exit code 0 when every step passed; the last line says "N passed, N failed".
import path from 'node:path';
import { Run, logIn, parseOptions, phone, readerAgent, relaxLimits } from './lib.mjs';

const { binary, out } = parseOptions();
const run = new Run(binary);
const check = (what, condition) => run.check(what, condition);

// A 1x1 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function fillRequest(page, text) {
  await page.fill('#requester', '김독자');
  await page.fill('#contact', 'reader@example.com');
  await page.check('#kind-reply');
  await page.fill('#text', text);
  await page.fill('#reason', '사실과 다릅니다.');
}

async function request(base, id) {
  const { page } = await run.browser('reader', { userAgent: readerAgent, viewport: phone });
  await page.goto(`${base}/article/${id}`);
  await page.click('a[href^="/corrections/request"]');
  check('the form is opened from the article with its number',
        (await page.inputValue('#article')) === String(id));
  const text = '저는 그 회의에 참석하지 않았습니다.\n둘째 줄';
  await fillRequest(page, text);
  // Without consent: sent back as typed, the consent marked.
  await page.click('.correction-form button[type=submit]');
  await page.waitForSelector('#consent_error');
  check('without consent the form comes back marked',
        (await page.getAttribute('#consent', 'aria-invalid')) === 'true');
  check('and keeps what was typed', (await page.inputValue('#text')) === text &&
        (await page.inputValue('#requester')) === '김독자' && (await page.isChecked('#kind-reply')));
  await page.screenshot({ path: path.join(out, 'correction-request-error.png'), fullPage: true });

  // A script named .png is refused by its content.
  await page.check('#consent');
  await page.setInputFiles('#evidence', { name: 'photo.png', mimeType: 'image/png',
                                          buffer: Buffer.from('<script>alert(1)</script>') });
  const refused = await Promise.all([page.waitForNavigation(),
                                     page.click('.correction-form button[type=submit]')]);
  check('a file that is no picture is refused (415)', refused[0].status() === 415);
  check('and the evidence field is marked', (await page.locator('#evidence_error').count()) === 1);
  check('the text is still there', (await page.inputValue('#text')) === text);

  await page.check('#consent');
  await page.setInputFiles('#evidence', { name: '증거.png', mimeType: 'image/png', buffer: png });
  await Promise.all([page.waitForURL(/\/corrections\/status\//),
                     page.click('.correction-form button[type=submit]')]);
  check('a good request lands on its status page',
        (await page.textContent('#case-state')).includes('접수'));
  await page.screenshot({ path: path.join(out, 'correction-status.png'), fullPage: true });
  return page.url();
}

async function handle(base, editor) {
  const { page } = await run.browser('editor');
  await logIn(page, base, editor);
  await page.goto(`${base}/newsroom/corrections`);
  await page.click('.nr-corrections a[href^="/newsroom/corrections/"]');
  check('the case shows its evidence', (await page.locator('a[href*="/files/1"]').count()) === 1);
  await Promise.all([page.waitForURL(/done=1/), page.click('button:has-text("검토 시작")')]);
  await page.fill('#answer', '반론보도를 싣겠습니다.');
  await Promise.all([page.waitForURL(/done=1/), page.click('button[value=accepted]')]);
  check('the case is accepted', (await page.textContent('#case-state')).includes('수용'));
  // The newsroom's pages as the server sends them, with this browser's session.
  const pages = [await (await page.context().request.get(`${base}/newsroom/corrections`)).text(),
                 await (await page.context().request.get(page.url())).text()];
  await page.fill('#published_text', '반론보도: 김독자 씨는 회의에 참석하지 않았다고 밝혀왔습니다.');
  await Promise.all([page.waitForURL(/done=1/), page.click('button:has-text("게재")')]);
  check('the case is published', (await page.textContent('#case-state')).includes('게재'));
  await page.screenshot({ path: path.join(out, 'correction-case.png'), fullPage: true });

  // The 속보 ticker (item 7 of the issue), put up from the desk.
  await page.goto(`${base}/newsroom/breaking`);
  await page.fill('#breaking-text', '[속보] 정정보도 시험 속보');
  await page.fill('#breaking-url', '/corrections');
  await page.fill('#breaking-minutes', '30');
  await Promise.all([page.waitForURL(/done=1/), page.click('form[action="/newsroom/breaking"] button')]);
  check('the desk shows the ticker up', (await page.textContent('#breaking-current')).includes('시험 속보'));
  pages.push(await (await page.context().request.get(`${base}/newsroom/breaking`)).text());

  // A series (연재, item 6), started from the desk; the article form then offers it.
  await page.goto(`${base}/newsroom/series`);
  await page.fill('#series-title', '대전의 골목');
  await page.fill('#series-description', '골목을 걷는 연재');
  await Promise.all([page.waitForURL(/done=1/), page.click('form[action="/newsroom/series"] button')]);
  check('the desk lists the series', (await page.textContent('main')).includes('대전의 골목'));
  pages.push(await (await page.context().request.get(`${base}/newsroom/series`)).text());
  pages.push(await (await page.context().request.get(`${base}/newsroom/series/1`)).text());
  pages.push(await (await page.context().request.get(`${base}/newsroom/articles/3`)).text());
  return pages;
}

async function main() {
  const accounts = run.makePaper(10);
  relaxLimits(run.data, { mail: 'min_fill_seconds = 0' });
  const base = await run.startServer();
  const id = 3;
  const status = await request(base, id);
  const newsroomPages = await handle(base, accounts.editor);

  const { page } = await run.browser('reader-after', { userAgent: readerAgent });
  // The page cache learns of changes within 250 ms.
  let boxed = 0;
  for (let attempt = 0; attempt < 10 && boxed === 0; attempt += 1) {
    if (attempt > 0) await page.waitForTimeout(200);
    await page.goto(`${base}/article/${id}`);
    boxed = await page.locator('#published-corrections').count();
  }
  check('the article shows the correction at its top', boxed === 1);
  check('with its text', (await page.textContent('#published-corrections')).includes('회의에 참석하지'));
  await page.screenshot({ path: path.join(out, 'correction-article.png'), fullPage: true });
  const jsonLd = await page.textContent('script[type="application/ld+json"]');
  check('its JSON-LD carries the correction', jsonLd.includes('CorrectionComment'));
  await page.goto(`${base}/corrections`);
  check('/corrections lists it', (await page.textContent('main')).includes('회의에 참석하지'));
  await page.goto(status);
  check('the status page says published', (await page.textContent('#case-state')).includes('게재'));

  // The ticker is on every page, the cached article too, within a second or so.
  let ticker = 0;
  for (let attempt = 0; attempt < 15 && ticker === 0; attempt += 1) {
    if (attempt > 0) await page.waitForTimeout(200);
    await page.goto(`${base}/article/${id}`);
    ticker = await page.locator('#breaking-news').count();
  }
  check('the breaking-news ticker shows on the article', ticker === 1);
  check('and links where the desk said',
        (await page.getAttribute('#breaking-news a', 'href')) === '/corrections');
  await page.screenshot({ path: path.join(out, 'breaking-news.png') });

  const pages = [];
  for (const target of [`/article/${id}`, '/corrections', `/corrections/request?article=${id}`,
                        '/series/1']) {
    pages.push(await (await fetch(`${base}${target}`)).text());
  }
  pages.push(await (await fetch(status)).text());
  run.checkHtml('the correction, breaking-news and series pages', pages.concat(newsroomPages));
}

await run.execute(main, out);
