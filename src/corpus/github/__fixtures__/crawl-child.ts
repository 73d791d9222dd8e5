// Child-process entry for the kill-and-resume test: crawl one repository of a fake GitHub into a
// workspace and print the summary as JSON. Usage: node --import tsx crawl-child.ts <workspace> <api-url> <owner/name>

import { crawlPullRequests } from '../crawl-pull-requests.js';
import { createGitHubClient } from '../github-client.js';
import { parseRepository } from '../repository-name.js';

const [workspace, apiUrl, repository] = process.argv.slice(2);
if (!workspace || !apiUrl || !repository) {
  process.stderr.write('usage: crawl-child.ts <workspace> <api-url> <owner/name>\n');
  process.exit(2);
}
const octokit = createGitHubClient({
  baseUrl: apiUrl,
  userAgent: 'infralm-test',
  retryBaseMilliseconds: 1,
  sleep: async () => {},
});
const summary = await crawlPullRequests({
  workspace,
  octokit,
  baseUrl: apiUrl,
  repositories: [parseRepository(repository)],
  onProgress: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
});
process.stdout.write(`${JSON.stringify({ type: 'summary', summary })}\n`);
