import Link from "next/link";
import { NotFoundMessage } from "@/components/layout/not-found-message";
import { TopNav } from "@/components/layout/top-nav";
import { getActor } from "@/lib/auth/session";
import { navCounts } from "@/lib/server/my-work";

export const metadata = { title: "Not found" };

// An address no route matches renders outside the portal's layout: the header is drawn here.
export default async function NotFound() {
  const actor = await getActor();
  return (
    <>
      {actor ? (
        <TopNav actor={actor} counts={await navCounts(actor)} />
      ) : (
        <header className="bg-slate-900 px-4 py-3 text-white">
          <div className="mx-auto flex max-w-7xl items-center justify-between">
            <Link href="/" className="text-lg font-semibold">Changegate</Link>
            <Link href="/signin" className="text-sm text-slate-200 hover:text-white">Sign in</Link>
          </div>
        </header>
      )}
      <main className="mx-auto max-w-7xl px-4 py-6">
        <NotFoundMessage />
      </main>
    </>
  );
}
