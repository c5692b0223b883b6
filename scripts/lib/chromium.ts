// Playwright drives Debian's Chromium (no browser download is possible here).
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

export function ensureChromium(): string {
  const wanted = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(wanted)) return wanted;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${wanted} does not exist.`);
  if (process.getuid?.() !== 0) {
    throw new Error("Chromium is missing. Install it with `sudo apt-get install -y chromium` or set CHROMIUM_PATH to a Chromium binary.");
  }
  console.log("Installing Debian's chromium for the browser tests …");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  if (!existsSync(wanted)) throw new Error("apt-get install chromium finished but /usr/bin/chromium is still missing.");
  return wanted;
}
