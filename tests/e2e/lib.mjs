// What the browser tests share: their options, a demo paper, a real `sinmun serve` on port 0,
// Debian's Chromium through playwright-core, and TAP-like "ok / not ok" lines.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

// Headless Chromium's own user agent is listed as a bot, whose comments, views and forms are
// dropped: readers of the tests present a desktop Chrome's.
export const readerAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
                           'Chrome/120.0.0.0 Safari/537.36';
export const phone = { width: 360, height: 740 };

// Adds `settings` ({ section: 'key = value\n…' }) to the paper's sinmun.toml: every reader of a
// test comes from 127.0.0.1, so the per-visitor pauses and the forms' minimum fill time are
// switched off, or each post would wait for them.
export function relaxLimits(data, settings) {
  const file = path.join(data, 'sinmun.toml');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const [section, lines] of Object.entries(settings)) {
    if (text.includes(`[${section}]`)) {
      text = text.replace(`[${section}]`, `[${section}]\n${lines}`);
    } else {
      text += `\n[${section}]\n${lines}\n`;
    }
  }
  writeFileSync(file, text);
}

export function parseOptions() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
  };
  const out = path.resolve(option('--out', 'build/e2e'));
  mkdirSync(out, { recursive: true });
  return { binary: path.resolve(option('--binary', 'build/sinmun')), out };
}

// Signs `account` ({ email, password }) in to the newsroom in `page` and waits for the desk.
export async function logIn(page, base, account) {
  await page.goto(`${base}/newsroom/login`);
  await page.fill('#email', account.email);
  await page.fill('#password', account.password);
  await Promise.all([page.waitForURL(`${base}/newsroom`), page.click('button[type=submit]')]);
}

// One run: a temporary folder, the server and browser it started, and the tally.
export class Run {
  constructor(binary) {
    this.binary = binary;
    this.work = mkdtempSync(path.join(tmpdir(), 'sinmun-e2e-'));
    this.data = path.join(this.work, 'paper');
    this.server = null;
    this.passed = 0;
    this.failed = 0;
    this.cspViolations = [];
    this.htmlChecks = [];
  }

