import { describe, expect, it } from 'vitest';
import { importKinds } from './import-kinds.js';
import { issuesOfReason, mappingIssues } from './preview-import.js';

describe('issuesOfReason', () => {
  it("splits the importer's one-line reason back into fields and messages", () => {
    expect(issuesOfReason('employees: must be a number; name: required')).toEqual([
      { field: 'employees', message: 'must be a number' },
      { field: 'name', message: 'required' },
    ]);
    // A reason about the whole row keeps its marker as the field.
    expect(issuesOfReason('(row): has 3 values but the header has 4 columns')).toEqual([
      { field: '(row)', message: 'has 3 values but the header has 4 columns' },
    ]);
    expect(issuesOfReason('something odd')).toEqual([{ field: '(row)', message: 'something odd' }]);
  });
});

describe('mappingIssues', () => {
  const columns = ['Customer ID', 'Company'];
  it('names a field the kind does not have and a column the file does not have', () => {
    expect(
      mappingIssues(importKinds.accounts, columns, { revenue: 'Company', name: 'Account Name' }, false).map(
        (issue) => issue.field,
      ),
    ).toEqual(['mapping.revenue', 'mapping.name']);
  });
  it('asks for the fields an import cannot do without only when the mapping is to be run', () => {
    expect(mappingIssues(importKinds.accounts, columns, { name: 'Company' }, false)).toEqual([]);
    expect(mappingIssues(importKinds.accounts, columns, { name: 'Company' }, true)).toEqual([
      { field: 'mapping', message: "accounts need a column for externalId: map one of the file's columns to it" },
    ]);
  });
});
