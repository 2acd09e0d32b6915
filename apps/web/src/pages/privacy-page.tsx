import { Text } from '@mantine/core';
import { LegalLink, LegalPage, LegalSection, Placeholder } from '../components/legal.tsx';

/** Privacy Policy: a template, accurate about what TextAI Studio stores; the operator completes it. */
export default function PrivacyPage() {
  return (
    <LegalPage
      title="Privacy Policy"
      intro={
        <>
          This policy explains what this TextAI Studio server, run by <Placeholder>Operator name</Placeholder>
          , stores about you, why, for how long, and what you can do about it.
        </>
      }
    >
      <LegalSection id="privacy-who" title="Who is responsible">
        <Text>
          <Placeholder>Operator name</Placeholder>, <Placeholder>Postal address</Placeholder>, is responsible
          for the personal data this service processes. Contact: <Placeholder>Contact email</Placeholder>.{' '}
          <Placeholder>Data protection officer and their contact, if you have one</Placeholder>.
        </Text>
      </LegalSection>

      <LegalSection id="privacy-short" title="In short">
        <ul>
          <li>
            The text you analyse is processed on this server, by models that run here. It is not sent to any
            other company or service.
          </li>
          <li>There is no advertising, no tracking and no third-party analytics. Nothing is sold.</li>
          <li>
            You can use the tools without an account. With an account you get a history, which you control:
            you can turn off keeping your texts, delete entries, export everything, or delete the account.
          </li>
        </ul>
      </LegalSection>

      <LegalSection id="privacy-what" title="What is stored, and for how long">
        <ul>
          <li>
            <strong>Your account</strong> (when you sign up): username, email address, your password as a
            bcrypt hash only (the password itself is never stored), your tier, whether the account is enabled,
            your choice about storing inputs, and when the account was created and its password last changed.
            Kept until you delete the account.
          </li>
          <li>
            <strong>Sessions</strong>: when you log in, your browser gets a random session token in a cookie
            that scripts cannot read (HttpOnly), plus a second cookie against cross-site request forgery (see
            the <LegalLink to="/cookies">Cookie Policy</LegalLink>). The server keeps a hash of the token, the
            times the session started and was last used, and the IP address and browser name (user agent) it
            came from. A session ends when you log out, after <Placeholder>30</Placeholder> minutes without
            activity, or after <Placeholder>12</Placeholder> hours at most (the server settings
            SESSION_TIMEOUT_MIN and SESSION_MAX_AGE_HOURS), and is then deleted.
          </li>
          <li>
            <strong>History</strong> (logged-in use of the tools): for each call, the tool, the time, the
            model and its version, how long it took, the result&apos;s label and figures, and an excerpt of
            your input (its first <Placeholder>200</Placeholder> characters, setting HISTORY_EXCERPT_CHARS).
            If you turn off storing inputs for your account, no text is kept: only labels and figures. History
            is deleted automatically after <Placeholder>90</Placeholder> days (setting
            HISTORY_RETENTION_DAYS), and you can delete any entry, or all of it, sooner.
          </li>
          <li>
            <strong>Use without an account</strong>: each call is counted (tool, time, label, duration) for
            the operator&apos;s statistics, with neither your text nor its result, and nothing that identifies
            you. Your IP address is used to apply the hourly request limit: it is held in the server&apos;s
            memory (or its Redis cache) for up to an hour.
          </li>
          <li>
            <strong>File jobs</strong> (batch processing): the rows of the file you upload, its name and size,
            the results and the job&apos;s progress. They are deleted automatically{' '}
            <Placeholder>7</Placeholder> days after the job (setting JOB_RETENTION_DAYS), or sooner when you
            delete the job.
          </li>
          <li>
            <strong>API keys</strong>: stored as a hash, with the key&apos;s name, scopes, its first and last
            characters (so you can recognise it), and when it was created, last used and expires. The full key
            is shown to you once and cannot be recovered.
          </li>
          <li>
            <strong>Password resets</strong>: a hash of the one-time token, valid for 24 hours.{' '}
            <Placeholder>
              If reset emails are turned on: your email address and the link pass through the mail service of
              [Mail provider]
            </Placeholder>
            .
          </li>
          <li>
            <strong>Security log</strong>: sign-ups, logins, failed logins (with the username that was tried),
            logouts, password changes and resets, API keys created and revoked, and changes an administrator
            makes to accounts, each with the time, the account id and the IP address. Kept for{' '}
            <Placeholder>Audit log retention period</Placeholder>. When you delete your account, the log keeps
            only that an account (by its id) was deleted.
          </li>
          <li>
            <strong>Server logs</strong>: each request&apos;s time, method, path, status and IP address (never
            passwords, keys or cookies). Kept for <Placeholder>Log retention period</Placeholder>.
          </li>
          <li>
            <strong>Backups</strong>:{' '}
            <Placeholder>
              If backups are set up: encrypted copies of the database, kept for 30 days (setting
              BACKUP_RETENTION_DAYS)
            </Placeholder>
            .
          </li>
        </ul>
      </LegalSection>

      <LegalSection id="privacy-why" title="Why, and on what legal basis">
        <Text>
          The data above is used to provide the service you ask for (your account, your history, your jobs),
          to keep it secure (sessions, the security log, rate limits) and to run it (logs, counts).{' '}
          <Placeholder>
            Legal bases under the law that applies to you, e.g. contract and legitimate interests
          </Placeholder>
          .
        </Text>
      </LegalSection>

      <LegalSection id="privacy-who-sees" title="Who can see it">
        <Text>
          The administrators of this server can see the list of accounts (username, email, tier, creation
          date), the security log and usage statistics. They cannot see your password or your API keys. No one
          else receives your data, except the providers that host this service for the operator:{' '}
          <Placeholder>Hosting provider, mail provider, or “none”</Placeholder>.
        </Text>
      </LegalSection>

      <LegalSection id="privacy-rights" title="Your choices and rights">
        <ul>
          <li>
            In <LegalLink to="/settings">Settings</LegalLink> you can export everything stored about you as a
            JSON file, and delete your account: that deletes the account with its sessions, API keys, history
            and jobs.
          </li>
          <li>You can turn storing inputs off, and delete history entries and jobs, at any time.</li>
          <li>
            For anything else (access, correction, objection…) write to{' '}
            <Placeholder>Contact email</Placeholder>. You may also complain to{' '}
            <Placeholder>Supervisory authority</Placeholder>.
          </li>
        </ul>
      </LegalSection>

      <LegalSection id="privacy-security" title="Security">
        <Text>
          Passwords are hashed with bcrypt; session tokens, API keys and reset tokens are stored only as
          hashes. The site loads nothing from other domains.{' '}
          <Placeholder>HTTPS and the other measures you take</Placeholder>.
        </Text>
      </LegalSection>

      <LegalSection id="privacy-changes" title="Changes">
        <Text>
          <Placeholder>How you will tell users about changes to this policy</Placeholder>.
        </Text>
      </LegalSection>
    </LegalPage>
  );
}
