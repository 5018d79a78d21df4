// End-to-end: a real `sinmun serve` on port 0 and Debian's Chromium driven by playwright-core.
// A reporter logs in, writes an article in the editor and submits it; an editor logs in and
// approves it; a reader sees it on the site. Screenshots of the editor at 1280 px and of the
// article at 360 px are kept in the output folder.
//
//   node tests/e2e/newsroom_e2e.mjs --binary build/sinmun --out build/e2e
//
// Exit code 0 when every step passed; the last line says "N passed, N failed".
import path from 'node:path';
import { Run, logIn, parseOptions } from './lib.mjs';

const { binary, out } = parseOptions();
const photos = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../data/photos');
const run = new Run(binary);
const check = (what, condition) => run.check(what, condition);

// The desk's pages as the server sends them (before any script runs) pass the Nu Html
// Checker, like the public pages: dashboard, forms, history, a revision, the conflict page,
// the preview and the article with photo, correction and the staff link.
async function checkHtml(page, base, id) {
  const pages = [];
  for (const target of ['/newsroom', '/newsroom?q=%EB%B8%8C%EB%9D%BC%EC%9A%B0%EC%A0%80',
                        '/newsroom/articles/new', `/newsroom/articles/${id}?done=published`,
                        `/newsroom/articles/${id}/revisions`, `/newsroom/articles/${id}/revisions/1`,
                        `/article/${id}`]) {
    pages.push(await (await page.request.get(`${base}${target}`)).text());
  }
  const form = await (await page.request.get(`${base}/newsroom/articles/${id}`)).text();
  const token = form.match(/name="csrf" value="([^"]+)"/)[1];
  const fields = { csrf: token, base_revision: '0', section: '1', headline: '충돌 확인 <제목>',
                   subheadline: '부제', body: '본문\n\n둘째', reporter: '1', tags: '가, 나',
                   correction: '바로잡습니다 확인' };
  const conflict = await page.request.post(`${base}/newsroom/articles/${id}`, { multipart: fields });
  check('a stale save answers the conflict page', conflict.status() === 409);
  pages.push(await conflict.text());
  const preview = await page.request.post(`${base}/newsroom/articles/preview`, { multipart: fields });
  pages.push(await preview.text());
  const invalid = await page.request.post(`${base}/newsroom/articles`,
                                          { multipart: { ...fields, headline: '' } });
  check('a form without a headline comes back with 422', invalid.status() === 422);
  pages.push(await invalid.text());
  run.checkHtml("the desk's pages", pages);
}

// Issue #18 in the browser's own requests: an admin writes a legal page in two versions
// through the form, a reader finds it linked from the footer with its earlier version, an
// editor's wholesale rewrite of a published article is asked to confirm; these pages pass the
// Nu Html Checker too.
async function checkLegalPages(page, base, accounts, id) {
  const pages = [];
  const get = async (target) => (await page.request.get(`${base}${target}`)).text();

  // The editor is still logged in: rewrite the published article wholesale.
  const form = await get(`/newsroom/articles/${id}`);
  const csrf = form.match(/name="csrf" value="([^"]+)"/)[1];
  const revision = form.match(/name="base_revision" value="(\d+)"/)[1];
  const rewrite = { csrf, base_revision: revision, kind: 'own', section: '1', headline: '전혀 다른 제목',
                    body: '완전히 새로 쓴 본문이다.', reporter: '1' };
  const warned = await page.request.post(`${base}/newsroom/articles/${id}`, { multipart: rewrite });
  check('a wholesale rewrite of a published article asks first',
        warned.status() === 409 && (await warned.text()).includes('출고된 기사를 크게 고칩니다'));
  pages.push(await warned.text());

  await page.context().clearCookies();
  await logIn(page, base, accounts.admin);
  const admin = await get('/newsroom/admin/pages');
  const token = admin.match(/name="csrf" value="([^"]+)"/) ?? (await get('/newsroom/password')).match(/name="csrf" value="([^"]+)"/);
  const save = (fields) => page.request.post(`${base}/newsroom/admin/pages`,
                                             { form: { csrf: token[1], ...fields } });
  const first = await save({ path: 'privacy', title: '개인정보처리방침', body: '## 제1조\n\n처음 방침',
                             effective: '2020-01-01', footer: '1' });
  const second = await save({ path: 'privacy', title: '개인정보처리방침', body: '## 제1조\n\n개정 방침',
                              effective: '2021-01-01', footer: '1' });
  check('an admin saves a legal page twice', first.status() === 200 && second.status() === 200);
  const invalid = await save({ path: 'Bad Path', title: '', body: '', effective: '내일', footer: 'x' });
  check('a bad page form comes back with 400', invalid.status() === 400);
  pages.push(await invalid.text());
  for (const target of ['/newsroom/admin/pages', '/newsroom/admin/pages/edit?path=privacy',
                        '/newsroom/admin/pages/edit?new=terms', '/newsroom/admin/settings']) {
    pages.push(await get(target));
  }

  await page.context().clearCookies();
  const front = await page.goto(`${base}/`);
  check('the front page answers', front.status() === 200);
  await page.click('footer a[href="/page/privacy"]');
  check('the footer links the privacy policy in force',
        (await page.textContent('.article-body')).includes('개정 방침'));
  await page.click('a[href="/page/privacy?version=1"]');
  check('its earlier version is one click away',
        (await page.textContent('.article-body')).includes('처음 방침'));
  for (const target of ['/page/privacy', '/page/privacy?version=1', '/page/comment-policy', '/']) {
    pages.push(await get(target));
  }
  run.checkHtml('the legal pages', pages);
}

