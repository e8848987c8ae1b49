// A real OpenID Connect provider for the tests (the OpenID Certified `oidc-provider`), standing
// in for the force's Microsoft Entra ID. Usage: node provider.mjs PORT REDIRECT_URI
// Any username signs in at its development login form (any password); the account's groups
// come from OIDC_TEST_GROUPS, a JSON object {username: [group, ...]}.
import Provider from "oidc-provider";

const [port, redirectUri] = process.argv.slice(2);
const groups = JSON.parse(process.env.OIDC_TEST_GROUPS || "{}");

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: "spr-portal",
      client_secret: "spr-portal-test-secret",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  // Authorization code with PKCE, as the portal must use with Entra ID: refuse anything else.
  pkce: { required: () => true },
  scopes: ["openid", "email", "profile", "groups"],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["preferred_username", "name", "given_name", "family_name"],
    groups: ["groups"],
  },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({
      sub: id,
      email: `${id}@force.example`,
      email_verified: true,
      preferred_username: id,
      given_name: "Single",
      family_name: "Sign-on",
      name: "Single Sign-on",
      groups: groups[id] || [],
    }),
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["only-for-the-test-provider"] },
});

provider.listen(Number(port), "127.0.0.1", () => {
  console.log(`ready ${port}`);
});
