import { Badge, Group, List, Progress, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useState } from 'react';
import { matchJob } from '../api/tools.ts';
import type { JobMatchRequest, JobMatchResult } from '../api/types.ts';
import { DocumentField } from '../components/document-field.tsx';
import { PercentRing } from '../components/percent-ring.tsx';
import { ExampleButtons, ToolPage, submitOnCtrlEnter } from '../components/tool-parts.tsx';
import { uploadProblem } from '../components/upload-limit.ts';
import type { Example } from '../components/tool-parts.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useStoredState } from '../hooks/use-stored-state.ts';
import { useToolCall } from '../hooks/use-tool-call.ts';
import { useUploadLimit } from '../server-config/server-config-context.ts';

const EXAMPLES: readonly Example<{ resume: string; job: string }>[] = [
  {
    name: 'Backend developer',
    value: {
      resume:
        'Jordan Lee — Backend Developer\n\n' +
        'Experience\n' +
        'Backend Developer, Northwind Logistics (2019 – 2025)\n' +
        '- Built and maintained REST APIs in Python and Django serving 2 million requests a day.\n' +
        '- Moved the order database from MySQL to PostgreSQL and cut report times by 60%.\n' +
        '- Containerised services with Docker and deployed them on AWS with Terraform.\n\n' +
        'Skills: Python, Django, PostgreSQL, Docker, AWS, Git, Linux',
      job:
        'Senior Backend Engineer\n\n' +
        'We are looking for a backend engineer with 5+ years of experience building web services.\n' +
        'Requirements: Python, PostgreSQL, Docker, Kubernetes, REST API design.\n' +
        'Nice to have: Go, Kafka, experience with AWS.',
    },
  },
  {
    name: 'Pastry chef for a data role',
    value: {
      resume:
        'Sam Rivera — Pastry Chef\n\n' +
        'Head Pastry Chef, Maison Claire (2014 – 2025)\n' +
        '- Created seasonal dessert menus and trained a team of six.\n' +
        '- Managed ingredient ordering and kept food costs under budget.',
      job:
        'Data Analyst\n\n' +
        'Requirements: 3+ years of SQL, Python or R, Tableau or Power BI, and statistics.\n' +
        'You will build dashboards and present findings to stakeholders.',
    },
  },
];

const RECOMMENDATION_COLOR: Record<JobMatchResult['recommendation'], MantineColor> = {
  'Excellent Match': 'teal',
  'Strong Match': 'green',
  'Good Match': 'blue',
  'Fair Match': 'yellow',
  'Weak Match': 'red',
};

const COMPONENTS: { key: keyof JobMatchResult['components']; name: string; about: string }[] = [
  { key: 'skills', name: 'Skills', about: "the job's skills found in the résumé" },
  { key: 'similarity', name: 'Similarity', about: 'how close the wording of the two texts is' },
  { key: 'title', name: 'Title', about: 'the job title against the résumé’s roles' },
  { key: 'experience', name: 'Experience', about: 'years of relevant experience against those asked for' },
];

