/** What a developer sees first in the playground: how to get a token and where to put it. */
export const DEFAULT_QUERY = `# Steward GraphQL playground (policy 4051)
#
# 1. Get a development token (seeded people only; refused in production):
#      mutation { devLogin(email: "admin@demo.k12.example") { token expiresAt } }
# 2. Open "Headers" below and put it there:
#      {"Authorization": "Bearer <token>"}
#    (Signed in to the dashboard in this browser? Your token is already filled in.)
# 3. Press the run button. Every type and field is documented in the Docs panel.

query Me {
  me { id fullName email roles }
}
`;

/** Header editor contents (JSONC: comments allowed), with the dashboard's token if any. */
export function defaultHeaders(token: string | null): string {
  if (token) return JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
  return [
    '{',
    '  // Paste the token from devLogin, then remove the // below:',
    '  // "Authorization": "Bearer <token>"',
    '}',
  ].join('\n');
}
