import { describe, expect, it } from 'vitest';
import { botReason, isBotAccount } from './bot-accounts.js';

describe('isBotAccount', () => {
  it('knows bots by type, by [bot] login, by name and by -bot/-robot suffix', () => {
    expect(botReason({ login: 'dependabot[bot]', type: 'Bot' })).toBe('type');
    expect(botReason({ login: 'renovate[bot]', type: 'User' })).toBe('login-suffix');
    expect(botReason({ login: 'codecov-commenter', type: 'User' })).toBe('known-login');
    expect(botReason({ login: 'CodeRabbitAI', type: 'User' })).toBe('known-login');
    expect(botReason({ login: 'k8s-ci-robot', type: 'User' })).toBe('known-login');
    expect(botReason({ login: 'tfsec_bot' })).toBe('known-login');
  });

  it('does not flag people whose names merely contain "bot"', () => {
    for (const login of ['abbot', 'robotics-lab', 'botanist', 'talbot', 'octocat']) {
      expect(isBotAccount({ login, type: 'User' }), login).toBe(false);
    }
    expect(isBotAccount(null)).toBe(false);
  });
});
