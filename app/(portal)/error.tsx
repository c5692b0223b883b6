"use client";
// A page that failed to render: a plain sentence, the reference the server logged the error under
// (Next's digest), and a retry — never a stack trace.
import Link from "next/link";
import { useEffect } from "react";

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-6 text-sm shadow-sm">
      <h1 className="text-xl font-semibold text-red-800">Something went wrong on this page</h1>
      <p className="mt-2 text-slate-600">
        Try again; if it keeps failing, give an admin this reference: the server logged the details under it.
      </p>
      {error.digest && (
        <p className="mt-3">
          Reference: <span className="font-mono" data-testid="error-reference">{error.digest}</span>
        </p>
      )}
      <p className="mt-4 flex gap-4">
        <button type="button" onClick={reset} className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">Try again</button>
        <Link href="/" className="self-center font-medium text-indigo-700 hover:underline">My work</Link>
      </p>
    </div>
  );
}
