import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GqlResult, type TestApp } from '../../test/harness.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';

/**
 * Required interactions (XII) and questions about planned content (XVIII) over GraphQL, as each
 * role, against a real PostgreSQL: who may set, confirm, retire, ask and answer; what each
 * person sees; refusals with their sections; one audit event per change; the history kept.
 */

let t: TestApp;
let smtp: SmtpCatcher;
const people: Record<string, string> = {};
let affiliated = '';
let personal = '';

const INTERACTION = `id accountId accountHandle description target state requiredAt retiredAt retireNote version
  requiredBy { fullName } retiredBy { fullName }
  confirmations { confirmedAt confirmedBy { fullName } }
  awaitingConfirmationFrom { fullName }
  canConfirm canRetire`;

interface Interaction {
  id: string;
  accountId: string;
  accountHandle: string;
  description: string;
  target: string | null;
  state: string;
  retiredAt: string | null;
  retireNote: string | null;
  requiredBy: { fullName: string } | null;
  retiredBy: { fullName: string } | null;
  confirmations: { confirmedAt: string; confirmedBy: { fullName: string } | null }[];
  awaitingConfirmationFrom: { fullName: string }[];
  canConfirm: boolean;
  canRetire: boolean;
}

const QUESTION = `id question plannedText mediaDescription status askedAt lastMessageAt answeredAt accountHandle
  asker { fullName } recipient { fullName } answeredBy { fullName }
  messages { kind body createdAt author { fullName } }
  canAnswer canFollowUp`;

interface Question {
  id: string;
  question: string;
  plannedText: string;
  mediaDescription: string | null;
  status: string;
  answeredAt: string | null;
  accountHandle: string | null;
  asker: { fullName: string } | null;
  recipient: { fullName: string } | null;
  answeredBy: { fullName: string } | null;
  messages: { kind: string; body: string; author: { fullName: string } | null }[];
  canAnswer: boolean;
  canFollowUp: boolean;
}

const sections = (r: GqlResult) => r.errors?.[0]?.extensions?.sections;

