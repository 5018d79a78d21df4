// End-to-end for reader comments (issue #16), in Debian's Chromium against a real
// `sinmun serve`: with JavaScript (static/js/comments.js) a reader posts, replies and
// recommends in place; three readers report a comment until it is hidden; a guest deletes
// their own comment with the password, after a wrong one changed nothing; an editor restores
// the hidden comment from the moderation queue; an editor signed in to the newsroom comments
// under their name with the 편집국 badge and deletes it again; the comment recommended and
// replied to is pinned as BEST; guests show their partial address; a moderator bans a visitor,
// whose next post is refused, and the bans page fits a phone; a banned word holds a comment
// until a moderator releases it; the comment pages (the staff's included) and the newsroom's
// bans and banned-word pages pass the Nu Html Checker; without JavaScript the same forms post
// and come back. At 1280 px and at 360 px.
//
//   node tests/e2e/comments_e2e.mjs --binary build/sinmun --out build/e2e
//
// Exit code 0 when every step passed; the last line says "N passed, N failed".
import path from 'node:path';
import { Run, logIn, parseOptions, phone, readerAgent, relaxLimits } from './lib.mjs';

const { binary, out } = parseOptions();
const run = new Run(binary);
const check = (what, condition) => run.check(what, condition);

const countOf = async (page) => Number((await page.textContent('#comments-title .count')).trim());

async function fillComment(page, nickname, password, body) {
  await page.fill('#comment-nickname', nickname);
  await page.fill('#comment-password', password);
  await page.fill('#comment-body', body);
}

