import { Table, Text } from '@mantine/core';
import { LegalLink, LegalPage, LegalSection, Placeholder } from '../components/legal.tsx';

const COOKIES = [
  {
    name: 'tai_session',
    purpose: 'Keeps you logged in: a random session token, signed by the server.',
    when: 'When you sign up or log in',
    lasts: (
      <>
        Until you log out, or <Placeholder>12</Placeholder> hours at most (SESSION_MAX_AGE_HOURS); the server
        ends it sooner after <Placeholder>30</Placeholder> idle minutes
      </>
    ),
    flags: 'HttpOnly (scripts cannot read it), SameSite=Lax, Secure over HTTPS',
  },
  {
    name: 'tai_csrf',
    purpose:
      'Protects your actions against cross-site request forgery: the page sends its value back with every change it asks for.',
    when: 'The first time you submit a form here (a tool, sign-up, log-in…)',
    lasts: 'Until you close the browser',
    flags: 'SameSite=Lax, Secure over HTTPS; readable by this site’s own script, by design',
  },
] as const;

/** Cookie Policy: the two strictly necessary cookies, and the browser storage the app uses. */
export default function CookiesPage() {
  return (
    <LegalPage
      title="Cookie Policy"
      intro={
        <>
          This site, run by <Placeholder>Operator name</Placeholder>, uses two cookies, both strictly
          necessary for logging in securely. It uses no tracking, analytics, advertising or third-party
          cookies, and loads nothing from other sites.
        </>
      }
    >
      <LegalSection id="cookies-list" title="The cookies">
        <div className="table-scroll" role="region" aria-labelledby="cookies-list" tabIndex={0}>
          <Table withTableBorder verticalSpacing="sm" aria-labelledby="cookies-list" className="legal-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Cookie</Table.Th>
                <Table.Th scope="col">What it is for</Table.Th>
                <Table.Th scope="col">Set</Table.Th>
                <Table.Th scope="col">Lasts</Table.Th>
                <Table.Th scope="col">Protections</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {COOKIES.map((cookie) => (
                <Table.Tr key={cookie.name}>
                  <Table.Th scope="row">
                    <code>{cookie.name}</code>
                  </Table.Th>
                  <Table.Td>{cookie.purpose}</Table.Td>
                  <Table.Td>{cookie.when}</Table.Td>
                  <Table.Td>{cookie.lasts}</Table.Td>
                  <Table.Td>{cookie.flags}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </LegalSection>

      <LegalSection id="cookies-storage" title="Other storage in your browser">
        <Text mb="xs">These stay in your browser and are never sent to the server:</Text>
        <ul>
          <li>
            <code>textai-color-scheme</code> (local storage): your choice of the light or dark theme, once you
            have made one.
          </li>
          <li>
            What you type into the tool forms (session storage, this tab only), so that a reload does not lose
            it. It is cleared when you log out or close the tab.
          </li>
        </ul>
      </LegalSection>

      <LegalSection id="cookies-consent" title="Consent and control">
        <Text>
          Because both cookies are strictly necessary for a service you ask for, they are set without a
          consent banner. <Placeholder>Check this against the law that applies to you</Placeholder>. You can
          block or delete cookies in your browser&apos;s settings: you then cannot log in, but{' '}
          <Placeholder>
            the tools stay available without an account / guest access is off on this server
          </Placeholder>
          . What the server stores about you is described in the{' '}
          <LegalLink to="/privacy">Privacy Policy</LegalLink>.
        </Text>
      </LegalSection>

      <LegalSection id="cookies-contact" title="Contact">
        <Text>
          Questions: <Placeholder>Contact email</Placeholder>.
        </Text>
      </LegalSection>
    </LegalPage>
  );
}
