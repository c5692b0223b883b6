// The control API's Parameter Store routes: list and inspect parameters, edit one by hand (a change
// outside Changegate, as from the AWS console: no version check, the version moves), delete one,
// and read the write journal.
import type { z } from "zod";
import {
  putParameterSchema,
  type SandboxParameterVersionView,
  type SandboxParameterView,
  type SandboxParameterWriteView,
} from "./control-contract";
import { ControlError } from "./http";
import { latest, pathPrefix, userArn } from "./ssm-rules";
import type { SandboxStore } from "./store";
import type { SsmParameter } from "./types";

export type ControlHandler = (ctx: { store: SandboxStore; params: string[]; body: () => unknown; query: URLSearchParams }) => unknown;
type Parse = <S extends z.ZodType>(schema: S, value: unknown) => z.output<S>;

export function ssmControlRoutes(parse: Parse): [string, RegExp, ControlHandler][] {
  return [
    ["GET", /^\/parameters$/, ({ store, query }) => {
      const path = query.get("path");
      const prefix = path ? pathPrefix(path) : "";
      return { parameters: store.ssm.list().filter((p) => p.name.startsWith(prefix)).map(parameterView) };
    }],
    ["GET", /^\/parameters\/history$/, ({ store, query }) => {
      const p = store.ssm.get(requiredName(query));
      const versions: SandboxParameterVersionView[] = p.versions.map((v) => ({
        version: v.version,
        value: v.value,
        description: v.description,
        lastModified: new Date(v.lastModified).toISOString(),
        lastModifiedUser: v.lastModifiedUser,
      }));
      return { name: p.name, versions };
    }],
    ["PUT", /^\/parameters$/, ({ store, body }) => {
      const input = parse(putParameterSchema, body());
      store.ssm.put({ ...input, overwrite: true }, userArn(input.user), "control");
      return parameterView(store.ssm.get(input.name));
    }],
    ["DELETE", /^\/parameters$/, ({ store, query }) => {
      const name = requiredName(query);
      store.ssm.delete(name);
      return { deleted: name };
    }],
    ["GET", /^\/parameter-writes$/, ({ store, query }) => {
      const after = Number(query.get("afterSeq") ?? 0);
      const writes: SandboxParameterWriteView[] = store.ssm.writes
        .filter((w) => w.seq > after)
        .map((w) => ({ ...w, at: new Date(w.at).toISOString() }));
      return { writes };
    }],
  ];
}

function requiredName(query: URLSearchParams): string {
  const name = query.get("name");
  if (!name) throw new ControlError(400, "name (query) is required");
  return name;
}

export function parameterView(p: SsmParameter): SandboxParameterView {
  const v = latest(p);
  return {
    name: p.name,
    value: v.value,
    version: v.version,
    type: v.type,
    tier: v.tier,
    description: v.description,
    lastModified: new Date(v.lastModified).toISOString(),
    lastModifiedUser: v.lastModifiedUser,
    versionCount: p.versions.length,
  };
}
