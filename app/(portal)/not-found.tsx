import { NotFoundMessage } from "@/components/layout/not-found-message";

export const metadata = { title: "Not found" };

// Inside the portal's layout: the navigation stays.
export default function PortalNotFound() {
  return <NotFoundMessage />;
}
