// A certified OpenID provider (panva/oidc-provider) for the single sign-on e2e tests, in its
// spec-default configuration: the ID token carries only `sub`; email, email_verified and name come
// from the userinfo endpoint. Sign-in uses its built-in dev login form (any login, any password):
// the login names an account of the in-memory table the spec fills through POST /_test/accounts.
// POST /_test/down {"down":true} makes the provider drop every connection, as an outage would.
//   tsx e2e/support/oidc-provider.ts --port 4680 --redirect http://localhost:3310/api/auth/callback/oidc
import http from "node:http";
import Provider from "oidc-provider";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const port = Number(arg("port", process.env.CHANGEGATE_E2E_OIDC_PORT ?? "4680"));
const issuer = `http://127.0.0.1:${port}`;

type Claims = { email?: string; email_verified?: boolean; name?: string; groups?: string[] };
const accounts = new Map<string, Claims>();
let down = false;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID ?? "changegate-e2e",
      client_secret: process.env.OIDC_CLIENT_SECRET ?? "changegate-e2e-secret",
      redirect_uris: [arg("redirect", "http://localhost:3100/api/auth/callback/oidc")],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
  cookies: { keys: ["changegate-e2e-oidc-cookie-key"] },
  async findAccount(_ctx, id) {
    const claims = accounts.get(id);
    return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
  },
});
const oidc = provider.callback();

async function admin(req: http.IncomingMessage, res: http.ServerResponse) {
  let body = "";
  for await (const chunk of req) body += chunk;
  const data = JSON.parse(body || "{}") as { id?: string; down?: boolean } & Claims;
  if (req.url === "/_test/accounts" && data.id) accounts.set(data.id, { email: data.email, email_verified: data.email_verified, name: data.name, groups: data.groups });
  else if (req.url === "/_test/down") down = data.down === true;
  else return res.writeHead(404).end();
  res.writeHead(204).end();
}

http
  .createServer((req, res) => {
    if (req.method === "POST" && req.url?.startsWith("/_test/")) return void admin(req, res);
    if (down) return void req.socket.destroy();
    oidc(req, res);
  })
  .listen(port, "127.0.0.1", () => console.log(`OIDC provider at ${issuer}`));
