// End-to-end for the newsroom's 통계 page (issue #20) in Debian's Chromium against a real
// `sinmun serve`: readers arrive from Naver, Google and nowhere, on desktops and phones; an
// editor then sees their views in the charts, the top lists and the sources at 1280 px with
// JavaScript, where the figures refresh in place after 30 seconds (the page's clock is
// Playwright's), and at 360 px without it, where the filter form still works. The pages as
// the server sends them pass the Nu Html Checker.
//
//   node tests/e2e/stats_e2e.mjs --binary build/sinmun --out build/e2e
//
// Exit code 0 when every step passed; the last line says "N passed, N failed".
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Run, logIn, parseOptions } from './lib.mjs';

const { binary, out } = parseOptions();
const run = new Run(binary);
const check = (what, condition) => run.check(what, condition);
const phone = { width: 360, height: 740 };
const desktopAgent = (n) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.${n}.0 Safari/537.36`;
const phoneAgent = (n) => `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${n} Mobile/15E148 Safari/604.1`;

// One reader's view of an article: a new visitor each time (its own user agent, no cookie).
async function read(base, id, agent, referer) {
  const headers = { 'User-Agent': agent };
  if (referer) headers.Referer = referer;
  const answer = await fetch(`${base}/article/${id}`, { headers });
  await answer.text();
  return answer.status;
}

// The CSV of a table of the page, as rows of cells, its header left out.
async function csvRows(page, base, table) {
  const text = await (await page.request.get(`${base}/newsroom/stats?format=csv&table=${table}`)).text();
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  return rows.slice(1);
}

// Asks again (up to 20 s) until `test` holds: views reach the store with the next flush (every
// second here) and the page is not cached, so the wait is for the flush, not a timing claim.
async function eventually(test) {
  for (let i = 0; i < 100; i += 1) {
    if (await test()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function main() {
  const accounts = run.makePaper(30);
  // Views are written every second rather than 5, for the waits below.
  const config = path.join(run.data, 'sinmun.toml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('[counters]', '[counters]\nflush_seconds = 1'));
  const base = await run.startServer();
  const list = await (await fetch(`${base}/api/v1/articles`)).json();
  const [first, second] = list.items;

  const statuses = [];
  for (let n = 0; n < 3; n += 1) statuses.push(await read(base, first.id, desktopAgent(n), 'https://search.naver.com/search.naver?query=x'));
  for (let n = 0; n < 2; n += 1) statuses.push(await read(base, first.id, phoneAgent(n), 'https://www.google.com/'));
  statuses.push(await read(base, second.id, desktopAgent(9), ''));
  check('six readers read two articles', statuses.every((status) => status === 200));

  // The editor, at 1280 px with JavaScript and the page's timers in Playwright's hands.
  const { page } = await run.browser('editor');
  await logIn(page, base, accounts.editor);
  check('the readers\' views reach the 통계 page', await eventually(async () => {
    const now = await csvRows(page, base, 'now');
    return now.length === 2 && now[0][1] === String(first.id) && now[0][4] === '5';
  }));
  await page.clock.install();
  await page.goto(`${base}/newsroom/stats`);
  check('the page shows three charts as SVG', (await page.locator('svg.nr-chart').count()) === 3);
  check('each chart has a table beside it', (await page.locator('.nr-stats-block details table').count()) === 3);
  const topNow = page.locator('.nr-top').first();
  check('the top list of this hour leads with the most-read article',
        (await topNow.locator('tbody tr').first().textContent()).includes(first.headline));
  const sourceRow = (name) => page.locator('.nr-sources tbody tr', { hasText: name }).locator('td').first();
  check('three views came from Naver', (await sourceRow('네이버').textContent()).trim() === '3');
  check('two from Google', (await sourceRow('구글').textContent()).trim() === '2');
  check('one was direct', (await sourceRow('직접').textContent()).trim() === '1');
  check('a third of the views were on phones',
        (await page.textContent('.nr-mobile-share')).trim() === '33.3%');
  await page.screenshot({ path: path.join(out, 'stats-1280.png'), fullPage: true });

  // New views arrive; after 30 seconds (of the page's clock) the figures change in place.
  await page.evaluate(() => { window.stillTheSamePage = true; });
  for (let n = 0; n < 6; n += 1) await read(base, second.id, desktopAgent(20 + n), 'https://search.daum.net/search?q=x');
  check('the new views are stored', await eventually(async () => {
    const sources = await csvRows(page, base, 'sources');
    return sources.find((row) => row[0] === 'daum')?.[1] === '6';
  }));
  check('before 30 seconds the page still shows the old figures',
        (await sourceRow('다음').textContent()).trim() === '0');
  await page.clock.runFor(30000);
  // The refresh's fetch is real; asked from here, since the page's own timers are paused.
  check('after 30 seconds the sources show the Daum views',
        await eventually(async () => (await sourceRow('다음').textContent()).trim() === '6'));
  check('the top list now leads with the article read most',
        (await topNow.locator('tbody tr').first().textContent()).includes(second.headline));
  check('without leaving the page', await page.evaluate(() => window.stillTheSamePage === true));

  // The same editor's session at 360 px without JavaScript: complete, and filtered by a form.
  const cookies = await page.context().cookies();
  const { context: plain, page: small } = await run.browser('no-script', { javaScriptEnabled: false, viewport: phone });
  await plain.addCookies(cookies);
  await small.goto(`${base}/newsroom/stats`);
  check('without JavaScript the charts are there', (await small.locator('svg.nr-chart').count()) === 3);
  check('and the page does not scroll sideways at 360 px',
        await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  await small.screenshot({ path: path.join(out, 'stats-360.png'), fullPage: true });
  const section = await small.locator('select[name=section] option').nth(1).getAttribute('value');
  await small.selectOption('select[name=section]', section);
  await Promise.all([small.waitForURL(/section=/), small.click('.nr-stats-filter button[type=submit]')]);
  check('the filter form reloads the page for one section',
        new URL(small.url()).searchParams.get('section') === section &&
        (await small.locator('svg.nr-chart').count()) === 3);
  await small.goto(`${base}/newsroom/stats?article=${first.id}`);
  check('one article\'s page lists only it',
        (await small.locator('.nr-top').first().locator('tbody tr').count()) === 1 &&
        (await small.locator('.nr-top').first().textContent()).includes(first.headline));

  const pages = [];
  for (const target of ['/newsroom/stats', `/newsroom/stats?section=${section}`,
                        `/newsroom/stats?article=${first.id}`, '/newsroom/stats?reporter=1']) {
    pages.push(await (await page.request.get(`${base}${target}`)).text());
  }
  run.checkHtml('the 통계 pages', pages);
}

await run.execute(main, out);
