import { ok, type TestApp } from './test-app';

const STEP = (name: string) =>
  `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { issue { status } userErrors { code message } } }`;

/**
 * Takes one step of an issue's workflow (`acceptIssue`, `resolveIssue`, `closeIssue`…) as a caller,
 * expecting it to pass: for tests that need issues in a state, not for the workflow's refusals.
 */
export function issueStepper(app: TestApp) {
  return async (name: string, issueId: string, as: string, extra: Record<string, unknown> = {}): Promise<void> => {
    const res = ok(
      await app.request<Record<string, { userErrors: unknown[] }>, Record<string, unknown>>(
        STEP(name),
        { input: { issueId, ...extra } },
        { as },
      ),
    );
    expect(res[name].userErrors).toEqual([]);
  };
}
