import {
  AutocompleteInput,
  BooleanInput,
  CreateButton,
  Datagrid,
  DateField,
  FilterButton,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import { ResultsStatus } from '../common/ResultsStatus';
import { ShowLink } from '../common/ShowLink';
import { useSchoolChoices } from '../organization/hooks';
import { AttentionChips, ClassificationChip, StateChip } from './chips';
import {
  ACCOUNT_STATE_LABELS,
  CLASSIFICATION_LABELS,
  CONTENT_KIND_CHOICES,
  choicesOf,
  contentKindLabel,
  entryName,
  PLATFORM_CHOICES,
} from './labels';
import type { SocialAccountRecord } from './types';

function useAccountFilters() {
  const schools = useSchoolChoices();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder="Handle or display name" />,
    <SelectInput key="contentKind" source="contentKind" label="Kind" choices={CONTENT_KIND_CHOICES} />,
    <SelectInput
      key="classification"
      source="classification"
      choices={choicesOf(CLASSIFICATION_LABELS)}
    />,
    <SelectInput key="state" source="state" choices={choicesOf(ACCOUNT_STATE_LABELS)} />,
    <SelectInput key="platform" source="platform" choices={PLATFORM_CHOICES} />,
    <SelectInput key="schoolId" source="schoolId" label="School" choices={schools} />,
    <ReferenceInput key="ownerId" source="ownerId" reference="staff" label="Owner">
      <AutocompleteInput label="Owner" optionText="fullName" filterToQuery={(q) => ({ q })} />
    </ReferenceInput>,
    <BooleanInput key="needsAttention" source="needsAttention" label="Needs attention" />,
  ];
}

function ListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      {/* Hidden by canAccess for roles that may not register accounts (auditors). */}
      <CreateButton label="Register an account" />
    </TopToolbar>
  );
}

/**
 * The register the viewer may see (own, own staff's, or all): accounts, and the other
 * school-affiliated content XXIX names (web pages, microblogs, pages, handles), each with its kind.
 */
export function SocialAccountList() {
  return (
    <List
      filters={useAccountFilters()}
      actions={<ListActions />}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <ResultsStatus noun={['account', 'accounts']} />
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <ShowLink<SocialAccountRecord>
          label="Account"
          sortBy="handle"
          render={entryName}
        />
        <FunctionField<SocialAccountRecord>
          label="Kind"
          sortable={false}
          render={(r) => contentKindLabel(r.contentKind)}
        />
        <TextField source="displayName" sortable={false} emptyText="—" />
        <TextField source="owner.fullName" label="Owner" sortable={false} />
        <TextField source="school.name" label="School" sortable={false} emptyText="—" />
        <ClassificationChip label="Classification" />
        <StateChip label="State" sortBy="state" />
        <AttentionChips label="Attention" />
        <DateField source="updatedAt" label="Updated" />
      </Datagrid>
    </List>
  );
}