async function withScript(base, id) {
  const { page } = await run.browser('writer', { userAgent: readerAgent });
  await page.goto(`${base}/article/${id}`);
  const before = await countOf(page);
  await page.evaluate(() => { window.stillTheSamePage = true; });
  await fillComment(page, '독자<b>', 'pass1234', '첫 댓글입니다 <script>alert(1)</script>\n둘째 줄');
  await page.click('.comment-form button[type=submit]');
  await page.waitForFunction((n) => Number(document.querySelector('#comments-title .count').textContent) === n,
                             before + 1);
  check('a comment is posted in place', await page.evaluate(() => window.stillTheSamePage === true));
  const first = page.locator('.comment').filter({ hasText: '첫 댓글입니다' }).first();
  check('its markup arrives as text', (await first.locator('.comment-body').innerText()).includes('<script>'));
  check('and its line break is kept', (await first.locator('.comment-body br').count()) === 1);
  check('the nickname is text too', (await first.locator('.comment-author').innerText()) === '독자<b>');

  // A reply, in place.
  const thread = page.locator('.comment-list > li').filter({ hasText: '첫 댓글입니다' }).first();
  await thread.locator('.comment-reply summary').click();
  await thread.locator('.comment-reply input[name=nickname]').fill('답글러');
  await thread.locator('.comment-reply input[name=password]').fill('pass1234');
  await thread.locator('.comment-reply textarea').fill('답글입니다');
  await thread.locator('.comment-reply button').click();
  await page.waitForSelector('.comment-replies .comment');
  check('the reply shows under its comment',
        (await page.locator('.comment-replies .comment-body').first().innerText()) === '답글입니다');
  check('still the same page', await page.evaluate(() => window.stillTheSamePage === true));

  // 추천, in place, once.
  const upOf = () => page.locator('.comment-list > li').filter({ hasText: '첫 댓글입니다' }).first()
    .locator('article.comment').first().locator('.comment-vote button[value=up]');
  await upOf().click();
  await page.waitForFunction(() => [...document.querySelectorAll('.comment-vote button[value=up] .count')]
    .some((count) => count.textContent === '1'));
  check('추천 counts in place', (await upOf().locator('.count').innerText()) === '1');
  check('without leaving the page', await page.evaluate(() => window.stillTheSamePage === true));
  await page.screenshot({ path: path.join(out, 'comments-1280.png'), fullPage: true });
  await page.setViewportSize(phone);
  await page.goto(`${base}/article/${id}/comments`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(`the comment page fits 360 px (${overflow} px too wide)`, overflow <= 0);
  await page.screenshot({ path: path.join(out, 'comments-360.png'), fullPage: true });
  return page;
}

async function reportUntilHidden(base, id) {
  const target = '신고될 댓글';
  const { page } = await run.browser('poster', { userAgent: readerAgent });
  await page.goto(`${base}/article/${id}/comments`);
  await fillComment(page, '문제아', 'pass1234', target);
  await page.click('.comment-form button[type=submit]');
  await page.waitForSelector(`.comment:has-text("${target}")`);
  for (let reader = 1; reader <= 3; reader += 1) {
    const { page: other } = await run.browser(`reporter-${reader}`, { userAgent: readerAgent });
    // Readers come from the article, which gives each its visitor cookie: three readers, not
    // one address and browser three times.
    await other.goto(`${base}/article/${id}`);
    await other.goto(`${base}/article/${id}/comments`);
    const comment = other.locator('.comment').filter({ hasText: target }).first();
    await comment.locator('.comment-report summary').click();
    await comment.locator('.comment-report select').selectOption('spam');
    // Once the server has answered the report (comments.js posts it in place).
    const reported = other.waitForResponse((r) => r.request().method() === 'POST');
    await comment.locator('.comment-report button').click();
    await reported;
  }
  // The page cache learns of changes within 250 ms (DESIGN, "What a change makes stale"): a
  // page asked for at once may still be the one from before the third report.
  let shown = 1;
  for (let attempt = 0; attempt < 10 && shown > 0; attempt += 1) {
    if (attempt > 0) await page.waitForTimeout(200);
    await page.goto(`${base}/article/${id}/comments`);
    shown = await page.locator(`.comment:has-text("${target}")`).count();
  }
  check('three reports hide the comment', shown === 0);
  return target;
}

async function restoreAsModerator(base, id, editor, target) {
  const { page } = await run.browser('editor');
  await logIn(page, base, editor);
  await page.goto(`${base}/newsroom/comments?state=hidden_by_reports`);
  const row = page.locator('tr').filter({ hasText: target }).first();
  check('the hidden comment waits in the moderation queue', (await row.count()) === 1);
  await row.locator('input[type=checkbox]').check();
  await Promise.all([page.waitForURL(/done=1/), page.click('button[value=restore]')]);
  check('the queue of hidden comments is empty after the restore',
        (await page.locator('tr').filter({ hasText: target }).count()) === 0);
  const { page: reader } = await run.browser('reader-after', { userAgent: readerAgent });
  await reader.goto(`${base}/article/${id}`);
  check('readers see the restored comment on the article page at once',
        (await reader.locator(`.comment:has-text("${target}")`).count()) === 1);
}

// An editor signed in to the newsroom: no nickname or password asked, the comment under their
// name with the 편집국 badge, deleted again with the button only they see. Returns the comment
// page as the server sent it to them, for the Nu Html Checker.
async function staffComment(base, id, editor) {
  const { page } = await run.browser('staff', { userAgent: readerAgent, viewport: phone });
  await logIn(page, base, editor);
  await page.goto(`${base}/article/${id}/comments`);
  check('a signed-in editor is asked for no password', (await page.locator('#comment-password').count()) === 0);
  check('and is told the name and badge they post under',
        (await page.locator('.comment-as').innerText()).includes('편집국'));
  const text = '편집국에서 알립니다';
  await page.fill('#comment-body', text);
  await page.click('.comment-form button[type=submit]');
  const mine = page.locator('.comment-list .comment').filter({ hasText: text }).first();
  await mine.waitFor();
  check('the staff comment carries the 편집국 badge', (await mine.locator('.badge').innerText()) === '편집국');
  check('and a delete button for its writer', (await mine.locator('.comment-delete button').count()) === 1);
  const html = await (await page.request.get(`${base}/article/${id}/comments`)).text();
  const { page: reader } = await run.browser('reader-staff', { userAgent: readerAgent });
  await reader.goto(`${base}/article/${id}/comments`);
  const seen = reader.locator('.comment-list .comment').filter({ hasText: text }).first();
  check('readers see the badge but no delete button',
        (await seen.locator('.badge').innerText()) === '편집국' &&
        (await seen.locator('.comment-delete').count()) === 0);
  await mine.locator('.comment-delete button').click();
  await page.waitForFunction((t) => ![...document.querySelectorAll('.comment-body')]
    .some((body) => body.textContent === t), text);
  await reader.goto(`${base}/article/${id}/comments`);
  check('the editor deleted their own comment',
        (await reader.locator(`.comment:has-text("${text}")`).count()) === 0);
  return html;
}

// BEST and the partial address as a reader sees them on the article page.
async function bestAndAddress(base, id) {
  const { page } = await run.browser('reader-best', { userAgent: readerAgent });
  await page.goto(`${base}/article/${id}`);
  const best = page.locator('.comment-best .comment').first();
  check('the recommended and replied comment is pinned as BEST',
        (await best.count()) === 1 && (await best.locator('.badge-best').innerText()) === 'BEST' &&
        (await best.locator('.comment-body').innerText()).includes('첫 댓글입니다'));
  const address = await page.locator('.comment-list .comment-address').first().innerText();
  check(`a guest shows the start of their address only (${address})`, /^\(127\.0\.\*\.\*\)$/.test(address));
}

// The comment pages as the server sends them pass the Nu Html Checker.
async function checkHtml(base, id, extra) {
  const targets = [`/article/${id}`, `/article/${id}/comments`, `/article/${id}/comments?sort=recommended`,
                   '/page/comment-policy'];
  const pages = [];
  for (const target of targets) pages.push(await (await fetch(`${base}${target}`)).text());
  const edit = pages[1].match(/href="(\/comment\/\d+\/edit)"/);
  if (edit) pages.push(await (await fetch(`${base}${edit[1]}`)).text());
  pages.push(...extra);
  check('a comment page links a guest edit page', edit !== null);
  run.checkHtml('the comment pages', pages);
}

async function deleteOwn(base, id) {
  const { page } = await run.browser('guest', { userAgent: readerAgent, viewport: phone });
  await page.goto(`${base}/article/${id}/comments`);
  await fillComment(page, '지울사람', 'mine5678', '곧 지울 댓글');
  await page.click('.comment-form button[type=submit]');
  const mine = page.locator('.comment').filter({ hasText: '곧 지울 댓글' }).first();
  await mine.waitFor();
  await mine.locator('.comment-edit').click();
  await page.fill('#comment-password', 'wrong999');
  const refused = page.waitForResponse((r) => r.url().endsWith('/edit') && r.request().method() === 'POST');
  await page.click('button[value=delete]');
  check('a wrong password is refused with 403', (await refused).status() === 403);
  await page.goto(`${base}/article/${id}/comments`);
  check('and the comment is still there', (await page.locator('.comment:has-text("곧 지울 댓글")').count()) === 1);
  await page.locator('.comment').filter({ hasText: '곧 지울 댓글' }).first().locator('.comment-edit').click();
  await page.fill('#comment-password', 'mine5678');
  await Promise.all([page.waitForURL(/\/comments$/), page.click('button[value=delete]')]);
  check('the right password deletes it', (await page.locator('.comment:has-text("곧 지울 댓글")').count()) === 0);
}

async function withoutScript(base, id) {
  const { page } = await run.browser('no-script', { javaScriptEnabled: false, userAgent: readerAgent });
  await page.goto(`${base}/article/${id}`);
  const before = await countOf(page);
  await fillComment(page, '스크립트없음', 'pass1234', '자바스크립트 없이 쓴 댓글');
  await Promise.all([page.waitForURL(/\/comments#c\d+$/), page.click('.comment-form button[type=submit]')]);
  check('without JavaScript the form posts and lands on the comment page', (await countOf(page)) === before + 1);
  const mine = page.locator('.comment').filter({ hasText: '자바스크립트 없이 쓴 댓글' }).first();
  await Promise.all([page.waitForNavigation(), mine.locator('.comment-vote button[value=up]').click()]);
  check('and 추천 posts and comes back counted',
        (await page.locator('.comment').filter({ hasText: '자바스크립트 없이 쓴 댓글' }).first()
          .locator('.comment-vote button[value=up] .count').innerText()) === '1');
}

// A moderator bans the visitor behind a comment from the queue (their cookie); that reader's
// next post, in place with JavaScript, is refused with the ban's message and stored nowhere.
async function banVisitor(base, id, editor) {
  const text = '차단될 사람의 댓글';
  const { page } = await run.browser('banned', { userAgent: readerAgent });
  await page.goto(`${base}/article/${id}/comments`);
  await fillComment(page, '말썽꾼', 'pass1234', text);
  await page.click('.comment-form button[type=submit]');
  await page.waitForSelector(`.comment:has-text("${text}")`);

  const { page: desk } = await run.browser('ban-editor');
  await logIn(desk, base, editor);
  await desk.goto(`${base}/newsroom/comments`);
  const row = desk.locator('tr').filter({ hasText: text }).first();
  await Promise.all([desk.waitForURL(/bans\/new/), row.locator('a[href*="/bans/new"]').click()]);
  await desk.check('#ban-kind-visitor');
  await desk.selectOption('#ban-days', '7');
  await desk.fill('#ban-reason', '반복된 욕설');
  await Promise.all([desk.waitForURL(/bans\?done=1/), desk.click('form.nr-panel button[type=submit]')]);
  check('the ban is listed on the bans page',
        (await desk.locator('tr').filter({ hasText: '반복된 욕설' }).count()) === 1);
  // The bans page on a phone: its table and range form fit 360 px.
  await desk.setViewportSize(phone);
  await desk.goto(`${base}/newsroom/comments/bans`);
  const overflow = await desk.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(`the bans page fits 360 px (${overflow} px too wide)`, overflow <= 0);
  check('and still lists the ban there',
        await desk.locator('tr').filter({ hasText: '반복된 욕설' }).first().isVisible());
  await desk.screenshot({ path: path.join(out, 'comment-bans-360.png'), fullPage: true });
  // The newsroom's bans pages as the server sent them, for the Nu Html Checker.
  const deskPages = [await (await desk.request.get(`${base}/newsroom/comments/bans`)).text(),
                     await (await desk.request.get(`${base}/newsroom/comments/bans?all=1`)).text()];
  const banLink = await (await desk.request.get(`${base}/newsroom/comments`)).text();
  const banForm = banLink.match(/href="(\/newsroom\/comments\/bans\/new\?comment=\d+)"/);
  check('the queue links a ban form for a comment', banForm !== null);
  if (banForm) deskPages.push(await (await desk.request.get(`${base}${banForm[1]}`)).text());

  await page.goto(`${base}/article/${id}/comments`);
  const refusal = page.waitForResponse((r) => r.request().method() === 'POST');
  await fillComment(page, '말썽꾼', 'pass1234', '차단 뒤에 또 쓴 댓글');
  await page.click('.comment-form button[type=submit]');
  check('the banned visitor\'s next post is refused with 403', (await refusal).status() === 403);
  await page.waitForSelector('.form-error');
  check('and told why', (await page.locator('.form-error').innerText()).includes('댓글 작성이 제한된'));
  check('with the text kept in the form', (await page.inputValue('#comment-body')) === '차단 뒤에 또 쓴 댓글');
  const { page: reader } = await run.browser('reader-ban', { userAgent: readerAgent });
  await reader.goto(`${base}/article/${id}/comments`);
  check('and nothing is shown', (await reader.locator('.comment:has-text("차단 뒤에 또 쓴 댓글")').count()) === 0);
  return deskPages;
}

// An administrator lists a banned word on the settings page; a comment holding it inside a
// longer word is held (the writer is told it awaits review, readers do not see it) until a
// moderator releases it from the queue's 금칙어 보류 filter (held by the word filter, apart
// from a moderator's hide).
async function holdByWord(base, id, admin) {
  const { page: desk } = await run.browser('word-admin');
  await logIn(desk, base, admin);
  await desk.goto(`${base}/newsroom/admin/settings`);
  await desk.fill('#newsroom_setting_comments_banned_words', '광고문자\n바보');
  await desk.selectOption('#newsroom_setting_comments_banned_word_action', 'hold');
  await Promise.all([desk.waitForURL(/saved=1/), desk.click('form.nr-panel button[type=submit]')]);

  const text = '이런 바보야 정신 차려';
  const { page } = await run.browser('word-writer', { userAgent: readerAgent });
  await page.goto(`${base}/article/${id}/comments`);
  await fillComment(page, '성난독자', 'pass1234', text);
  await page.click('.comment-form button[type=submit]');
  await page.waitForSelector('.form-notice');
  check('a comment with a banned word is held and its writer told',
        (await page.locator('.form-notice').innerText()).includes('검토 후 게시'));
  check('readers do not see the held comment', (await page.locator(`.comment:has-text("${text}")`).count()) === 0);

  await desk.goto(`${base}/newsroom/comments?state=held`);
  const row = desk.locator('tr').filter({ hasText: text }).first();
  check('the held comment waits under the 금칙어 보류 filter', (await row.count()) === 1);
  await row.locator('input[type=checkbox]').check();
  await Promise.all([desk.waitForURL(/done=1/), desk.click('button[value=restore]')]);
  const { page: reader } = await run.browser('word-reader', { userAgent: readerAgent });
  await reader.goto(`${base}/article/${id}/comments`);
  check('the released comment is shown to readers',
        (await reader.locator(`.comment:has-text("${text}")`).count()) === 1);
  // The settings page with its banned words and the queue's 금칙어 보류 filter, for the Nu Html Checker.
  return [await (await desk.request.get(`${base}/newsroom/admin/settings`)).text(),
          await (await desk.request.get(`${base}/newsroom/comments?state=held`)).text()];
}

async function main() {
  const accounts = run.makePaper(10);
  relaxLimits(run.data, { mail: 'min_fill_seconds = 0',
                         comments: 'min_interval_seconds = 0\nper_hour = 1000\nbest_min_score = 2\n' +
                                   'best_after_minutes = 0\nshow_partial_address = true' });
  const base = await run.startServer();
  await withScript(base, 3);
  const hidden = await reportUntilHidden(base, 3);
  await restoreAsModerator(base, 3, accounts.editor, hidden);
  await deleteOwn(base, 3);
  const staffPage = await staffComment(base, 3, accounts.editor);
  await bestAndAddress(base, 3);
  const bansPages = await banVisitor(base, 3, accounts.editor);
  const wordPages = await holdByWord(base, 3, accounts.admin);
  await withoutScript(base, 4);
  await checkHtml(base, 3, [staffPage]);
  run.checkHtml('the newsroom\'s bans and banned-word pages', [...bansPages, ...wordPages]);
}

await run.execute(main, out);
