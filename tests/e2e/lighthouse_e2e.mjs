// Lighthouse (issue #19), in its default mobile emulation through Debian's Chromium, against a
// real `sinmun serve` on a demo paper with pictures: accessibility, best practices and SEO are
// 100 on the front page, a section page, an article with photos in its body and a 포토뉴스
// gallery. These three categories do not depend on timing; performance does, so it is never
// asserted here (bench/lighthouse.sh measures it for docs/BENCHMARKS.md). A failing page names
// the audits that failed. Console errors that Lighthouse saw (its errors-in-console audit) that
// name the Content-Security-Policy count as CSP violations, as in the other browser tests.
//
//   node tests/e2e/lighthouse_e2e.mjs --binary build/sinmun
//
// Exit code 0 when every step passed; the last line says "N passed, N failed".
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { Run, parseOptions } from './lib.mjs';

const { binary, out } = parseOptions();
const run = new Run(binary);
const categories = ['accessibility', 'best-practices', 'seo'];

// The addresses of the links on `path` whose href matches `pattern`, first first, once each.
async function links(base, path, pattern) {
  const html = await (await fetch(`${base}${path}`)).text();
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
  return [...new Set(hrefs.filter((href) => pattern.test(href)))];
}

// The four page kinds of the issue, found on the paper as a reader would find them.
async function pagesToAudit(base) {
  const section = (await links(base, '/', /^\/section\/[^?#]+$/))[0];
  const gallery = (await links(base, '/photos', /^\/article\/\d+$/))[0];
  let article;
  for (const candidate of await links(base, section, /^\/article\/\d+$/)) {
    const html = await (await fetch(`${base}${candidate}`)).text();
    if (html.includes('class="lead-photo"') && html.includes('class="body-photo"')) {
      article = candidate;
      break;
    }
  }
  run.check(`the demo paper has a section (${section}), an article with photos in its body ` +
            `(${article}) and a gallery (${gallery})`, section && article && gallery);
  return { front: '/', section, article, gallery };
}

async function audit(port, base, name, path) {
  const { lhr } = await lighthouse(`${base}${path}`, {
    port, output: 'json', logLevel: 'error', onlyCategories: categories,
    // The report's picture of the whole page is for people reading it; nothing here looks at it.
    disableFullPageScreenshot: true,
    // A page is audited once it has loaded and its network and main thread have been quiet for
    // a quarter of a second. Lighthouse's default pauses (a second after the first paint and
    // after load, a second of quiet each) give its performance metrics time to settle; the
    // categories asserted here read the page as loaded, and bench/lighthouse.sh keeps the
    // defaults for performance. About a second and a half less a page (2026-12-07).
    pauseAfterFcpMs: 0, pauseAfterLoadMs: 0, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250,
  });
  if (lhr.runtimeError) {
    run.check(`${name} (${path}): Lighthouse ran: ${lhr.runtimeError.message}`, false);
    return;
  }
  for (const item of lhr.audits['errors-in-console'].details?.items ?? []) {
    if (String(item.description).includes('Content Security Policy')) {
      run.cspViolations.push(`${path}: ${item.description}`);
    }
  }
  for (const category of categories) {
    const failing = lhr.categories[category].auditRefs
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1)
      .map((a) => `${a.id}: ${a.title}${a.details?.items?.[0]?.node?.snippet
        ? ` (${a.details.items[0].node.snippet})` : ''}`);
    const score = Math.round(lhr.categories[category].score * 100);
    run.check(`${name} (${path}): ${category} ${score}${failing.length
      ? `:\n  ${failing.join('\n  ')}` : ''}`, score === 100);
  }
}

await run.execute(async () => {
  run.makePaper(300);
  const base = await run.startServer();
  const pages = await pagesToAudit(base);
  const chrome = await chromeLauncher.launch({
    chromePath: '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
                  '--disable-background-networking', '--disable-component-update',
                  '--disable-sync'],
  });
  try {
    for (const [name, path] of Object.entries(pages)) {
      if (path) await audit(chrome.port, base, name, path);
    }
  } finally {
    await chrome.kill();
  }
}, out);
// Lighthouse leaves a timer behind that kept node running for about 4 s after the last line.
process.exit();