  // Chromium reports what the Content-Security-Policy blocked on the console: a script,
  // a style or an inline handler the pages still need would show up here (issue #17).
  watchCsp(page) {
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
        this.cspViolations.push(`${page.url()}: ${message.text()}`);
      }
    });
  }

  check(what, condition) {
    if (condition) {
      this.passed += 1;
      console.log(`ok - ${what}`);
    } else {
      this.failed += 1;
      console.log(`not ok - ${what}`);
    }
  }

  // Writes `pages` (HTML texts as the server sent them) to a folder of their own, to be checked
  // with the Nu Html Checker (npm vnu-jar, run by Debian's java) when the run ends: one check,
  // named "`what` pass the Nu Html Checker", with the checker's report when it fails.
  checkHtml(what, pages) {
    const dir = path.join(this.work, `html-${this.htmlChecks.length}`);
    mkdirSync(dir);
    pages.forEach((html, n) => writeFileSync(path.join(dir, `page${n}.html`), html));
    this.htmlChecks.push({ what, dir });
  }

  // Starts the Nu Html Checker on every folder of checkHtml at once and resolves to a function
  // that makes their checks: a JVM start and the checker's schemas cost seconds of CPU, a folder
  // more little. A report line names its file, hence its folder; anything else (the JVM's own
  // errors) fails every check.
  startHtmlChecks() {
    const checks = this.htmlChecks;
    this.htmlChecks = [];
    if (checks.length === 0) return Promise.resolve(() => {});
    const vnu = path.resolve(path.dirname(new URL(import.meta.url).pathname),
                             '../../node_modules/vnu-jar/build/dist/vnu.jar');
    // The JVM's quick compiler alone and its simplest collector: less than half the CPU of its
    // defaults for one short check (tests/integration/sinmun_process.cpp does the same).
    const java = spawn('java', ['-Xss4m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC',
                                '-jar', vnu, '--errors-only', '--format', 'gnu',
                                ...checks.map((check) => check.dir)],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    java.stdout.on('data', (chunk) => { output += chunk; });
    java.stderr.on('data', (chunk) => { output += chunk; });
    return new Promise((resolve) => {
      const done = (status) => resolve(() => {
        const lines = output.split('\n').filter((line) => line.trim() !== '');
        const ownerOf = (line) => checks.findIndex((check) => line.includes(`${check.dir}/`));
        const unowned = lines.filter((line) => ownerOf(line) < 0);
        if (status !== 0 && lines.length === 0) unowned.push(`the checker exited ${status} without a report`);
        checks.forEach((check, n) => {
          const report = lines.filter((line) => ownerOf(line) === n).concat(unowned).join('\n');
          this.check(`${check.what} pass the Nu Html Checker${report ? `:\n${report}` : ''}`, report === '');
        });
      });
      java.on('error', (error) => { output += `${error}\n`; done(-1); });
      java.on('close', (status) => done(status));
    });
  }

  // A copy of the demo paper of `articles` articles in this run's folder; returns the demo
  // accounts from its one-time password lines ("  reporter reporter@… PASSWORD"). The paper is
  // made once for this build of the binary and kept beside it in test-demo-papers/, as the
  // integration tests keep theirs (tests/integration/sinmun_process.cpp): the demo's photos and
  // password hashes cost seconds of CPU, and every test gets its own copy all the same. Tests
  // running side by side may both make it; the first to finish keeps it.
  makePaper(articles = 30) {
    const args = ['--articles', String(articles)];
    const binary = statSync(this.binary, { bigint: true });
    const key = createHash('sha256').update(`${binary.size}:${binary.mtimeNs}\n${args.join('\n')}`)
      .digest('hex').slice(0, 16);
    const cache = path.join(path.dirname(this.binary), 'test-demo-papers', `e2e-${key}`);
    const printed = path.join(cache, 'demo-output.txt');
    if (!existsSync(printed)) {
      mkdirSync(path.dirname(cache), { recursive: true });
      const making = mkdtempSync(`${cache}.making-`);
      const demo = spawnSync(this.binary, ['demo', '--data', path.join(making, 'paper'), ...args],
                             { encoding: 'utf8' });
      if (demo.status !== 0) {
        rmSync(making, { recursive: true, force: true });
        throw new Error(`sinmun demo failed: ${demo.stdout}${demo.stderr}`);
      }
      writeFileSync(path.join(making, 'demo-output.txt'), demo.stdout);
      try {
        renameSync(making, cache);
      } catch {
        rmSync(making, { recursive: true, force: true });  // another test kept its paper first
      }
    }
    cpSync(path.join(cache, 'paper'), this.data, { recursive: true });
    const output = readFileSync(printed, 'utf8');
    const accounts = {};
    for (const line of output.split('\n')) {
      const match = line.match(/^\s+(admin|editor|reporter|ombudsman)\s+(\S+@\S+)\s+(\S+)\s*$/);
      if (match) accounts[match[1]] = { email: match[2], password: match[3] };
    }
    if (!accounts.reporter || !accounts.editor) throw new Error(`no demo accounts in: ${output}`);
    return accounts;
  }

  // Starts `sinmun serve` and resolves to its base URL once it prints it.
  startServer() {
    return new Promise((resolve, reject) => {
      this.server = spawn(this.binary, ['serve', '--data', this.data, '--listen', '127.0.0.1:0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 20000);
      const read = (chunk) => {
        output += chunk;
        const match = output.match(/serving .* on (http:\/\/127\.0\.0\.1:\d+)/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      this.server.stdout.on('data', read);
      this.server.stderr.on('data', read);
      this.server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
    });
  }

  // A fresh browser context: no cookies, no storage, nothing shared with the others, as a new
  // visitor's browser. One Chromium serves every context of the run: starting a browser costs
  // seconds of CPU, a context milliseconds. `name` names the visitor for the test's reader.
  // `options` go to Playwright's context.
  async browser(name, options = {}) {
    this.chromium ??= await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await this.chromium.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ko-KR',
      ...options,
    });
    for (const existing of context.pages()) this.watchCsp(existing);
    context.on('page', (opened) => this.watchCsp(opened));
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15000);
    return { context, page };
  }

  // Runs `main`, then checks the pages given to checkHtml while it closes everything, and sets
  // the exit code. Closing the browser closes its contexts.
  async execute(main, out) {
    try {
      await main();
      this.check(`no Content-Security-Policy violations${this.cspViolations.length
        ? ':\n  ' + this.cspViolations.join('\n  ') : ''}`, this.cspViolations.length === 0);
    } catch (error) {
      this.failed += 1;
      console.log(`not ok - ${error.stack || error}`);
    } finally {
      const htmlChecks = this.startHtmlChecks();
      if (this.chromium) await this.chromium.close().catch(() => {});
      if (this.server) this.server.kill('SIGTERM');
      (await htmlChecks)();
      rmSync(this.work, { recursive: true, force: true });
      console.log(`screenshots: ${out}`);
      console.log(`${this.passed} passed, ${this.failed} failed`);
      process.exitCode = this.failed === 0 ? 0 : 1;
    }
  }
}
