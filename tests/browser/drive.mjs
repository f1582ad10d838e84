// Drives the HTML report in headless Chromium as an editor would: hover a
// figure, click one, filter by verdict, print. Writes PNG screenshots.
//   node drive.mjs REPORT_HTML OUT_DIR   (needs playwright-core; run by screenshot.sh)
import { chromium } from "playwright-core";

const [report, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const requests = [];
page.on("request", (r) => { if (!r.url().startsWith("file://")) requests.push(r.url()); });
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
await page.goto("file://" + report);

await page.hover("mark.m.v-mismatch >> nth=0");
await page.screenshot({ path: `${out}/hover-mismatch.png` });

// A Chinese claim: scroll to it and click.
const undecided = page.locator("mark.m.v-undecided").first();
await undecided.scrollIntoViewIfNeeded();
await undecided.click();
await page.mouse.move(5, 5);
await page.screenshot({ path: `${out}/click-undecided.png` });
const open = await page.locator("article.claim.open").getAttribute("data-id");

await page.keyboard.press("Escape");
await page.uncheck(".filter input[data-verdict=ok]");
await page.screenshot({ path: `${out}/filter-hide-ok.png` });

await page.emulateMedia({ media: "print" });
await page.screenshot({ path: `${out}/print.png`, fullPage: false });

console.log(JSON.stringify({ opened: open, requests, errors }));
await browser.close();
if (requests.length || errors.length || !open) process.exit(1);
