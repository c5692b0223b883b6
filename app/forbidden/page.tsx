import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">You are not allowed to see this page</h1>
      <p className="mt-2 text-slate-600">Your roles do not include this part of Changegate. Ask an administrator if you need access.</p>
      <Link href="/" className="mt-6 inline-block text-indigo-600 hover:underline">
        Back to the portal
      </Link>
    </main>
  );
}
