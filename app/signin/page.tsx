import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oidcPublicInfo } from "@/lib/auth/oidc";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = params.callbackUrl?.startsWith("/") ? params.callbackUrl : "/";
  const sso = oidcPublicInfo();
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Changegate</h1>
        <p className="mt-1 text-sm text-slate-500">Change requests, approvals and safe deployments.</p>
        <SignInForm callbackUrl={callbackUrl} ssoName={sso?.name} initialError={signInErrorMessage(params.error, sso)} />
      </div>
    </main>
  );
}
