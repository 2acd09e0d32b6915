import { passwordChecks } from '../auth/password-rules.ts';
import { CheckIcon, CrossIcon } from './icons.tsx';

/**
 * The password rules, ticked as you type. Spans with list roles, not <ul>: Mantine renders a
 * field's description in a <p>, and the description is what the field's aria-describedby points to.
 * Without a username (a reset link does not say whose it is) the username rule is left to the server.
 */
export function PasswordRules({ password, username }: { password: string; username?: string }) {
  const checks = passwordChecks(password, username ?? '').filter(
    (check) => username !== undefined || check.label !== 'Does not contain your username',
  );
  const state = (ok: boolean) => (ok ? 'met' : password === '' ? 'pending' : 'unmet');
  const serverRules = [
    ...(username === undefined ? ['Does not contain your username'] : []),
    'Not a common password',
  ];
  return (
    <span role="list" className="password-rules">
      {checks.map((check) => (
        <span role="listitem" key={check.label} className="password-rule" data-state={state(check.ok)}>
          {check.ok ? <CheckIcon size={14} /> : <CrossIcon size={14} />}
          <span>
            {check.label}
            <span className="visually-hidden">{check.ok ? ' (met)' : ' (not met yet)'}</span>
          </span>
        </span>
      ))}
      {serverRules.map((rule) => (
        <span role="listitem" key={rule} className="password-rule" data-state="pending">
          <span className="rule-dot" aria-hidden="true" />
          <span>{rule} (the server checks this)</span>
        </span>
      ))}
    </span>
  );
}