async function main() {
  const accounts = run.makePaper();
  const base = await run.startServer();
  const { context, page } = await run.browser('profile');

  // The reporter writes in the editor and submits.
  await logIn(page, base, accounts.reporter);
  check('reporter reaches the dashboard', (await page.textContent('h1')).includes('대시보드'));
  await page.goto(`${base}/newsroom/articles/new`);
  const editor = page.locator('#body-editor .toastui-editor-md-container .ProseMirror');
  await editor.waitFor();
  check('the Toast UI editor replaced the body textarea', await page.locator('#body').isHidden());
  const headline = `브라우저로 쓴 기사 ${Date.now()}`;
  await page.fill('#headline', headline);
  await page.locator('#subheadline-list input').first().fill('편집기에서 쓴 부제');
  await editor.click();
  await page.keyboard.type('대전시청 앞 광장에서 시민 축제가 열렸다.');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('둘째 문단은 **굵게** 강조한다.');
  await page.fill('#tags', '축제, 대전');
  await page.setInputFiles('#photo', path.join(photos, 'landscape-exif.jpg'));
  await page.fill('#photo_caption', '대전시청 앞 광장의 축제');
  await page.fill('#photo_credit', '한밭일보 사진부');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(out, 'editor-1280.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\?done=saved$/), page.click('#save-article')]);
  const articleUrl = page.url().replace(/\?.*$/, '');
  const id = articleUrl.split('/').pop();
  check('the draft was saved', (await page.textContent('#article-status')).trim() === '작성 중');
  check('the body typed in the editor was saved through the textarea',
        (await page.inputValue('#body')).includes('둘째 문단은 **굵게** 강조한다.'));
  check('the uploaded photo is on the form', (await page.locator('img.nr-thumb').count()) === 1);

  // Uploads go through the real server's body limit: a 5 MB file (over the 1 MB default)
  // reaches the form and is refused as no image; over 20 MB is refused by the server.
  const csrf = await page.inputValue('#article-form input[name=csrf]');
  const upload = (bytes) => page.request.post(`${base}/newsroom/articles`, {
    multipart: { csrf, headline: '큰 파일', section: '1', body: '', base_revision: '0',
                 photo: { name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(bytes, 65) } },
  });
  const notImage = await upload(5 << 20);
  check('a 5 MB non-image is refused beside the photo field',
        notImage.status() === 422 && (await notImage.text()).includes('JPEG, PNG, WebP 사진만'));
  check('over 20 MB the server answers 413', (await upload(22 << 20)).status() === 413);

  await Promise.all([page.waitForURL(/\?done=submitted$/), page.click('#submit-article')]);
  check('the reporter submitted it', (await page.textContent('#article-status')).trim() === '송고');
  const beforeApproval = await page.request.get(`${base}/article/${id}`);
  check('a submitted article is not public yet', beforeApproval.status() === 404);

  // The editor approves it.
  await context.clearCookies();
  await logIn(page, base, accounts.editor);
  check('the desk queue lists it', (await page.textContent('#queue')).includes(headline));
  await page.goto(articleUrl);
  await Promise.all([page.waitForURL(/\?done=published$/), page.click('#publish-article')]);
  check('the editor published it', (await page.textContent('#article-status')).trim() === '출고');
  await page.goto(`${base}/article/${id}`);
  check('staff see the 기사수정 link', (await page.locator('.staff-edit a').count()) === 1);
  await checkHtml(page, base, id);
  await checkLegalPages(page, base, accounts, id);

  // A reader (no cookies) on a phone sees it on the site.
  await context.clearCookies();
  await page.setViewportSize({ width: 360, height: 740 });
  const response = await page.goto(`${base}/article/${id}`);
  check('the article is public', response.status() === 200);
  check('the reader sees the headline', (await page.textContent('h1.headline')).trim() === headline);
  const body = await page.textContent('.article-body');
  check('the reader sees the body written in the editor',
        body.includes('대전시청 앞 광장에서 시민 축제가 열렸다.') && body.includes('둘째 문단은'));
  check('Markdown bold became <strong>',
        (await page.locator('.article-body strong').textContent()) === '굵게');
  check('readers get no 기사수정 link', (await page.locator('.staff-edit').count()) === 0);
  const photo = page.locator('.lead-photo img');
  await photo.scrollIntoViewIfNeeded();
  check('the lead photo loads', await photo.evaluate((img) => img.complete && img.naturalWidth > 0));
  check('the caption and credit are shown',
        (await page.textContent('.lead-photo figcaption')).includes('한밭일보 사진부'));
  await page.screenshot({ path: path.join(out, 'article-360.png'), fullPage: true });
}

await run.execute(main, out);