function SkillChips({
  label,
  skills,
  color,
  empty,
}: {
  label: string;
  skills: string[];
  color: MantineColor;
  empty: string;
}) {
  const id = `skills-${label.toLowerCase()}`;
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm" id={id}>
        {label} ({skills.length})
      </Text>
      {skills.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Group gap={6} component="ul" className="chip-list" aria-labelledby={id}>
          {skills.map((skill) => (
            <Badge key={skill} component="li" color={color} variant="light" size="lg" tt="none">
              {skill}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

function JobMatchView({ result }: { result: JobMatchResult }) {
  const color = RECOMMENDATION_COLOR[result.recommendation];
  return (
    <Stack gap="lg">
      <Group gap="xl" align="center">
        <PercentRing value={result.match_score} color={color} label="Match" size={140} />
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Recommendation
          </Text>
          <Text className="verdict" c={color}>
            {result.recommendation}
          </Text>
          <Text size="sm">Match score {Math.round(result.match_percentage * 10) / 10}%</Text>
        </Stack>
      </Group>

      <div>
        <Title order={2} size="h4" id="skills-heading" mb="sm">
          Skills
        </Title>
        <Stack gap="md">
          <SkillChips
            label="Matched"
            skills={result.skills.matched}
            color="teal"
            empty="None of the job's skills found."
          />
          <SkillChips label="Missing" skills={result.skills.missing} color="red" empty="Nothing missing." />
          <SkillChips
            label="Extra"
            skills={result.skills.extra}
            color="gray"
            empty="No skills beyond the job's."
          />
        </Stack>
      </div>

      <div>
        <Title order={2} size="h4" id="components-heading" mb="sm">
          How the score is made
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {COMPONENTS.map((component) => {
            const value = result.components[component.key];
            return (
              <Stack gap={2} key={component.key}>
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={500}>
                    {component.name}
                  </Text>
                  <Text size="sm" fw={600}>
                    {Math.round(value * 100)}%
                  </Text>
                </Group>
                <Progress value={value * 100} aria-label={`${component.name} component`} />
                <Text size="xs" c="dimmed">
                  {component.about}
                </Text>
              </Stack>
            );
          })}
        </SimpleGrid>
      </div>

      {result.advice.length > 0 && (
        <div>
          <Title order={2} size="h4" id="advice-heading" mb="xs">
            Advice
          </Title>
          <List spacing={4} size="sm">
            {result.advice.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}

/**
 * The request: JSON when both are text, else multipart/form-data with each document as a file part
 * (the server extracts its text) or a text field, under the same names.
 */
function requestBody(resume: string | File, job: string | File): JobMatchRequest | FormData {
  if (typeof resume === 'string' && typeof job === 'string') return { resume, job_description: job };
  const form = new FormData();
  form.append('resume', resume);
  form.append('job_description', job);
  return form;
}

/** Job match: a résumé against a job description, each typed or uploaded (PDF, DOCX or TXT). */
export default function JobMatchPage() {
  usePageTitle('Job match');
  const [resume, setResume] = useStoredState('job-match.resume', '');
  const [job, setJob] = useStoredState('job-match.job', '');
  const [missing, setMissing] = useState<{ resume: boolean; job: boolean }>({ resume: false, job: false });
  // Files cannot live in sessionStorage: a chosen document lasts as long as the page.
  const [resumeFile, setResumeFile] = useState<File | null>(null);
  const [jobFile, setJobFile] = useState<File | null>(null);
  const tool = useToolCall(matchJob);
  const uploadLimit = useUploadLimit();

  const onSubmit = () => {
    const gaps = {
      resume: resumeFile === null && resume.trim() === '',
      job: jobFile === null && job.trim() === '',
    };
    setMissing(gaps);
    if (gaps.resume || gaps.job) return;
    // A file over the limit is marked under its field; the server would only refuse it (413).
    if (uploadProblem(resumeFile, uploadLimit) !== null || uploadProblem(jobFile, uploadLimit) !== null)
      return;
    void tool.run(requestBody(resumeFile ?? resume, jobFile ?? job));
  };

  return (
    <ToolPage
      title="Job match"
      intro="How well does a résumé fit a job? Paste both or upload them: you get a match score, the skills found and missing, and advice on what to add."
      submitLabel="Match"
      tool={tool}
      onSubmit={onSubmit}
      fields={
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Stack gap="sm">
              <Textarea
                label="Resume"
                name="resume"
                autosize
                minRows={10}
                maxRows={24}
                value={resume}
                error={missing.resume ? 'Paste the résumé or choose a file.' : undefined}
                onChange={(event) => {
                  setResume(event.currentTarget.value);
                  setMissing((m) => ({ ...m, resume: false }));
                }}
                onKeyDown={submitOnCtrlEnter}
              />
              <DocumentField
                label="Resume file"
                file={resumeFile}
                onChange={(file) => {
                  setResumeFile(file);
                  setMissing((m) => ({ ...m, resume: false }));
                }}
              />
            </Stack>
            <Stack gap="sm">
              <Textarea
                label="Job description"
                name="job_description"
                autosize
                minRows={10}
                maxRows={24}
                value={job}
                error={missing.job ? 'Paste the job description or choose a file.' : undefined}
                onChange={(event) => {
                  setJob(event.currentTarget.value);
                  setMissing((m) => ({ ...m, job: false }));
                }}
                onKeyDown={submitOnCtrlEnter}
              />
              <DocumentField
                label="Job description file"
                file={jobFile}
                onChange={(file) => {
                  setJobFile(file);
                  setMissing((m) => ({ ...m, job: false }));
                }}
              />
            </Stack>
          </SimpleGrid>
          <ExampleButtons
            examples={EXAMPLES}
            onPick={(example) => {
              setResume(example.resume);
              setJob(example.job);
              setMissing({ resume: false, job: false });
            }}
          />
        </>
      }
      renderResult={(_input, result) => <JobMatchView result={result} />}
    />
  );
}
