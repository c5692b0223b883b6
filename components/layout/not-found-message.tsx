import Link from "next/link";

/** What an unknown page or a change one may not see says (both are "not found", so nothing leaks). */
export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 text-sm shadow-sm">
      <p className="font-mono text-xs text-slate-500">404</p>
      <h1 className="mt-1 text-xl font-semibold">This page does not exist</h1>
      <p className="mt-2 text-slate-600">
        The address may be mistyped, or what it pointed to was removed or is not visible to you (another person&apos;s draft, for example). A change can be opened by its
        number too: <span className="font-mono">/changes/CR-2026-021</span>.
      </p>
      {/* A plain GET form: it works before any script loads and lands on the change list's own search. */}
      <form action="/changes" method="get" role="search" className="mt-4 flex gap-2">
        <label htmlFor="not-found-q" className="sr-only">Search changes</label>
        <input id="not-found-q" name="q" type="search" placeholder="Summary or CR-2026-021" className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5" />
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">Search changes</button>
      </form>
      <p className="mt-4 flex gap-4">
        <Link href="/" className="font-medium text-indigo-700 hover:underline">My work</Link>
        <Link href="/changes" className="font-medium text-indigo-700 hover:underline">All changes</Link>
      </p>
    </div>
  );
}
