import { Box, Typography } from '@mui/material';
import {
  ArrayField,
  Datagrid,
  EmailField,
  FunctionField,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';
import { useShowQueryOptions } from '../common/useShowQueryOptions';
import { SectionList } from '../policy/SectionList';
import {
  ENROLLMENT_LABELS,
  gradeLabel,
  MEDIA_SCOPE_LABELS,
  RELEASE_STATUS_LABELS,
  studentName,
} from './labels';
import { ReleaseChip } from './ReleaseChip';
import type { MediaReleaseRecord, StudentRecord } from './types';

function Title() {
  const record = useRecordContext<StudentRecord>();
  return <span>{record ? studentName(record) : 'Student'}</span>;
}

/** Today's standing for district social media (XIV): the chip, the sentence, the section. */
function Standing(_props: { label?: string }) {
  const record = useRecordContext<StudentRecord>();
  const standing = record?.mediaReleaseStanding;
  if (!standing) return null;
  return (
    <Box>
      <ReleaseChip />
      <Typography variant="body2" sx={{ mt: 1 }}>
        {standing.message}
      </Typography>
      <SectionList ids={standing.sections} dense />
    </Box>
  );
}

/** The window a release applies in: explicit dates, else the school year, else "until revoked". */
function validity(r: MediaReleaseRecord): string {
  if (r.validFrom || r.validUntil) {
    return `${r.validFrom ?? 'signed date'} to ${r.validUntil ?? 'revoked'}`;
  }
  if (r.schoolYear) return `School year ${r.schoolYear}`;
  return 'From the signed date until revoked';
}

function signer(r: MediaReleaseRecord): string {
  if (r.signedByGuardian) return `${r.signedByGuardian.givenName} ${r.signedByGuardian.familyName}`;
  if (r.signedByKind === 'STUDENT') return 'The student';
  return 'Not signed';
}

/**
 * Every release on file, newest first, for supervisors and district roles; staff see whether
 * today's standing is current, not the history (mediaRelease.read), and are told so.
 */
function ReleaseHistory(_props: { label?: string }) {
  const record = useRecordContext<StudentRecord>();
  if (!record) return null;
  if (!Array.isArray(record.mediaReleases)) {
    return (
      <Typography variant="body2">
        Only supervisors see the release history (and the district office). The standing above
        says whether a current release is on file.
      </Typography>
    );
  }
  return (
    <ArrayField source="mediaReleases">
      <Datagrid
        bulkActionButtons={false}
        rowClick={false}
        empty={<Typography variant="body2">No release on file.</Typography>}
      >
        <FunctionField<MediaReleaseRecord>
          label="Status"
          render={(r) =>
            `${RELEASE_STATUS_LABELS[r.status] ?? r.status}${r.active ? '' : ' (removed by the SIS)'}`
          }
        />
        <FunctionField<MediaReleaseRecord>
          label="Covers"
          render={(r) => r.scopes.map((s) => MEDIA_SCOPE_LABELS[s] ?? s).join(', ') || '—'}
        />
        <FunctionField<MediaReleaseRecord> label="Applies" render={validity} />
        <FunctionField<MediaReleaseRecord> label="Signed by" render={signer} />
        <TextField source="signedOn" label="Signed on" emptyText="—" />
        <TextField source="receivedOn" label="Received on" emptyText="—" />
        <TextField source="documentRef" label="Document" emptyText="—" />
      </Datagrid>
    </ArrayField>
  );
}

/**
 * Parents and guardians: only the district admin gets them (guardian.read); others see nothing.
 * Labelled here, so that nothing is labelled when there is nothing (`label={false}` for the layout).
 */
function Guardians(_props: { label?: false }) {
  const record = useRecordContext<StudentRecord>();
  if (!Array.isArray(record?.guardians)) return null;
  return (
    <Labeled label="Parents and guardians" fullWidth>
      <ArrayField source="guardians">
        <Datagrid
          bulkActionButtons={false}
          rowClick={false}
          empty={<Typography variant="body2">None on file.</Typography>}
        >
          <FunctionField<{ givenName: string; familyName: string; active: boolean }>
            label="Name"
            render={(g) => `${g.givenName} ${g.familyName}${g.active ? '' : ' (removed by the SIS)'}`}
          />
          <EmailField source="email" emptyText="—" />
          <TextField source="phone" emptyText="—" />
        </Datagrid>
      </ArrayField>
    </Labeled>
  );
}

export function StudentShow() {
  const queryOptions = useShowQueryOptions();
  return (
    <Show queryOptions={queryOptions} title={<Title />}>
      <SimpleShowLayout>
        <FunctionField<StudentRecord>
          label="Name"
          render={(r) => `${r.givenName} ${r.familyName}`}
        />
        <TextField source="preferredName" label="Goes by" emptyText="—" />
        <TextField source="school.name" label="School" emptyText="—" />
        <FunctionField<StudentRecord> label="Grade" render={(r) => gradeLabel(r.grade)} />
        <FunctionField<StudentRecord>
          label="Enrollment"
          render={(r) =>
            `${ENROLLMENT_LABELS[r.enrollmentStatus] ?? r.enrollmentStatus}${r.active ? '' : ' (removed by the SIS)'}`
          }
        />
        <TextField source="expectedGraduation" label="Expected graduation" emptyText="—" />
        <TextField source="sourcedId" label="SIS id" />
        <Standing label="Media release for district social media today" />
        <Labeled label="Release history" fullWidth>
          <ReleaseHistory />
        </Labeled>
        <Guardians label={false} />
      </SimpleShowLayout>
    </Show>
  );
}
