import Link from "next/link";
import { SamImport } from "@/components/services/sam-import";
import { requirePagePermission } from "@/lib/auth/session";
import { importSamServicesAction, previewSamImportAction } from "./actions";

export const metadata = { title: "Import from a SAM template" };

export default async function SamImportPage() {
  await requirePagePermission("admin:services", "/services/import");
  return (
    <div className="space-y-4">
      <div>
        <Link href="/services" className="text-sm text-indigo-700 hover:underline">← Services</Link>
        <h1 className="mt-1 text-2xl font-semibold">Import services from a SAM / CloudFormation template</h1>
        <p className="text-sm text-slate-600">
          Each <code>AWS::Serverless::Function</code> with <code>AutoPublishAlias</code> and <code>DeploymentPreference</code> becomes a proposed service: its alias, the strategy from <code>Type</code>, the pre/post-traffic hooks and the alarms that stop a deployment. Review it before anything is saved; what cannot be mapped is listed.
        </p>
      </div>
      <SamImport preview={previewSamImportAction} save={importSamServicesAction} />
    </div>
  );
}
