import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ContentKind } from '@steward/domain';

/**
 * The evidence digest (README "Moderation: evidence"). A snapshot is serialized as a JSON object
 * of a fixed field set and canonicalized with RFC 8785 (JSON Canonicalization Scheme: keys sorted
 * by UTF-16 code units, ECMAScript number and string forms, no insignificant whitespace) by the
 * `canonicalize` library; the digest is SHA-256 over the UTF-8 bytes of that text, in hex.
 *
 * Anyone can check a copy without Steward: take the attachment's `snapshot` object, canonicalize
 * it with any RFC 8785 implementation, hash it with SHA-256, compare with the digest.
 */
export const EVIDENCE_ALGORITHM = 'SHA-256 of RFC 8785 (JCS) canonical JSON';

/** Names the field set, so a later change to it can be told apart from tampering. */
export const EVIDENCE_FORMAT = 'steward.moderation.snapshot/1';

/** The snapshot's fields as stored (the digest is always recomputed from these, not from text). */
export interface EvidenceFields {
  caseId: string;
  accountId: string;
  kind: ContentKind;
  platformContentId: string;
  authorName: string | null;
  authorHandle: string | null;
  text: string;
  mediaUrls: readonly string[];
  permalink: string | null;
  postedAt: Date | null;
  capturedAt: Date;
  capturedById: string | null;
}

/**
 * The documented field set, every field present (null when unknown), times as ISO 8601 UTC with
 * milliseconds. The case and account ids bind the copy to its case, so a snapshot cannot be
 * passed off as the evidence of another case.
 */
export function evidenceDocument(f: EvidenceFields) {
  return {
    format: EVIDENCE_FORMAT,
    caseId: f.caseId,
    accountId: f.accountId,
    kind: f.kind,
    platformContentId: f.platformContentId,
    authorName: f.authorName,
    authorHandle: f.authorHandle,
    text: f.text,
    mediaUrls: [...f.mediaUrls],
    permalink: f.permalink,
    postedAt: f.postedAt ? f.postedAt.toISOString() : null,
    capturedAt: f.capturedAt.toISOString(),
    capturedBy: f.capturedById,
  };
}

export function canonicalEvidence(f: EvidenceFields): string {
  const text = canonicalize(evidenceDocument(f));
  if (text === undefined) throw new Error('the snapshot could not be canonicalized');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function evidenceDigest(f: EvidenceFields): { canonical: string; digest: string } {
  const canonical = canonicalEvidence(f);
  return { canonical, digest: sha256Hex(canonical) };
}