async function register(token: string, handle: string, signals: string[]): Promise<string> {
  const r = await t.gql<{ registerSocialAccount: { id: string } }>(
    'mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { id } }',
    { input: { platform: 'INSTAGRAM', handle, signals } },
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data?.registerSocialAccount.id as string;
}

function requireInteraction(token: string, accountId: string, description: string, target?: string | null) {
  return t.gql<{ requireInteraction: Interaction }>(
    `mutation($input: RequireInteractionInput!) { requireInteraction(input: $input) { ${INTERACTION} } }`,
    { input: { accountId, description, target } },
    token,
  );
}

function confirm(token: string, id: string) {
  return t.gql<{ confirmRequiredInteraction: Interaction }>(
    `mutation($id: ID!) { confirmRequiredInteraction(id: $id) { ${INTERACTION} } }`,
    { id },
    token,
  );
}

function retire(token: string, id: string, note?: string) {
  return t.gql<{ retireRequiredInteraction: Interaction }>(
    `mutation($id: ID!, $note: String) { retireRequiredInteraction(id: $id, note: $note) { ${INTERACTION} } }`,
    { id, note },
    token,
  );
}

function accountInteractions(token: string, id: string) {
  return t.gql<{ socialAccount: { canRequireInteraction: boolean; requiredInteractions: Interaction[] } }>(
    `query($id: ID!) { socialAccount(id: $id) { canRequireInteraction requiredInteractions { ${INTERACTION} } } }`,
    { id },
    token,
  );
}

function listInteractions(token: string, filter: Record<string, unknown> = {}) {
  return t.gql<{ requiredInteractions: { total: number; items: Interaction[] } }>(
    `query($filter: RequiredInteractionFilter) { requiredInteractions(filter: $filter) { total items { ${INTERACTION} } } }`,
    { filter },
    token,
  );
}

function ask(token: string, input: Record<string, unknown>) {
  return t.gql<{ askAboutContent: Question }>(
    `mutation($input: AskAboutContentInput!) { askAboutContent(input: $input) { ${QUESTION} } }`,
    { input },
    token,
  );
}

function answer(token: string, questionId: string, text: string) {
  return t.gql<{ answerContentQuestion: Question }>(
    `mutation($q: ID!, $a: String!) { answerContentQuestion(questionId: $q, answer: $a) { ${QUESTION} } }`,
    { q: questionId, a: text },
    token,
  );
}

function followUp(token: string, questionId: string, text: string) {
  return t.gql<{ followUpContentQuestion: Question }>(
    `mutation($q: ID!, $m: String!) { followUpContentQuestion(questionId: $q, message: $m) { ${QUESTION} } }`,
    { q: questionId, m: text },
    token,
  );
}

function getQuestion(token: string, id: string) {
  return t.gql<{ contentQuestion: Question }>(`query($id: ID!) { contentQuestion(id: $id) { ${QUESTION} } }`, { id }, token);
}

function listQuestions(token: string, filter: Record<string, unknown> = {}) {
  return t.gql<{ contentQuestions: { total: number; items: Question[] } }>(
    `query($filter: ContentQuestionFilter) { contentQuestions(filter: $filter) { total items { ${QUESTION} } } }`,
    { filter },
    token,
  );
}

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await t.sql<{ action: string }>('select action from audit_event where target_id = $1 order by occurred_at, id', [
    targetId,
  ]);
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  // The outbox delivers to a real SMTP catcher, so the mails are read as the asker gets them.
  smtp = await startSmtpCatcher();
  t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
  for (const row of await t.sql<{ email: string; id: string }>('select email, id from staff')) {
    people[row.email.split('@')[0] as string] = row.id;
  }
  const teacher = await t.login('teacher.north');
  affiliated = await register(teacher, 'north_third_grade', ['PURPORTS_OFFICIAL', 'SHARES_SCHOOL_UPDATES']);
  personal = await register(teacher, 'tom_reads_books', []);
  // A colleague helps run the class page (XXIX: active staff only; set here directly).
  await t.sql('insert into social_account_administrator (social_account_id, staff_id) values ($1, $2)', [
    affiliated,
    people['teacher2.north'],
  ]);
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

describe('required interactions (XII)', () => {
  it('the principal requires, the owner and the administrator confirm, the account page shows who and when', async () => {
    const principal = await t.login('principal.north');
    const set = await requireInteraction(principal, affiliated, "Follow the district's main account", 'district');
    expect(set.errors).toBeUndefined();
    const required = set.data?.requireInteraction as Interaction;
    expect(required).toMatchObject({
      accountHandle: 'north_third_grade',
      target: '@district',
      state: 'AWAITING_CONFIRMATION',
      requiredBy: { fullName: 'Grace Abernathy' },
      confirmations: [],
      canConfirm: false,
      canRetire: true,
    });
    expect(required.awaitingConfirmationFrom.map((p) => p.fullName).sort()).toEqual(['Amara Okafor', 'Tom Lindqvist']);

    const teacher = await t.login('teacher.north');
    const mine = await listInteractions(teacher, { awaitingMyConfirmation: true });
    expect(mine.data?.requiredInteractions.items.map((i) => i.id)).toContain(required.id);
    expect(mine.data?.requiredInteractions.items.find((i) => i.id === required.id)?.canConfirm).toBe(true);

    const first = await confirm(teacher, required.id);
    expect(first.errors).toBeUndefined();
    expect(first.data?.confirmRequiredInteraction).toMatchObject({
      state: 'AWAITING_CONFIRMATION',
      confirmations: [{ confirmedBy: { fullName: 'Tom Lindqvist' } }],
      awaitingConfirmationFrom: [{ fullName: 'Amara Okafor' }],
      canConfirm: false,
    });
    expect(errorCode(await confirm(teacher, required.id))).toBe('CONFLICT');
    expect((await listInteractions(teacher, { awaitingMyConfirmation: true })).data?.requiredInteractions.items.map((i) => i.id)).not.toContain(
      required.id,
    );

    // The administrator (not the owner) sees it in their list and confirms it.
    const colleague = await t.login('teacher2.north');
    const theirs = await listInteractions(colleague, { awaitingMyConfirmation: true });
    expect(theirs.data?.requiredInteractions.items.map((i) => i.id)).toEqual([required.id]);
    // An administrator reads the account as its owner would (XXIX, as socialAccount(id) lets them):
    // the nested account and the link to its page, not only its handle.
    const nested = await t.gql<{ requiredInteractions: { items: { accountHandle: string; account: { id: string } | null; canOpenAccount: boolean }[] } }>(
      '{ requiredInteractions(filter: { awaitingMyConfirmation: true }) { items { accountHandle account { id } canOpenAccount } } }',
      {},
      colleague,
    );
    expect(nested.data?.requiredInteractions.items).toEqual([
      { accountHandle: 'north_third_grade', account: { id: affiliated }, canOpenAccount: true },
    ]);
    expect((await t.gql<{ socialAccount: { id: string } }>('query($id: ID!) { socialAccount(id: $id) { id } }', { id: affiliated }, colleague)).data?.socialAccount.id).toBe(affiliated);
    // Someone of another school neither reads it directly nor through the requirement.
    const outsider = await t.gql<{ requiredInteractions: { items: { account: { id: string } | null; canOpenAccount: boolean }[] } }>(
      '{ requiredInteractions { items { account { id } canOpenAccount } } }',
      {},
      await t.login('principal.south'),
    );
    expect(outsider.data?.requiredInteractions.items.some((i) => i.account?.id === affiliated || i.canOpenAccount)).toBe(false);
    const second = await confirm(colleague, required.id);
    expect(second.errors).toBeUndefined();
    expect(second.data?.confirmRequiredInteraction.state).toBe('CONFIRMED');
    expect(second.data?.confirmRequiredInteraction.confirmations.map((c) => c.confirmedBy?.fullName)).toEqual([
      'Tom Lindqvist',
      'Amara Okafor',
    ]);

    const page = await accountInteractions(teacher, affiliated);
    expect(page.errors).toBeUndefined();
    expect(page.data?.socialAccount.canRequireInteraction).toBe(false);
    expect(page.data?.socialAccount.requiredInteractions.find((i) => i.id === required.id)?.state).toBe('CONFIRMED');
    expect((await accountInteractions(principal, affiliated)).data?.socialAccount.canRequireInteraction).toBe(true);

    expect(await auditActions(required.id)).toEqual(['interaction.require', 'interaction.confirm', 'interaction.confirm']);
  });

  it('another school\'s teacher and principal neither see nor confirm; the owner cannot set their own', async () => {
    const principal = await t.login('principal.north');
    const set = await requireInteraction(principal, affiliated, "Answer parents' questions within 2 school days");
    const id = set.data?.requireInteraction.id as string;
    expect(set.data?.requireInteraction.target).toBeNull();

    for (const who of ['teacher.south', 'principal.south']) {
      const token = await t.login(who);
      const confirmed = await confirm(token, id);
      expect(errorCode(confirmed)).toBe('FORBIDDEN');
      expect(sections(confirmed)).toEqual(['XII']);
      expect((await listInteractions(token)).data?.requiredInteractions.items.map((i) => i.id)).not.toContain(id);
      expect(errorCode(await retire(token, id))).toBe('FORBIDDEN');
    }
    const south = await t.login('principal.south');
    expect(errorCode(await requireInteraction(south, affiliated, 'Follow the South Middle School account'))).toBe('FORBIDDEN');

    // The owner may not set or retire their own account's requirements (the role says so first).
    const teacher = await t.login('teacher.north');
    expect(errorCode(await requireInteraction(teacher, affiliated, 'I will follow whoever I like'))).toBe('FORBIDDEN');
    expect(errorCode(await retire(teacher, id))).toBe('FORBIDDEN');
    // The principal does not confirm for the teacher (only the account's people confirm).
    const refused = await confirm(principal, id);
    expect(errorCode(refused)).toBe('FORBIDDEN');

    // District roles read everything.
    for (const who of ['superintendent', 'auditor', 'admin']) {
      const all = await listInteractions(await t.login(who), { accountId: affiliated });
      expect(all.data?.requiredInteractions.items.map((i) => i.id)).toContain(id);
    }
  });

  it('refuses a personal account with the sections, and a retired one', async () => {
    const principal = await t.login('principal.north');
    const refused = await requireInteraction(principal, personal, "Follow the district's main account");
    expect(errorCode(refused)).toBe('POLICY_VIOLATION');
    expect(sections(refused)).toEqual(['VIII', 'IX', 'XII']);
    expect((await accountInteractions(principal, personal)).data?.socialAccount).toEqual({
      canRequireInteraction: false,
      requiredInteractions: [],
    });

    const admin = await t.login('admin');
    const old = await register(await t.login('music.north'), 'north_music_room', ['PURPORTS_OFFICIAL']);
    await t.sql(`update social_account set state = 'RETIRED' where id = $1`, [old]);
    const retiredAccount = await requireInteraction(admin, old, "Follow the district's main account");
    expect(errorCode(retiredAccount)).toBe('CONFLICT');
    expect(sections(retiredAccount)).toEqual(['XII']);

    const short = await requireInteraction(principal, affiliated, 'Follow');
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    const badTarget = await requireInteraction(principal, affiliated, "Follow the district's main account", 'javascript:alert(1)');
    expect(errorCode(badTarget)).toBe('BAD_USER_INPUT');
  });

  it('retires a requirement: kept in the history, nothing left to confirm, never deleted', async () => {
    const admin = await t.login('admin');
    const set = await requireInteraction(admin, affiliated, 'Share the district calendar each month', 'https://district.example/calendar');
    const id = set.data?.requireInteraction.id as string;
    expect(set.data?.requireInteraction.target).toBe('https://district.example/calendar');
    const principal = await t.login('principal.north');
    const retired = await retire(principal, id, 'The calendar moved to the website.');
    expect(retired.errors).toBeUndefined();
    expect(retired.data?.retireRequiredInteraction).toMatchObject({
      state: 'RETIRED',
      retireNote: 'The calendar moved to the website.',
      retiredBy: { fullName: 'Grace Abernathy' },
      awaitingConfirmationFrom: [],
      canRetire: false,
    });
    expect(errorCode(await retire(principal, id))).toBe('CONFLICT');
    expect(errorCode(await confirm(await t.login('teacher.north'), id))).toBe('CONFLICT');
    const page = await accountInteractions(await t.login('teacher.north'), affiliated);
    const items = page.data?.socialAccount.requiredInteractions ?? [];
    expect(items.at(-1)?.id).toBe(id);
    expect((await listInteractions(principal, { state: 'RETIRED' })).data?.requiredInteractions.items.map((i) => i.id)).toEqual([id]);
    expect(await auditActions(id)).toEqual(['interaction.require', 'interaction.retire']);
    await expect(t.sql('delete from required_interaction where id = $1', [id])).rejects.toThrow(/history/);
    await expect(t.sql('update required_interaction_confirmation set confirmed_at = now()')).rejects.toThrow(/history/);
  });
});

describe('required interactions of an account reclassified as personal (VIII, IX, XII)', () => {
  async function reclassify(token: string, id: string, signals: string[]) {
    const current = await t.gql<{ socialAccount: { version: number } }>('query($id: ID!) { socialAccount(id: $id) { version } }', { id }, token);
    const r = await t.gql<{ updateSocialAccount: { classification: string } }>(
      'mutation($input: UpdateSocialAccountInput!) { updateSocialAccount(input: $input) { classification } }',
      { input: { id, version: current.data?.socialAccount.version, signals } },
      token,
    );
    expect(r.errors).toBeUndefined();
    return r.data?.updateSocialAccount.classification;
  }

  it('no longer stand: out of the awaiting lists, not confirmed, kept as LAPSED; affiliated again, they do not come back', async () => {
    const teacher = await t.login('teacher.north');
    const principal = await t.login('principal.north');
    const robotics = await register(teacher, 'north_robotics_club', ['PURPORTS_OFFICIAL', 'SHARES_SCHOOL_UPDATES']);
    await t.sql('insert into social_account_administrator (social_account_id, staff_id) values ($1, $2)', [robotics, people['music.north']]);
    const set = await requireInteraction(principal, robotics, "Follow the district's robotics league account", 'district_robotics');
    const id = set.data?.requireInteraction.id as string;
    expect(set.data?.requireInteraction.state).toBe('AWAITING_CONFIRMATION');
    const music = await t.login('music.north');
    const awaiting = async (token: string) =>
      (await listInteractions(token, { awaitingMyConfirmation: true })).data?.requiredInteractions.items.map((i) => i.id);
    expect(await awaiting(teacher)).toContain(id);
    expect(await awaiting(music)).toContain(id);

    // The owner declares it personal: its administrator goes (XXIX), and so do its requirements.
    expect(await reclassify(teacher, robotics, [])).toBe('PERSONAL');
    expect(await awaiting(teacher)).not.toContain(id);
    expect(await awaiting(music)).not.toContain(id);
    const refused = await confirm(teacher, id);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(sections(refused)).toEqual(['VIII', 'IX', 'XII']);
    // The former administrator is not one of its people any more.
    expect(errorCode(await confirm(music, id))).toBe('FORBIDDEN');

    const page = await accountInteractions(teacher, robotics);
    expect(page.data?.socialAccount.canRequireInteraction).toBe(false);
    expect(page.data?.socialAccount.requiredInteractions).toEqual([
      expect.objectContaining({ id, state: 'LAPSED', awaitingConfirmationFrom: [], canConfirm: false, retiredAt: null }),
    ]);
    expect((await listInteractions(principal, { state: 'LAPSED' })).data?.requiredInteractions.items.map((i) => i.id)).toEqual([id]);
    for (const state of ['AWAITING_CONFIRMATION', 'CONFIRMED', 'RETIRED']) {
      expect((await listInteractions(principal, { state, accountId: robotics })).data?.requiredInteractions.total).toBe(0);
    }

    // Affiliated again: the old requirement stays lapsed (it ended with the affiliation); a new one stands.
    expect(await reclassify(teacher, robotics, ['PURPORTS_OFFICIAL'])).toBe('SCHOOL_AFFILIATED');
    expect((await accountInteractions(teacher, robotics)).data?.socialAccount.requiredInteractions.map((i) => i.state)).toEqual(['LAPSED']);
    expect(errorCode(await confirm(teacher, id))).toBe('CONFLICT');
    expect(await awaiting(teacher)).not.toContain(id);
    const again = await requireInteraction(principal, robotics, "Follow the district's robotics league account");
    expect(again.data?.requireInteraction).toMatchObject({ state: 'AWAITING_CONFIRMATION', canRetire: true });
    const list = await accountInteractions(teacher, robotics);
    // Standing ones first.
    expect(list.data?.socialAccount.requiredInteractions.map((i) => [i.id, i.state])).toEqual([
      [again.data?.requireInteraction.id, 'AWAITING_CONFIRMATION'],
      [id, 'LAPSED'],
    ]);
    expect((await confirm(teacher, again.data?.requireInteraction.id as string)).data?.confirmRequiredInteraction.state).toBe('CONFIRMED');
    // A lapsed one may still be retired (tidying up), and then reads RETIRED.
    expect((await retire(principal, id, 'Ended with the affiliation.')).data?.retireRequiredInteraction.state).toBe('RETIRED');
  });

  it('a retired account\'s requirement lapses too', async () => {
    const teacher = await t.login('teacher.north');
    const principal = await t.login('principal.north');
    const old = await register(teacher, 'north_chess_club', ['PURPORTS_OFFICIAL']);
    const id = (await requireInteraction(principal, old, "Follow the district's main account")).data?.requireInteraction.id as string;
    await t.sql(`update social_account set state = 'RETIRED' where id = $1`, [old]);
    expect((await listInteractions(teacher, { awaitingMyConfirmation: true })).data?.requiredInteractions.items.map((i) => i.id)).not.toContain(id);
    const refused = await confirm(teacher, id);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(sections(refused)).toEqual(['XII']);
    expect((await listInteractions(principal, { accountId: old })).data?.requiredInteractions.items.map((i) => i.state)).toEqual(['LAPSED']);
  });
});

describe('questions about planned content (XVIII)', () => {
  it('a teacher\'s question reaches their principal, is answered, asked further and answered again; the thread is kept', async () => {
    const teacher = await t.login('teacher.north');
    const asked = await ask(teacher, {
      question: 'May I post this with the song from the school concert as background music?',
      plannedText: 'Our 3rd graders sang beautifully tonight! #RalstonNorth',
      mediaDescription: 'A 30-second video of the choir from behind, no faces, with a pop song playing.',
      accountId: affiliated,
    });
    expect(asked.errors).toBeUndefined();
    const q = asked.data?.askAboutContent as Question;
    expect(q).toMatchObject({
      status: 'OPEN',
      accountHandle: 'north_third_grade',
      asker: { fullName: 'Tom Lindqvist' },
      recipient: { fullName: 'Grace Abernathy' },
      messages: [{ kind: 'QUESTION', author: { fullName: 'Tom Lindqvist' } }],
      canAnswer: false,
      canFollowUp: true,
    });

    const principal = await t.login('principal.north');
    const waiting = await listQuestions(principal, { waitingForMe: true });
    expect(waiting.data?.contentQuestions.items.map((x) => x.id)).toEqual([q.id]);
    expect(waiting.data?.contentQuestions.items[0]?.canAnswer).toBe(true);

    const answered = await answer(principal, q.id, 'The song is copyrighted: use the concert recording itself instead (XVIII).');
    expect(answered.errors).toBeUndefined();
    expect(answered.data?.answerContentQuestion).toMatchObject({ status: 'ANSWERED', answeredBy: { fullName: 'Grace Abernathy' } });
    expect((await listQuestions(principal, { waitingForMe: true })).data?.contentQuestions.total).toBe(0);

    const further = await followUp(teacher, q.id, 'Can I use the recording if one parent recorded it on their phone?');
    expect(further.data?.followUpContentQuestion.status).toBe('OPEN');
    const again = await answer(principal, q.id, 'Yes, with that parent\'s permission in writing.');
    expect(again.data?.answerContentQuestion.messages.map((m) => m.kind)).toEqual(['QUESTION', 'ANSWER', 'FOLLOW_UP', 'ANSWER']);

    // The teacher's own list, the thread as they see it.
    const mine = await listQuestions(teacher, { mine: true });
    expect(mine.data?.contentQuestions.items.map((x) => x.id)).toContain(q.id);
    const thread = await getQuestion(teacher, q.id);
    expect(thread.data?.contentQuestion.messages.map((m) => m.author?.fullName)).toEqual([
      'Tom Lindqvist',
      'Grace Abernathy',
      'Tom Lindqvist',
      'Grace Abernathy',
    ]);
    // Each message is mailed through the outbox: questions to the principal, answers to the asker.
    const notices = await t.sql<{ purpose: string; recipient_email: string; subject: string; body_text: string }>(
      `select purpose, recipient_email, subject, body_text from notification
        where subject_type = 'content_question' and subject_id = $1 order by created_at, id`,
      [q.id],
    );
    expect(notices.map((n) => [n.purpose, n.recipient_email])).toEqual([
      ['CONTENT_QUESTION', 'principal.north@demo.k12.example'],
      ['CONTENT_ANSWER', 'teacher.north@demo.k12.example'],
      ['CONTENT_QUESTION', 'principal.north@demo.k12.example'],
      ['CONTENT_ANSWER', 'teacher.north@demo.k12.example'],
    ]);
    expect(notices[0]?.subject).toBe('Question about content: Our 3rd graders sang beautifully tonight! #RalstonNorth');
    expect(notices[0]?.body_text).toContain('May I post this with the song from the school concert');
    expect(notices[0]?.body_text).toContain(`/#/contentQuestions/${q.id}/show`);
    expect(notices[1]?.body_text).toContain('The song is copyrighted');
    expect(notices[1]?.body_text).toContain('Grace Abernathy answered the question about a planned post that you sent them');
    expect(await auditActions(q.id)).toEqual([
      'contentQuestion.ask',
      'contentQuestion.answer',
      'contentQuestion.followUp',
      'contentQuestion.answer',
    ]);
    await expect(t.sql('delete from content_question_message where question_id = $1', [q.id])).rejects.toThrow(/history/);
    await expect(t.sql('update content_question_message set body = $2 where question_id = $1', [q.id, 'x'])).rejects.toThrow(/history/);
  });

  it('another principal and another school\'s teacher cannot read, answer or ask further', async () => {
    const teacher = await t.login('teacher.north');
    const q = (await ask(teacher, { question: 'Is this quote fine to use?', plannedText: 'A quote from a novel.' })).data
      ?.askAboutContent as Question;
    for (const who of ['principal.south', 'principal.high', 'teacher.south', 'teacher2.north']) {
      const token = await t.login(who);
      const read = await getQuestion(token, q.id);
      expect(errorCode(read)).toBe('FORBIDDEN');
      expect(sections(read)).toEqual(['XVIII']);
      expect((await listQuestions(token)).data?.contentQuestions.items.map((x) => x.id) ?? []).not.toContain(q.id);
      expect(errorCode(await followUp(token, q.id, 'Me too?'))).toBe('FORBIDDEN');
    }
    for (const who of ['principal.south', 'principal.high']) {
      expect(errorCode(await answer(await t.login(who), q.id, 'Sure.'))).toBe('FORBIDDEN');
    }
    // The asker cannot answer (no role), the principal cannot ask further in the teacher's name.
    expect(errorCode(await answer(teacher, q.id, 'Fine by me.'))).toBe('FORBIDDEN');
    expect(errorCode(await followUp(await t.login('principal.north'), q.id, 'More?'))).toBe('FORBIDDEN');
    // District roles read it; the district admin may answer as the fallback.
    for (const who of ['superintendent', 'external.relations', 'auditor']) {
      expect((await getQuestion(await t.login(who), q.id)).data?.contentQuestion.id).toBe(q.id);
    }
    const byAdmin = await answer(await t.login('admin'), q.id, 'A short quote with its source is fine.');
    expect(byAdmin.data?.answerContentQuestion.answeredBy?.fullName).toBe('Priya Raman');
    // The mail names who answered: a district admin, not the supervising administrator it went to.
    const mail = await smtp.waitFor(
      (m) => m.envelope.to.includes('teacher.north@demo.k12.example') && (m.text ?? '').includes('A short quote with its source is fine.'),
      10_000,
    );
    expect(mail.text).toContain('Priya Raman, a district administrator, answered your question about a planned post, which had gone to Grace Abernathy');
    expect(mail.text).not.toContain('Your supervising administrator answered');
  });

  it('routes a question from someone without a supervisor to a district admin; refuses an account the asker does not run', async () => {
    const superintendent = await t.login('superintendent');
    const q = await ask(superintendent, { question: 'Can the board photo go on the district page?', plannedText: 'Meet the board.' });
    expect(q.data?.askAboutContent.recipient?.fullName).toBe('Priya Raman');
    const admin = await t.login('admin');
    expect((await listQuestions(admin, { waitingForMe: true })).data?.contentQuestions.items.map((x) => x.id)).toContain(
      q.data?.askAboutContent.id,
    );
    const notMine = await ask(await t.login('teacher.south'), {
      question: 'Can I post on the North class page?',
      plannedText: 'Hello North!',
      accountId: affiliated,
    });
    expect(errorCode(notMine)).toBe('FORBIDDEN');
    expect(errorCode(await ask(await t.login('teacher.south'), { question: ' ', plannedText: 'x' }))).toBe('BAD_USER_INPUT');
  });

  it("an account's administrator asking about it reads the account on the question, as on its page (XXIX)", async () => {
    const colleague = await t.login('teacher2.north');
    const asked = await t.gql<{ askAboutContent: { id: string; accountHandle: string; account: { id: string } | null } }>(
      'mutation($input: AskAboutContentInput!) { askAboutContent(input: $input) { id accountHandle account { id } } }',
      { input: { question: 'May I post the spelling bee results?', plannedText: 'Congratulations to our spellers!', accountId: affiliated } },
      colleague,
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.askAboutContent).toMatchObject({ accountHandle: 'north_third_grade', account: { id: affiliated } });
    const listed = await t.gql<{ contentQuestions: { items: { id: string; account: { id: string } | null }[] } }>(
      '{ contentQuestions(filter: { mine: true }) { items { id account { id } } } }',
      {},
      colleague,
    );
    expect(listed.data?.contentQuestions.items.find((q) => q.id === asked.data?.askAboutContent.id)?.account).toEqual({ id: affiliated });
  });

  it('routes past a recorded supervisor who could never answer (no SUPERVISOR role, or inactive) to a district admin', async () => {
    const south = people['teacher.south'] as string;
    const admin = await t.login('admin');
    // A colleague recorded as the supervisor (SIS data): she has no role to answer questions.
    await t.sql('update staff set supervisor_id = $2 where id = $1', [south, people['teacher2.south']]);
    try {
      const q = await ask(await t.login('teacher.south'), { question: 'Is this photo fine?', plannedText: 'Science fair!' });
      expect(q.errors).toBeUndefined();
      expect(q.data?.askAboutContent.recipient?.fullName).toBe('Priya Raman');
      const id = q.data?.askAboutContent.id as string;
      expect((await listQuestions(admin, { waitingForMe: true })).data?.contentQuestions.items.map((x) => x.id)).toContain(id);
      const [event] = await t.sql<{ change: { recipient: string; fallback: boolean } }>(
        `select change from audit_event where target_id = $1 and action = 'contentQuestion.ask'`,
        [id],
      );
      expect(event?.change).toMatchObject({ recipient: people.admin, fallback: true });
      // The district admin can answer it, so it does not wait forever.
      expect((await answer(admin, id, 'Yes, no faces of students.')).data?.answerContentQuestion.status).toBe('ANSWERED');

      // A supervisor who has left cannot answer either.
      await t.sql('update staff set supervisor_id = $2 where id = $1', [south, people['former.high']]);
      const left = await ask(await t.login('teacher.south'), { question: 'And this one?', plannedText: 'Science fair, day 2!' });
      expect(left.data?.askAboutContent.recipient?.fullName).toBe('Priya Raman');

      // A district admin recorded as the supervisor answers as the supervisor (no fallback).
      await t.sql('update staff set supervisor_id = $2 where id = $1', [south, people.admin]);
      const direct = await ask(await t.login('teacher.south'), { question: 'And a third?', plannedText: 'Science fair, day 3!' });
      expect(direct.data?.askAboutContent.recipient?.fullName).toBe('Priya Raman');
      const [directEvent] = await t.sql<{ change: { fallback: boolean } }>(
        `select change from audit_event where target_id = $1 and action = 'contentQuestion.ask'`,
        [direct.data?.askAboutContent.id],
      );
      expect(directEvent?.change.fallback).toBe(false);
    } finally {
      await t.sql('update staff set supervisor_id = $2 where id = $1', [south, people['principal.south']]);
    }
  });

  it('filters by status, one statement per list page', async () => {
    const principal = await t.login('principal.north');
    const statements = await t.statements(() => listQuestions(principal, { status: 'ANSWERED' }));
    const reads = statements.filter((s) => /content_question/.test(s.sql));
    expect(reads.filter((s) => /from content_question q/.test(s.sql) && !/count\(\*\)/.test(s.sql))).toHaveLength(1);
    const answered = await listQuestions(principal, { status: 'ANSWERED' });
    expect(answered.data?.contentQuestions.items.every((x) => x.status === 'ANSWERED')).toBe(true);
  });
});

describe('every operation refuses callers without the role (SECURITY.md: a denial per operation)', () => {
  const ID = '00000000-0000-4000-8000-000000000000';
  const OPERATIONS: [name: string, document: string][] = [
    ['requiredInteractions', '{ requiredInteractions { total } }'],
    ['requireInteraction', `mutation { requireInteraction(input: { accountId: "${ID}", description: "Follow the district" }) { id } }`],
    ['confirmRequiredInteraction', `mutation { confirmRequiredInteraction(id: "${ID}") { id } }`],
    ['retireRequiredInteraction', `mutation { retireRequiredInteraction(id: "${ID}") { id } }`],
    ['contentQuestions', '{ contentQuestions { total } }'],
    ['contentQuestion', `{ contentQuestion(id: "${ID}") { id } }`],
    ['askAboutContent', 'mutation { askAboutContent(input: { question: "x", plannedText: "x" }) { id } }'],
    ['answerContentQuestion', `mutation { answerContentQuestion(questionId: "${ID}", answer: "x") { id } }`],
    ['followUpContentQuestion', `mutation { followUpContentQuestion(questionId: "${ID}", message: "x") { id } }`],
  ];
  const READS = new Set(['requiredInteractions', 'contentQuestions', 'contentQuestion']);
  const SUPERVISORS = new Set(['requireInteraction', 'retireRequiredInteraction', 'answerContentQuestion']);
  let sis = '';

  beforeAll(async () => {
    const issued = await t.gql<{ issueSisApiKey: { key: string } }>(
      'mutation { issueSisApiKey(name: "obligations test") { key } }',
      {},
      await t.login('admin'),
    );
    sis = issued.data?.issueSisApiKey.key as string;
    expect(sis).toMatch(/^stw_sis_/);
  });

  it.each(OPERATIONS)('%s: UNAUTHENTICATED signed out; FORBIDDEN to the SIS and to a role without it', async (name, document) => {
    expect(errorCode(await t.gql(document, {}, null))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(document, {}, sis))).toBe('FORBIDDEN');
    // The auditor only reads; a teacher neither requires, retires nor answers.
    if (!READS.has(name)) expect(errorCode(await t.gql(document, {}, await t.login('auditor')))).toBe('FORBIDDEN');
    if (SUPERVISORS.has(name)) {
      expect(errorCode(await t.gql(document, {}, await t.login('teacher.north')))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(document, {}, await t.login('external.relations')))).toBe('FORBIDDEN');
    }
  });
});
