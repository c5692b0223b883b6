import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oidcEnabled } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = params.callbackUrl?.startsWith("/") ? params.callbackUrl : "/";
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Changegate</h1>
        <p className="mt-1 text-sm text-slate-500">Change requests, approvals and safe deployments.</p>
        <SignInForm callbackUrl={callbackUrl} sso={oidcEnabled()} initialError={params.error === "CredentialsSignin" ? undefined : params.error} />
      </div>
    </main>
  );
}
