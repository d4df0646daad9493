import { cite, policySection, type SectionId } from '@steward/domain';

export interface CitedSection {
  id: string;
  summary: string | null;
}

/** Each cited section with what it says (the domain's summary, in our own words). */
export function citedSections(ids: readonly string[]): CitedSection[] {
  return [...new Set(ids)].map((id) => {
    let summary: string | null = null;
    try {
      summary = policySection(id as SectionId)?.summary ?? null;
    } catch {
      // An id the domain does not know (an older API): show the number alone.
    }
    return { id, summary };
  });
}

/** "Policy 4051 §VIII, §IX"-style citation for messages, as the domain formats it. */
export function describeSections(ids: readonly string[]): string {
  let text = '';
  try {
    text = cite(ids as SectionId[]);
  } catch {
    // An id the domain does not know: fall back to the plain numbers below.
  }
  return text.trim() || `Policy 4051 §${ids.join(', §')}`;
}
