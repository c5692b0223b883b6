"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/vocabulary";

type Action = (form: FormData) => Promise<ActionResult<unknown>>;
interface UserRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  disabled: boolean;
  teamId: string | null;
  slackUserId: string | null;
}
interface Team {
  id: string;
  name: string;
}

function RoleChecks({ selected, idPrefix }: { selected: Role[]; idPrefix: string }) {
  return (
    <fieldset className="flex flex-wrap gap-x-3 gap-y-1">
      <legend className="sr-only">Roles</legend>
      {ROLES.map((r) => (
        <label key={r} htmlFor={`${idPrefix}-${r}`} className="flex items-center gap-1 text-xs">
          <input id={`${idPrefix}-${r}`} type="checkbox" name="roles" value={r} defaultChecked={selected.includes(r)} />
          {ROLE_LABELS[r]}
        </label>
      ))}
    </fieldset>
  );
}

function TeamSelect({ teams, value, id }: { teams: Team[]; value?: string | null; id?: string }) {
  return (
    <select name="teamId" id={id} defaultValue={value ?? ""} className={inputClass} aria-label={id ? undefined : "Team"}>
      <option value="">No team</option>
      {teams.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </select>
  );
}

export function UserAdmin({ users, teams, createUser, updateUser }: { users: UserRow[]; teams: Team[]; createUser: Action; updateUser: Action }) {
  return (
    <div className="space-y-6">
      <ActionForm action={createUser} resetOnSuccess success="User created." label="New user" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold">New user</h2>
        <div className="grid gap-3 md:grid-cols-4">
          <Field label="Full name" htmlFor="new-user-name">
            <input id="new-user-name" name="name" autoComplete="off" className={inputClass} />
          </Field>
          <Field label="Email" htmlFor="new-user-email" hint="They sign in with it.">
            <input id="new-user-email" name="email" type="email" autoComplete="off" placeholder="name@company.com" className={inputClass} />
          </Field>
          <Field label="Initial password" htmlFor="new-user-password" hint="At least 10 characters; tell them to change it.">
            <input id="new-user-password" name="password" type="password" autoComplete="new-password" className={inputClass} />
          </Field>
          <Field label="Team" htmlFor="new-user-team">
            <TeamSelect teams={teams} id="new-user-team" />
          </Field>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Roles</legend>
          <div className="mt-1">
            <RoleChecks selected={["ENGINEER"]} idPrefix="new" />
          </div>
        </fieldset>
        <Button type="submit">Create user</Button>
      </ActionForm>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="block min-w-full text-sm sm:table">
          <thead className="hidden bg-slate-50 text-left text-xs uppercase text-slate-500 sm:table-header-group">
            <tr>
              <th className="px-3 py-2">User</th>
              <th className="px-3 py-2">Roles, team and status</th>
            </tr>
          </thead>
          <tbody className="block divide-y divide-slate-100 sm:table-row-group">
            {users.map((u) => (
              // On a phone each user is a block: name above the controls, nothing cut off.
              <tr key={u.id} className={`block sm:table-row ${u.disabled ? "bg-slate-50 text-slate-500" : ""}`}>
                <td className="block px-3 pt-2 align-top sm:table-cell sm:py-2">
                  <div className="font-medium">{u.name}</div>
                  <div className="text-xs text-slate-500">{u.email}</div>
                </td>
                <td className="block px-3 pb-3 sm:table-cell sm:py-2">
                  <ActionForm
                    action={updateUser}
                    success="Saved."
                    label={`Edit ${u.name}`}
                    className="space-y-2"
                    confirmFirst={(f) =>
                      !u.disabled && f.get("disabled") === "on"
                        ? {
                            title: `Disable ${u.name}?`,
                            body: `${u.name} (${u.email}) is signed out and can no longer sign in, vote or approve. Their change requests, votes and history stay. You can enable the account again here.`,
                            confirm: "Disable account",
                          }
                        : null
                    }
                  >
                    <input type="hidden" name="id" value={u.id} />
                    <input type="hidden" name="name" value={u.name} />
                    <RoleChecks selected={u.roles} idPrefix={u.id} />
                    <div className="flex flex-wrap items-center gap-3">
                      <div className="w-48"><TeamSelect teams={teams} value={u.teamId} /></div>
                      <input name="slackUserId" defaultValue={u.slackUserId ?? ""} placeholder="Slack member id" aria-label={`Slack member id of ${u.name}`} className={`${inputClass} w-40`} />
                      <label className="flex items-center gap-1 text-xs">
                        <input type="checkbox" name="disabled" defaultChecked={u.disabled} /> Disabled
                      </label>
                      <Button type="submit" variant="secondary">Save</Button>
                    </div>
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
