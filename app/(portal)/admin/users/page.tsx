import { UserAdmin } from "@/components/admin/user-admin";
import { requirePagePermission } from "@/lib/auth/session";
import { listUsersForAdmin } from "@/lib/server/manage-users";
import { createUserAction, updateUserAction } from "../actions";

export const metadata = { title: "Users and roles" };

export default async function UsersPage() {
  const actor = await requirePagePermission("admin:users", "/admin/users");
  const { users, teams } = await listUsersForAdmin(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Users and roles</h1>
      <UserAdmin users={users} teams={teams} createUser={createUserAction} updateUser={updateUserAction} />
    </div>
  );
}
