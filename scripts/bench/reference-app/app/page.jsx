// One dynamic page: a nav of seven links and a paragraph, rendered per request (it reads the
// request's headers, as a signed-in page reads its cookie).
import Link from "next/link";
import { headers } from "next/headers";

const LINKS = ["Changes", "Calendar", "CAB", "Deployments", "History", "Metrics", "Services"];

export default async function Page() {
  const agent = (await headers()).get("user-agent") ?? "someone";
  return (
    <>
      <nav aria-label="Main">
        <ul>
          {LINKS.map((l) => (
            <li key={l}>
              <Link href={`/${l.toLowerCase()}`}>{l}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        <p>Rendered for {agent} at {new Date().toISOString()}.</p>
      </main>
    </>
  );
}
