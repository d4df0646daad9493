import {
  AFFILIATED_CONTENT_KIND_INFO,
  type AffiliatedContentKind,
  checkContentFields,
  type ContentFieldProblem,
  isAffiliatedContentKind,
  PLATFORMS,
  type Platform,
} from '@steward/domain';

/**
 * What identifies a register entry, checked in the form with the domain's `checkContentFields`
 * (XXIX), the same rule and the same messages as the API's refusal, so the form never says
 * something the server would not (nor lets through what it would refuse).
 */

type Values = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function kindOf(values: Values): AffiliatedContentKind {
  return isAffiliatedContentKind(values.contentKind) ? values.contentKind : 'SOCIAL_ACCOUNT';
}

/**
 * The platform the form sends. An entry known by its address has no platform input, so a
 * platform left over from before its kind changed (an account turned web page) is not sent:
 * the API puts it on WEB (or OTHER), or keeps the one it has.
 */
export function platformToSend(values: Values): Platform | null {
  if (AFFILIATED_CONTENT_KIND_INFO[kindOf(values)].identifiedBy === 'URL') return null;
  const platform = text(values.platform);
  return platform && (PLATFORMS as readonly string[]).includes(platform) ? (platform as Platform) : null;
}

/** The API's message for an address it cannot read (see its `cleanUrl`). */
const NOT_AN_ADDRESS: ContentFieldProblem = {
  ok: false,
  field: 'url',
  message: 'url must be an http(s) address',
  sections: ['XXIX'],
};

/** The first problem with the entry's identifying fields, as the API would report it; or null. */
export function identityProblem(values: Values): ContentFieldProblem | null {
  const rawUrl = text(values.url);
  let url: string | null = null;
  if (rawUrl) {
    // The API reads the address as a URL first (and stores it normalized), as here.
    try {
      const parsed = new URL(rawUrl);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return NOT_AN_ADDRESS;
      url = parsed.toString();
    } catch {
      return NOT_AN_ADDRESS;
    }
  }
  const handle = text(values.handle)?.replace(/^@+/, '') || null;
  if (handle !== null && (handle.length > 100 || /\s/.test(handle))) {
    // The API's own check of a handle (see its `cleanHandle`), before the kind's rule.
    return { ok: false, field: 'handle', message: 'handle must be at most 100 characters, without spaces', sections: ['XXIX'] };
  }
  const checked = checkContentFields({ kind: kindOf(values), platform: platformToSend(values), handle, url });
  return checked.ok ? null : checked;
}

export type IdentityField = ContentFieldProblem['field'];

/**
 * A react-admin validator for one of the identifying inputs: the domain's message when the
 * problem is about this field. `required` marks the input required (its asterisk) for the kind.
 */
export function identityValidator(field: IdentityField, required = false) {
  const validate = (_value: unknown, values: Values) => {
    const problem = identityProblem(values ?? {});
    return problem?.field === field ? problem.message : undefined;
  };
  return Object.assign(validate, { isRequired: required });
}
