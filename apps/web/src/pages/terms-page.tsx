import { Text } from '@mantine/core';
import { LegalLink, LegalPage, LegalSection, Placeholder } from '../components/legal.tsx';

/** Terms of Service: a template the operator completes. */
export default function TermsPage() {
  return (
    <LegalPage
      title="Terms of Service"
      intro={
        <>
          These terms apply to your use of the TextAI Studio service at <Placeholder>Service URL</Placeholder>
          , run by <Placeholder>Operator name</Placeholder> (“we”). By using it you accept them.
        </>
      }
    >
      <LegalSection id="terms-service" title="The service">
        <Text>
          TextAI Studio analyses text: sentiment, summaries, how much a text reads like fabricated news, and
          how well a résumé matches a job description. The analysis runs on our server; the software is the
          open source TextAI Studio (Apache License 2.0).{' '}
          <Placeholder>What the service costs, if anything</Placeholder>.
        </Text>
      </LegalSection>

      <LegalSection id="terms-accounts" title="Accounts">
        <ul>
          <li>
            You must be at least <Placeholder>Minimum age</Placeholder> years old to create an account.
          </li>
          <li>
            Give an email address you can receive mail at, keep your password and API keys to yourself, and
            tell us at <Placeholder>Contact email</Placeholder> if you think someone else has used them.
          </li>
          <li>
            Accounts have a tier that sets how many requests you may make per hour. We may change a tier, or
            disable an account that breaks these terms; a disabled account cannot log in and its API keys stop
            working.
          </li>
          <li>
            You can delete your account at any time in <LegalLink to="/settings">Settings</LegalLink>.
          </li>
        </ul>
      </LegalSection>

      <LegalSection id="terms-use" title="Acceptable use">
        <Text mb="xs">Do not:</Text>
        <ul>
          <li>submit content you have no right to process, or that is unlawful;</li>
          <li>
            submit other people&apos;s personal data (for example someone else&apos;s résumé) without a lawful
            reason to;
          </li>
          <li>
            try to get around the request limits, other users&apos; data, or the security of the service;
          </li>
          <li>
            put a load on the service that harms other users. <Placeholder>Other rules</Placeholder>.
          </li>
        </ul>
      </LegalSection>

      <LegalSection id="terms-content" title="Your content">
        <Text>
          What you submit stays yours. You allow us to process it only to give you the results and to keep the
          history and files described in the <LegalLink to="/privacy">Privacy Policy</LegalLink>, for as long
          as it says.
        </Text>
      </LegalSection>

      <LegalSection id="terms-results" title="The results">
        <Text>
          The results come from statistical models and can be wrong. The fake-news score measures how much a
          text reads like known fabricated news; it does not check facts. The job-match score is not a hiring
          decision. Do not rely on a result alone for a decision that matters, above all one about a person.
        </Text>
      </LegalSection>

      <LegalSection id="terms-availability" title="Availability and changes">
        <Text>
          The service is provided as it is, without a promise that it is always available.{' '}
          <Placeholder>Service levels, if any</Placeholder>. We may change these terms; we will tell you{' '}
          <Placeholder>how, and how long before the change</Placeholder>.
        </Text>
      </LegalSection>

      <LegalSection id="terms-liability" title="Liability">
        <Text>
          <Placeholder>Limitation of liability, as the law that applies to you allows</Placeholder>.
        </Text>
      </LegalSection>

      <LegalSection id="terms-law" title="Law and contact">
        <Text>
          These terms are governed by the law of <Placeholder>Country or state</Placeholder>; disputes go to
          the courts of <Placeholder>Venue</Placeholder>. Contact: <Placeholder>Contact email</Placeholder>,{' '}
          <Placeholder>Postal address</Placeholder>.
        </Text>
      </LegalSection>
    </LegalPage>
  );
}
